import { afterEach } from "vitest";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (req: SeenRequest, res: ServerResponse, index: number) => void | Promise<void>;

/**
 * A node:http server on 127.0.0.1 with a free port, answering with `handlers` in turn (the last one repeats).
 * Records every request. `close()` also destroys open sockets so a test never hangs on a stalled answer.
 */
export async function startScriptedServer(...handlers: Handler[]) {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const seen: SeenRequest = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
    const index = requests.push(seen) - 1;
    const handler = handlers[Math.min(index, handlers.length - 1)];
    if (!handler) throw new Error("no handler");
    await handler(seen, res, index);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers JSON with `status`, optional extra headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", "x-request-id": `req-${status}`, ...headers });
    res.end(JSON.stringify(body));
  };
}

/** Answers raw text with a content type. */
export function text(status: number, body: string, contentType: string): Handler {
  return (_req, res) => {
    res.writeHead(status, { "content-type": contentType });
    res.end(body);
  };
}

/** Destroys the connection without answering. */
export const reset: Handler = (_req, res) => {
  res.socket?.destroy();
};

/** Never answers (until the server closes). */
export const stall: Handler = () => {};

/** A server from {@link startScriptedServer}. */
export type ScriptedServer = Awaited<ReturnType<typeof startScriptedServer>>;

/**
 * For a test file: returns a starter whose servers are all closed after each test, also when it fails, so no
 * test leaves a listening socket behind.
 */
export function scriptedServers(): (...handlers: Handler[]) => Promise<ScriptedServer> {
  const open: ScriptedServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async (...handlers) => {
    const server = await startScriptedServer(...handlers);
    open.push(server);
    return server;
  };
}
