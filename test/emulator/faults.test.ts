import { describe, expect, it } from "vitest";
import { ConnectionError, InternalServerError, RateLimitError } from "../../src/index.js";
import { FaultInjector, validateFaults } from "../../src/emulator/faults.js";
import type { RequestLogEntry } from "../../src/emulator/index.js";
import { apigPath, ddsGatewayPath, emulator, raw, recordingLogger, rejection, SEED, tokenClients } from "./support.js";

const rule = { nat_gateway_id: "nat-1", public_ip_id: "eip-1", external_service_port: 27017 };

/** An emulator whose request log is kept, with clients that record the SDK's retry lines. */
async function setup(options: Parameters<typeof emulator>[0] = {}, maxRetries?: number) {
  const log: RequestLogEntry[] = [];
  const emu = await emulator({ ...options, onRequest: (e) => log.push(e) });
  const logger = recordingLogger();
  return { emu, log, logger, ...tokenClients(emu, { logger, ...(maxRetries !== undefined ? { maxRetries } : {}) }) };
}

describe("emulator faults: 429 bursts", () => {
  it("a burst of 1 with Retry-After 1 is retried by the SDK after 1 s and succeeds", async () => {
    const { apig, log, logger } = await setup({ faults: { throttle: { count: 1, retryAfterSec: 1 } } });
    const started = Date.now();
    expect((await apig.getInstance(SEED.gateway)).status).toBe("Running");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(log.map((e) => [e.status, e.fault])).toEqual([
      [429, "throttle"],
      [200, undefined],
    ]);
    expect(logger.lines).toContainEqual(expect.stringMatching(/429 APIGW\.0308; retry 1\/2 in 1000 ms/));
  });

  it("answers the gateway's 429 body, with Retry-After only when configured", async () => {
    const emu = await emulator({ faults: { throttle: { count: 2, retryAfterSec: 3 } } });
    const token = emu.issueToken();
    const first = await raw(emu, "GET", apigPath(SEED.gateway), { token });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("3");
    expect(first.json).toEqual({
      status_code: 429,
      request_id: first.headers.get("x-request-id"),
      error_code: "APIGW.0308",
      error_message: "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second",
      encoded_authorization_message: "",
    });
    emu.setFaults({ throttle: { count: 1 } });
    const second = await raw(emu, "GET", apigPath(SEED.gateway), { token });
    expect(second.status).toBe(429);
    expect(second.headers.has("retry-after")).toBe(false);
    expect((await raw(emu, "GET", apigPath(SEED.gateway), { token })).status).toBe(200);
  });

  it("without Retry-After the SDK backs off on its own; a longer burst than its retries surfaces RateLimitError", async () => {
    const { dds, log } = await setup({ faults: { throttle: { count: 1 } } });
    expect((await dds.listInstances()).total_count).toBe(2);
    expect(log.map((e) => e.status)).toEqual([429, 200]);

    const burst = await setup({ faults: { throttle: { count: 5 } } }, 1);
    const err = await rejection(burst.dds.bindPublicGateway(SEED.replicaSet, SEED.secondary, rule));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ status: 429, code: "APIGW.0308" });
    expect(burst.log).toHaveLength(2); // even the non-idempotent bind is retried: 429 means "not applied"
    expect(burst.emu.faults.throttle?.count).toBe(3);
  });
});

