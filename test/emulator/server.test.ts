import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { startEmulator, type RequestLogEntry } from "../../src/emulator/index.js";
import { apigPath, emulator, raw, SEED, tokenClients } from "./support.js";

const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
const settle = () => new Promise((r) => setTimeout(r, 50));

/** One request on a fresh connection (no pooled keep-alive sockets left in the test process). */
function once(url: string, path: string): Promise<{ status: number; requestId: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, requestId: res.headers["x-request-id"] as string | undefined }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("emulator server", () => {
  it("puts X-Request-Id on every answer: success, API errors, unknown routes, admin", async () => {
    const emu = await emulator();
    const token = emu.issueToken();
    const answers = await Promise.all([
      raw(emu, "GET", apigPath(SEED.gateway), { token }),
      raw(emu, "GET", apigPath("nope"), { token }),
      raw(emu, "GET", apigPath(SEED.gateway)),
      raw(emu, "GET", "/v9/whatever"),
      raw(emu, "DELETE", apigPath(SEED.gateway), { token }),
      raw(emu, "GET", "/__emulator/state"),
      raw(emu, "GET", "/__emulator/nope"),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 404, 401, 404, 404, 200, 404]);
    const ids = answers.map((a) => a.headers.get("x-request-id"));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(answers[3]?.json).toEqual({
      error_code: "APIGW.0101",
      error_msg: "The API does not exist or has not been published in an environment",
      request_id: ids[3],
    });
    expect(answers[4]?.json.error_code).toBe("APIGW.0101"); // known path, wrong method
    expect(answers[6]?.json.error_code).toBe("EMU.0404");
  });

  it("refuses bodies over 1 MB with 413", async () => {
    const emu = await emulator();
    const res = await raw(emu, "PUT", apigPath(SEED.gateway, "/ingress-register"), { token: emu.issueToken(), body: "x".repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(res.json.error_code).toBe("APIGW.0201");
  });

  it("dumps the state without secrets", async () => {
    const emu = await emulator({ jobDelayMs: 60_000 });
    const token = emu.issueToken();
    const { apig } = tokenClients(emu);
    await apig.deregisterIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] });
    const res = await raw(emu, "GET", "/__emulator/state");
    const text = JSON.stringify(res.json);
    for (const secret of [SEED.password, SEED.sk, token]) expect(text).not.toContain(secret);
    expect(res.json).toMatchObject({
      projectId: SEED.project,
      region: "cn-north-4",
      users: [{ domainName: SEED.domain, userName: SEED.user }],
      accessKeys: [{ accessKeyId: SEED.ak, temporary: false }],
      tokens: { issued: 2, valid: 2 },
      faults: {},
    });
    const gateways = res.json.gateways as { id: string; status: string }[];
    expect(gateways.find((g) => g.id === SEED.gateway)?.status).toBe("Updating");
    expect(res.json.jobs).toEqual([expect.objectContaining({ instanceId: SEED.gateway, action: "unregister", status: "Running" })]);
  });

  it("reset (admin route and method) restores the seed, cancels pending jobs and restores the start faults; tokens stay valid", async () => {
    const emu = await emulator({ jobDelayMs: 100, faults: { latency: { ms: 1 } } });
    const { apig, dds } = tokenClients(emu);
    await apig.deregisterIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] });
    await dds.unbindPublicGateway(SEED.replicaSet, SEED.primary);
    emu.setFaults({ throttle: { count: 100 }, only: { services: ["iam"] } });
    const res = await raw(emu, "POST", "/__emulator/reset");
    expect(res.status).toBe(200);
    expect(emu.faults).toEqual({ latency: { ms: 1 } });
    await new Promise((r) => setTimeout(r, 200)); // the cancelled job would have ended by now
    const details = await apig.getInstance(SEED.gateway);
    expect(details.status).toBe("Running");
    expect(details.publicips).toContainEqual({ ip_address: "192.0.2.10", bandwidth_size: 5 });
    expect((await dds.getNode(SEED.replicaSet, SEED.primary)).node.external_service_port).toBe(8635);
    expect(emu.state.jobs.size).toBe(0);
    emu.reset();
    expect(emu.state.gateways.size).toBe(2);
  });

  it("reports each request to onRequest without bodies or credentials", async () => {
    const log: RequestLogEntry[] = [];
    const emu = await emulator({ onRequest: (e) => log.push(e) });
    const token = emu.issueToken();
    await raw(emu, "GET", `/v3/${SEED.project}/instances?name=dds`, { token });
    await raw(emu, "POST", "/v3/auth/tokens", { body: { auth: {} } });
    expect(log).toEqual([
      {
        method: "GET",
        path: `/v3/${SEED.project}/instances`,
        status: 200,
        operation: "ListInstances",
        requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
        durationMs: expect.any(Number),
        fault: undefined,
      },
      {
        method: "POST",
        path: "/v3/auth/tokens",
        status: 400,
        operation: "CreateTokenByPassword",
        requestId: expect.any(String),
        durationMs: expect.any(Number),
        fault: undefined,
      },
    ]);
    expect(JSON.stringify(log)).not.toContain(token);
  });

  it("stop() closes the server, every connection and every timer, and is idempotent", async () => {
    await settle();
    const servers = count("TCPServerWrap");
    let timersBeforeStop = 0;
    const emu = await startEmulator({ jobDelayMs: 60_000, ddsSettleMs: 60_000, faults: { latency: { ms: 30_000 }, only: { operations: ["ListInstances"] } } });
    let stuck: Promise<unknown> = Promise.resolve();
    try {
      expect(count("TCPServerWrap")).toBe(servers + 1);
      const token = emu.issueToken();
      const first = await once(emu.url, "/__emulator/health");
      expect(first.status).toBe(200);
      // A pending APIG job, a settling DDS unbind, and a request stuck in injected latency.
      await raw(emu, "PUT", apigPath(SEED.gateway, "/ingress-unregister"), {
        token,
        body: { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] },
      });
      await raw(emu, "DELETE", `/v3/${SEED.project}/instances/${SEED.replicaSet}/nodes/${SEED.primary}/public-gateway`, { token });
      stuck = fetch(`${emu.url}/v3/${SEED.project}/instances`, { headers: { "X-Auth-Token": token } }).then(
        (r) => r.status,
        (e: unknown) => e,
      );
      await settle();
      timersBeforeStop = count("Timeout");
    } finally {
      const started = Date.now();
      await Promise.all([emu.stop(), emu.stop()]);
      expect(Date.now() - started).toBeLessThan(2000);
    }
    expect(await stuck).toBeInstanceOf(Error); // its connection was closed, not left hanging
    await settle();
    expect(count("TCPServerWrap")).toBe(servers);
    // The job, the DDS settle and the latency timer are gone (other code in this process may own timers too).
    expect(count("Timeout")).toBeLessThanOrEqual(timersBeforeStop - 3);
    await expect(once(emu.url, "/__emulator/health")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await emu.stop();
  });

  it("answers a request that is in injected latency when stop() runs by closing its connection", async () => {
    const emu = await startEmulator({ faults: { latency: { ms: 30_000 } } });
    const token = emu.issueToken();
    const pending = fetch(`${emu.url}${apigPath(SEED.gateway)}`, { headers: { "X-Auth-Token": token } });
    await settle();
    await emu.stop();
    await expect(pending).rejects.toThrow();
  });
});
