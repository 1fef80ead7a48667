/**
 * Shared by the hostile-answers-*.test.ts files: an APIG client on a loopback server, a handler that answers bytes
 * exactly as given, and the `[hostile]` report line the figures are printed with.
 */
import { tokenAuth } from "../../src/auth/token.js";
import { createApigClient } from "../../src/services/apig.js";
import type { Handler } from "../helpers/scripted-server.js";
import { PROJECT } from "../wait/fake-cloud.js";

export const MiB = 1024 * 1024;
export const IP = "192.0.2.10";

export const apigAt = (url: string, extra: { maxRetries?: number; maxResponseBytes?: number } = {}) =>
  createApigClient({ projectId: PROJECT, endpoint: url, auth: tokenAuth("tok"), logLevel: "off", ...extra });

export const report = (line: string) => console.log(`[hostile] ${line}`);

/** Answers `body` with `headers` exactly (no content type unless given). */
export const raw =
  (status: number, body: string | Buffer, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
