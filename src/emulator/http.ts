/** Small HTTP helpers of the emulator: answers, body reading, ids. */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** What a handler returns; the server writes it. */
export interface Answer {
  status: number;
  /** Serialised as JSON; `undefined` sends no body. */
  body?: unknown;
  /** A `text/plain` body instead of JSON (the metadata API's session token). */
  text?: string;
  headers?: Record<string, string>;
}

/** Largest request body read, in bytes (the real gateway's limit is 12 MB; nothing here needs more than a few KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The request body was larger than {@link MAX_BODY_BYTES}. */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

/** Reads the whole request body, refusing more than {@link MAX_BODY_BYTES}. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.byteLength;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Writes an {@link Answer} as JSON. */
export function send(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  const payload = answer.text ?? (answer.body === undefined ? undefined : JSON.stringify(answer.body));
  const headers: Record<string, string> = { ...answer.headers };
  if (payload !== undefined) {
    headers["Content-Type"] = answer.text !== undefined ? "text/plain;charset=UTF-8" : "application/json;charset=UTF-8";
    headers["Content-Length"] = String(Buffer.byteLength(payload));
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}

/** `n` random bytes as lower-case hex (2n characters). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

/** Parses a JSON body; `undefined` for an empty body, an `Error` for a malformed one. */
export function parseJson(raw: Buffer): unknown {
  if (raw.byteLength === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8")) as unknown;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** Formats epoch ms as the ISO 8601 UTC date-time the APIs use. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