describe("emulator faults: server errors", () => {
  it("error rate 1 makes every attempt fail; the SDK retries GETs twice, then throws InternalServerError", async () => {
    const { apig, log, logger } = await setup({ faults: { errors: { rate: 1, statuses: [503] } } });
    const err = await rejection(apig.getInstance(SEED.gateway));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err).toMatchObject({ status: 503, code: "APIGW.0202", message: "Backend unavailable" });
    expect(log.map((e) => [e.status, e.fault])).toEqual([
      [503, "error"],
      [503, "error"],
      [503, "error"],
    ]);
    expect(logger.lines.filter((l) => l.includes("503 APIGW.0202; retry"))).toHaveLength(2);
  });

  it("does not retry a failed DDS bind (POST), and nothing was applied", async () => {
    const { emu, dds, log } = await setup({ faults: { errors: { rate: 1, statuses: [500] } } });
    const err = await rejection(dds.bindPublicGateway(SEED.replicaSet, SEED.secondary, rule));
    expect(err).toMatchObject({ status: 500, code: "APIGW.0201" });
    expect(log).toHaveLength(1);
    expect(emu.state.instances.get(SEED.replicaSet)?.groups[0]?.nodes[1]?.publicGateway).toBeUndefined();
  });

  it("answers each service's 500 shape", async () => {
    const emu = await emulator({ faults: { errors: { rate: 1, statuses: [500] } } });
    expect((await raw(emu, "GET", apigPath(SEED.gateway))).json).toEqual({ error_code: "APIC.9000", error_msg: "Failed to request internal service" });
    expect((await raw(emu, "POST", "/v3/auth/tokens", { body: {} })).json).toMatchObject({ error_code: "IAM.0006" });
    expect((await raw(emu, "DELETE", ddsGatewayPath(SEED.replicaSet, SEED.primary))).json).toMatchObject({ error_code: "APIGW.0201" });
  });

  it("a seeded error rate gives the same sequence every run", async () => {
    const run = async () => {
      const emu = await emulator({ faults: { errors: { rate: 0.5 }, seed: 42 } });
      const token = emu.issueToken();
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await raw(emu, "GET", apigPath(SEED.gateway), { token })).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(200);
    expect(first.some((s) => s === 500 || s === 503)).toBe(true);
  });
});

