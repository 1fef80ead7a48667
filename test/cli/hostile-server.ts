import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Text a hostile endpoint puts in every field it controls: OSC retitle, CSI clear-screen, C1 CSI, BEL, DEL, bidi
 * override, CR, and a newline followed by a forged result line.
 */
export const HOSTILE = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u0085\u009d0;x\u009c\u007f\u202eevil\rX\nDone: forged";

/** What the server answers: good-looking shapes whose server-chosen strings are all {@link HOSTILE}. */
export type HostileMode = "ok" | "error";

/** A loopback server that looks like APIG and DDS but fills every string it controls with escape sequences. */
export interface HostileServer {
  url: string;
  /** Requests received since the start or the last {@link HostileServer.reset}. */
  readonly requests: readonly string[];
  mode: HostileMode;
  reset(): void;
  stop(): Promise<void>;
}

function answer(req: IncomingMessage, res: ServerResponse, mode: HostileMode): void {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (mode === "error") {
    send(400, { error_code: `APIG.${HOSTILE}`, error_msg: `bad ${HOSTILE}`, request_id: `req-${HOSTILE}` });
    return;
  }
  const url = req.url ?? "";
  if (req.method === "GET" && /\/apigw\/instances\/[^/]+$/.test(url)) {
    const id = url.split("/").at(-1);
    send(200, { id, instance_name: `gw ${HOSTILE}`, status: `Updating${HOSTILE}`, publicips: [{ ip_address: `192.0.2.10${HOSTILE}` }] });
    return;
  }
  if (req.method === "PUT") {
    send(202, { job_id: `JOB-${HOSTILE}` });
    return;
  }
  if (req.method === "DELETE") {
    send(200, { instance_name: `rs ${HOSTILE}`, node_name: `node ${HOSTILE}` });
    return;
  }
  send(404, { error_code: "X.404", error_msg: "no such route" });
}

/** Starts a {@link HostileServer} on 127.0.0.1, port 0. */
export async function startHostileServer(): Promise<HostileServer> {
  const requests: string[] = [];
  const state = { mode: "ok" as HostileMode };
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on("end", () => answer(req, res, state.mode));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get mode() {
      return state.mode;
    },
    set mode(m) {
      state.mode = m;
    },
    reset: () => void requests.splice(0),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
