// The same waits against a real node:http server on 127.0.0.1 with real (short) timers: real sockets, real
// transport timeouts, real Retry-After parsing.
import { afterEach, describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { AbortError } from "../../src/errors.js";
import { createApigClient } from "../../src/services/apig.js";
import { createDdsClient } from "../../src/services/dds.js";
import { JobFailedError } from "../../src/wait/errors.js";
import { json, startScriptedServer } from "../helpers/scripted-server.js";
import { accepted, DB, ddsPage, ELB, gateway, GATEWAY, NAT, NODE, PROJECT } from "./fake-cloud.js";

type Server = Awaited<ReturnType<typeof startScriptedServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const IP = "192.0.2.10";
const body = { elbs: [{ elb_id: ELB, public_ips: [{ type: "v4" as const, ip: IP }] }] };
const fast = { minDelayMs: 20, maxDelayMs: 40, maxWaitMs: 5000 };

describe("waits against a local HTTP server", () => {
  it("deregister: 202, then Running-with-IP → Updating → 429 with Retry-After → Running without the IP", async () => {
    server = await startScriptedServer(
      json(202, accepted),
      json(200, gateway("Running", [IP])),
      json(200, gateway("Updating", [IP])),
      json(429, { error_code: "APIGW.0308", error_message: "throttled" }, { "retry-after": "0.2" }),
      json(200, gateway("Running", [])),
    );
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok"), maxRetries: 0, logLevel: "off" });
    const handle = await apig.deregisterIngressIps(GATEWAY, body);
    const statuses: string[] = [];
    const started = Date.now();
    const details = await handle.wait({
      ...fast,
      maxDelayMs: 100,
      onProgress: (e) => statuses.push(`${e.state}:${e.status}${e.error ? `:${e.error.split(":")[0]}` : ""}`),
    });
    expect(details.status).toBe("Running");
    // the Retry-After of 200 ms was honoured (a hint may stretch a delay up to 4 × maxDelayMs = 400 ms)
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    // the failed poll reports the last known status and its error
    expect(statuses).toEqual(["retry:Running", "retry:Updating", "retry:Updating:RateLimitError", "success:Running"]);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `PUT /v2/${PROJECT}/apigw/instances/${GATEWAY}/ingress-unregister`,
      ...Array(4).fill(`GET /v2/${PROJECT}/apigw/instances/${GATEWAY}`),
    ]);
    expect(server.requests.every((r) => r.headers["x-auth-token"] === "tok")).toBe(true);
  });

  it("deregister ending in UpdateFailed", async () => {
    server = await startScriptedServer(json(202, accepted), json(200, gateway("Updating", [IP])), json(200, gateway("UpdateFailed", [IP])));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok"), logLevel: "off" });
    const err = (await (await apig.deregisterIngressIps(GATEWAY, body)).wait(fast).catch((e: unknown) => e)) as JobFailedError;
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err.status).toBe("UpdateFailed");
  });

  it("DDS unbind over HTTP, and an abort that stops all further requests", async () => {
    server = await startScriptedServer(
      json(200, { instance_id: DB, node_id: NODE }),
      json(200, ddsPage({ nat_gateway_id: NAT, external_service_port: 8635 })),
      json(200, ddsPage(undefined)),
    );
    const dds = createDdsClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok"), logLevel: "off" });
    const location = await (await dds.unbindPublicGateway(DB, NODE)).wait(fast);
    expect(location.node.nat_gateway_id).toBeUndefined();
    expect(server.requests[2]?.url).toBe(`/v3/${PROJECT}/instances?id=${DB}`);

    await server.close();
    server = await startScriptedServer(json(200, { instance_id: DB, node_id: NODE }), json(200, ddsPage({ nat_gateway_id: NAT, external_service_port: 8635 })));
    const again = createDdsClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok"), logLevel: "off" });
    const controller = new AbortController();
    const handle = await again.unbindPublicGateway(DB, NODE);
    const waiting = handle.wait({ minDelayMs: 50, maxDelayMs: 50, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 120));
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    // A request already on the wire when the abort came may still reach the server on a loaded machine: count after it lands.
    await new Promise((r) => setTimeout(r, 60));
    const count = server.requests.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(server.requests.length).toBe(count);
  });
});