describe("emulator faults: connection resets", () => {
  it("a reset of the next request is retried by the SDK for a GET", async () => {
    const { apig, log, logger } = await setup({ faults: { resets: { count: 1 } } });
    expect((await apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    expect(log.map((e) => e.status)).toEqual(["reset", 200]);
    expect(logger.lines).toContainEqual(expect.stringMatching(/ConnectionError; retry 1\/2/));
  });

  it("a reset DDS bind surfaces ConnectionError (not retried: it may have been applied) and was not applied", async () => {
    const { emu, dds, log } = await setup({ faults: { resets: { count: 1 } } });
    const err = await rejection(dds.bindPublicGateway(SEED.replicaSet, SEED.secondary, rule));
    expect(err).toBeInstanceOf(ConnectionError);
    expect(log).toHaveLength(1);
    expect(emu.state.instances.get(SEED.replicaSet)?.groups[0]?.nodes[1]?.publicGateway).toBeUndefined();
  });

  it("a reset rate restricted to one operation leaves the others alone", async () => {
    const { apig, dds } = await setup({ faults: { resets: { rate: 1 }, only: { operations: ["ShowInstance"] } } }, 1);
    expect(await rejection(apig.getInstance(SEED.gateway))).toBeInstanceOf(ConnectionError);
    expect((await dds.listInstances()).total_count).toBe(2);
  });
});

describe("emulator faults: latency, scope, run-time changes", () => {
  it("delays answers by ms + jitter", async () => {
    const { apig, log } = await setup({ faults: { latency: { ms: 200, jitterMs: 50 } } });
    const started = Date.now();
    await apig.getInstance(SEED.gateway);
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    expect(log[0]).toMatchObject({ fault: "latency", status: 200, operation: "ShowInstance" });
    expect(log[0]?.durationMs).toBeGreaterThanOrEqual(195);
    expect(log[0]?.durationMs).toBeLessThan(1000);
  });

  it("seeded jitter is reproducible", () => {
    const draw = () => {
      const f = new FaultInjector({ latency: { ms: 10, jitterMs: 1000 }, seed: 7 });
      const route = { service: "apig" as const, operation: "ShowInstance" as const, params: {}, authenticated: true };
      return Array.from({ length: 5 }, () => f.latencyMs(route));
    };
    const a = draw();
    expect(draw()).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(1);
    for (const ms of a) expect(ms).toBeGreaterThanOrEqual(10);
  });

  it("`only.services` limits faults to one service", async () => {
    const { emu, apig, dds } = await setup({ faults: { throttle: { count: 5 }, only: { services: ["dds"] } } }, 0);
    expect((await apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    expect(await rejection(dds.listInstances())).toBeInstanceOf(RateLimitError);
    expect(emu.faults.throttle?.count).toBe(4);
  });

  it("faults can be set at run time, through setFaults and POST /__emulator/faults, and never hit admin routes", async () => {
    const { emu, apig } = await setup({}, 0);
    emu.setFaults({ throttle: { count: 1 } });
    expect(await rejection(apig.getInstance(SEED.gateway))).toBeInstanceOf(RateLimitError);
    expect((await apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);

    const set = await raw(emu, "POST", "/__emulator/faults", { body: { errors: { rate: 1, statuses: [500] }, throttle: { count: 2 } } });
    expect(set).toMatchObject({ status: 200, json: { errors: { rate: 1, statuses: [500] }, throttle: { count: 2 } } });
    expect((await raw(emu, "GET", "/__emulator/state")).status).toBe(200);
    expect(await rejection(apig.getInstance(SEED.gateway))).toBeInstanceOf(RateLimitError);
    expect((await raw(emu, "GET", "/__emulator/faults")).json).toMatchObject({ throttle: { count: 1 } });

    const bad = await raw(emu, "POST", "/__emulator/faults", { body: { errors: { rate: 2 }, throttle: {}, typo: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error_code).toBe("EMU.0400");
    expect(bad.json.error_msg).toBe(
      "faults.typo is not a known option (latency, errors, throttle, resets, corrupt, only, seed); faults.errors.rate must be a number from 0 to 1; faults.throttle.count is required",
    );
    expect(emu.faults).toMatchObject({ throttle: { count: 1 } }); // unchanged by the refused update

    expect((await raw(emu, "POST", "/__emulator/faults", { body: {} })).json).toEqual({});
    expect((await apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
  });

  it.each([
    [{ latency: { ms: -1 } }, "faults.latency.ms must be an integer from 0 to 600000"],
    [{ errors: { rate: 0.5, statuses: [404] } }, "faults.errors.statuses must be a non-empty array of 500, 502, 503, 504"],
    [{ resets: { rate: "half" } }, "faults.resets.rate must be a number from 0 to 1"],
    [{ corrupt: { count: 1, operation: "Nope" } }, "faults.corrupt.operation must be one of"],
    [{ only: { services: ["ecs"] } }, "faults.only.services must be an array of apig, dds, iam"],
    [{ seed: 1.5 }, "faults.seed must be an integer"],
    [[], "faults must be an object"],
  ])("refuses %j", (faults, message) => {
    expect(() => validateFaults(faults)).toThrow(message);
  });

  it("refuses invalid faults at start and in setFaults", async () => {
    await expect(emulator({ faults: { throttle: { count: -1 } } })).rejects.toThrow("faults.throttle.count");
    const emu = await emulator();
    expect(() => emu.setFaults({ latency: { ms: 1.5 } })).toThrow(TypeError);
  });

  it("corrupt (test hook) breaks the next answer of the chosen operation only", async () => {
    const { emu, apig, dds } = await setup({ faults: { corrupt: { count: 1, operation: "ShowInstance" } } });
    expect((await dds.listInstances()).total_count).toBe(2);
    expect((await apig.getInstance(SEED.gateway)).status).toBe("Exploded");
    expect((await apig.getInstance(SEED.gateway)).status).toBe("Running");
    expect(emu.faults.corrupt?.count).toBe(0);
  });
});
