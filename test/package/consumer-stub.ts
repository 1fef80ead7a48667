// The services as the consumer tests see them: a node:http stub on 127.0.0.1 answering each operation of the three
// specs (openapi/*.yaml) with the first example of its success response, and recording what it was sent.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { at } from "./helpers.js";

export const SUBJECT_TOKEN = "MIIDkgYJKoZIhvcNAQcCoII-consumer-test-token";

// biome-ignore lint/suspicious/noExplicitAny: spec documents are walked field by field without a schema type
export type Obj = Record<string, any>;
export interface Route {
  spec: string;
  operationId: string;
  method: string;
  pattern: RegExp;
  status: number;
  example: unknown;
}

export function loadRoutes(): Route[] {
  const routes: Route[] = [];
  for (const spec of ["apig", "dds", "iam"]) {
    const doc = parse(readFileSync(at("openapi", `${spec}.yaml`), "utf8")) as Obj;
    const deref = (o: Obj): Obj =>
      typeof o?.$ref === "string"
        ? deref(
            o.$ref
              .slice(2)
              .split("/")
              .reduce((n: Obj, k: string) => n[k], doc),
          )
        : o;
    for (const [p, item] of Object.entries(doc.paths as Obj)) {
      for (const [method, op] of Object.entries(item as Obj)) {
        if (!op?.operationId) continue;
        const [status, response] = Object.entries(op.responses as Obj).find(([code]) => code.startsWith("2")) ?? [];
        if (!status) continue;
        const media = deref(response).content?.["application/json"];
        const first = media?.examples ? deref(Object.values(media.examples as Obj)[0]).value : media?.example;
        const pattern = new RegExp(`^${p.replace(/\{[^}]+\}/g, "[^/]+")}(?:\\?.*)?$`);
        routes.push({ spec, operationId: op.operationId, method: method.toUpperCase(), pattern, status: Number(status), example: first });
      }
    }
  }
  return routes;
}

export interface Seen {
  operationId: string;
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export async function startStub(routes: Route[]) {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += String(chunk);
    const route = routes.find((r) => r.method === req.method && r.pattern.test(req.url ?? ""));
    seen.push({ operationId: route?.operationId ?? "?", method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
    const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": `req-${seen.length}` };
    if (!route) {
      res.writeHead(404, headers).end(JSON.stringify({ error_code: "STUB.404", error_msg: `no route for ${req.method} ${req.url}` }));
      return;
    }
    if (route.operationId === "CreateTokenByPassword") headers["x-subject-token"] = SUBJECT_TOKEN;
    res.writeHead(route.status, headers).end(JSON.stringify(route.example));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
