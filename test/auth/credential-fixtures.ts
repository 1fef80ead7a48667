// Fakes of the credential sources (metadata service, pod identity agent, IAM federation) on 127.0.0.1.
import type { ServerResponse } from "node:http";
import { vi } from "vitest";
import type { ProvidedCredentials } from "../../src/auth/credentials.js";
import { TimeoutError } from "../../src/errors.js";
import { scriptedServers, type SeenRequest } from "../helpers/scripted-server.js";

export const SECRET = "tmp-secret-key-never-shown-0123456789";
export const SECURITY_TOKEN = "security-token-never-shown-abcdefghijkl";

/** A request for a strategy to sign, to 127.0.0.1. */
export const request = () => ({ method: "GET", url: new URL("http://127.0.0.1/x"), headers: new Headers(), body: undefined });
/** The AK a signed request went out with. */
export const accessOf = (r: ReturnType<typeof request>) => /Access=(\w+)/.exec(r.headers.get("Authorization") ?? "")?.[1];

/** A loader whose n-th answer is temporary keys TMP<n> valid `lifetimeMs` from now; `fail` makes the next ones fail. */
export function loader(lifetimeMs: number) {
  const state = { calls: 0, fail: false };
  const load = vi.fn(async (): Promise<ProvidedCredentials> => {
    const n = ++state.calls;
    await Promise.resolve();
    if (state.fail) throw new TimeoutError("metadata down");
    return {
      accessKeyId: `TMP${n}`,
      secretAccessKey: `secret-value-${n}-xxxxxxxx`,
      securityToken: `token-value-${n}-xxxxxxxx`,
      expiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
    };
  });
  return { load, state };
}

let serial = 0;
/** A temporary credential answer valid for `lifetimeMs`, with a new AK each time. */
export function credentialAnswer(lifetimeMs: number) {
  const n = ++serial;
  return {
    credential: {
      access: `TMPAK${n}`,
      secret: `${SECRET}${n}`,
      securitytoken: `${SECURITY_TOKEN}${n}`,
      expires_at: new Date(Date.now() + lifetimeMs).toISOString(),
    },
  };
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** A metadata service fake: `securitykey` answers what `answer` gives; the session token is `session-1`, `session-2`… */
export function metadataServers() {
  const start = scriptedServers();
  return async (answer: (req: SeenRequest, res: ServerResponse, n: number) => void | Promise<void>) => {
    let tokens = 0;
    let keys = 0;
    return start(async (req, res) => {
      if (req.method === "PUT" && req.url === "/meta-data/latest/api/token") return send(res, 200, `session-${++tokens}`);
      if (req.method === "GET" && req.url === "/openstack/latest/securitykey") return answer(req, res, ++keys);
      send(res, 404, { error: "no such path" });
    });
  };
}
