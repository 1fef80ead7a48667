/** Helpers of the metadata, pod identity, federation and project tests: plain HTTP on the emulator, AK/SK signing. */
import { signRequest } from "../../src/index.js";
import type { Emulator } from "../../src/emulator/index.js";

/** A plain call to the emulator: status, headers, and the body as text and (when JSON) parsed. */
export async function call(emu: Emulator, method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${emu.url}${path}`, { method, headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A metadata session token valid for `ttlSeconds`. */
export async function metadataToken(emu: Emulator, ttlSeconds = 21600): Promise<string> {
  const res = await call(emu, "PUT", "/meta-data/latest/api/token", { headers: { "X-Metadata-Token-Ttl-Seconds": String(ttlSeconds) } });
  if (res.status !== 200) throw new Error(`metadata token: ${res.status} ${res.text}`);
  return res.text;
}

/** The `credential` object of a metadata, pod identity or securitytokens answer. */
export interface WireCredential {
  access: string;
  secret: string;
  securitytoken: string;
  expires_at: string;
}

export function credentialOf(json: Record<string, unknown> | undefined): WireCredential {
  const c = json?.credential as WireCredential | undefined;
  if (!c) throw new Error(`no credential in ${JSON.stringify(json)}`);
  return c;
}

/** A GET signed with AK/SK (and the security token, when given), without X-Project-Id. */
export async function signedGet(emu: Emulator, path: string, creds: { accessKeyId: string; secretAccessKey: string; securityToken?: string }) {
  const url = `${emu.url}${path}`;
  const headers = await signRequest({ method: "GET", url }, creds);
  const res = await fetch(url, { headers });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
