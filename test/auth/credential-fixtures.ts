// Fakes of the credential sources (metadata service, pod identity agent, IAM federation) on 127.0.0.1.
import type { ServerResponse } from "node:http";
import { scriptedServers, type SeenRequest } from "../helpers/scripted-server.js";

export const SECRET = "tmp-secret-key-never-shown-0123456789";
export const SECURITY_TOKEN = "security-token-never-shown-abcdefghijkl";

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
