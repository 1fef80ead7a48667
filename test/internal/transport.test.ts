import { describe, expect, it } from "vitest";
import type { AuthStrategy } from "../../src/options.js";
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  RateLimitError,
  TimeoutError,
} from "../../src/errors.js";
import { testTransport } from "../helpers/test-transport.js";
import { json, scriptedServers, type ScriptedServer, reset, stall, startScriptedServer, text } from "../helpers/scripted-server.js";

const serve = scriptedServers();
let server: ScriptedServer;

const transport = testTransport;

const REGISTER = "/v2/p1/apigw/instances/i1/ingress-register";
const UNREGISTER = "/v2/p1/apigw/instances/i1/ingress-unregister";
const BIND = "/v3/p1/instances/i1/nodes/n1/public-gateway";
const elbs = JSON.stringify({ elbs: [{ elb_id: "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab" }] });
const bind = JSON.stringify({ nat_gateway_id: "nat-1", public_ip_id: "eip-1", external_service_port: 8635 });

const accepted = { instance_id: "6a7d71827fd54572b1f31aa9548fcc81", message: "ok", job_id: "JOB-a7c1241c33334490a3fdcd11102bcbda" };

describe("fault matrix", () => {
  it("retries a reset connection and then succeeds", async () => {
    server = await serve(reset, json(202, accepted));
    const res = await transport()(`${server.url}${UNREGISTER}`, { method: "PUT", body: elbs });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual(accepted);
    expect(server.requests).toHaveLength(2);
  });

  it("gives TimeoutError after 1 + maxRetries slow attempts", async () => {
    server = await serve(stall);
    const t = transport({ timeoutMs: 150, maxRetries: 1 });
    await expect(t(`${server.url}/x`, { method: "GET" })).rejects.toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it("503 twice then 202: three attempts, the 202 body", async () => {
    server = await serve(json(503, { error_code: "APIC.9000", error_msg: "busy" }), json(503, {}), json(202, accepted));
    const res = await transport()(`${server.url}${REGISTER}`, { method: "PUT", body: elbs });
    expect(res.status).toBe(202);
    expect(server.requests).toHaveLength(3);
  });

  it("503 three times: InternalServerError after maxRetries", async () => {
    server = await serve(json(503, { error_code: "APIC.9000", error_msg: "Failed to request internal service" }));
    const err = await transport()(`${server.url}/x`, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err).toMatchObject({ status: 503, code: "APIC.9000", message: "Failed to request internal service", requestId: "req-503" });
    // Still worth a retry by nature; the waiter reads this instead of knowing status codes.
    expect(err).toMatchObject({ retryable: true, retryAfterMs: undefined });
    expect(server.requests).toHaveLength(3);
  });

  it("429 with Retry-After waits as told, then succeeds", async () => {
    server = await serve(
      json(429, { error_code: "APIGW.0308", error_message: "The throttling threshold has been reached" }, { "retry-after": "1" }),
      json(200, { ok: true }),
    );
    const started = Date.now();
    const res = await transport({ random: () => 0 })(`${server.url}/x`, { method: "GET" });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it("429 reads error_message into message", async () => {
    server = await serve(json(429, { error_code: "APIGW.0308", error_message: "throttled", request_id: "body-id" }, { "x-request-id": "" }));
    const err = await transport({ maxRetries: 0 })(`${server.url}/x`, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ code: "APIGW.0308", message: "throttled" });
  });

  it("429 with a Retry-After beyond the bound is not waited for", async () => {
    server = await serve(json(429, { error_code: "APIGW.0308", error_message: "slow down" }, { "retry-after": "3600" }));
    const err = await transport()(`${server.url}/x`, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ retryable: false, retryAfterMs: 3_600_000 });
    expect(server.requests).toHaveLength(1);
  });

  it("a Retry-After just past the transport's 60 s bound is not waited for either", async () => {
    server = await serve(json(429, { error_code: "APIGW.0308", error_message: "slow down" }, { "retry-after": "60.001" }));
    const err = await transport()(`${server.url}/x`, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, retryAfterMs: 60_001 });
    expect(server.requests).toHaveLength(1);
  });

  it("backs off with the shared backoff: at the top of the jitter, 500 ms then 1000 ms", async () => {
    server = await serve(json(503, {}), json(503, {}), json(200, { ok: true }));
    const started = Date.now();
    const res = await transport({ random: () => 1 })(`${server.url}/x`, { method: "GET" });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1450);
    expect(server.requests).toHaveLength(3);
  });

  it("HTML 502 gives InternalServerError with the page as body, after retries", async () => {
    server = await serve(text(502, "<html><body>Bad Gateway</body></html>", "text/html"));
    const err = (await transport()(`${server.url}/x`, { method: "GET" }).catch((e: unknown) => e)) as InternalServerError;
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.code).toBeUndefined();
    expect(err.message).toMatch(/HTTP 502.*text\/html/);
    expect(err.body).toContain("Bad Gateway");
    expect(server.requests).toHaveLength(3);
  });

  it("a non-JSON 400 body becomes BadRequestError without retry", async () => {
    server = await serve(text(400, "nope", "text/plain"));
    const err = await transport()(`${server.url}/x`, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it("an empty 500 body still gives a typed error", async () => {
    server = await serve((_r, res) => {
      res.writeHead(500);
      res.end();
    });
    const err = await transport({ maxRetries: 0 })(`${server.url}/x`, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect((err as Error).message).toMatch(/empty body/);
  });

  it("truncated JSON in a 2xx is retried, then InvalidResponseError", async () => {
    server = await serve(text(200, '{"instance_id":"6a7d', "application/json"));
    const err = await transport()(`${server.url}/x`, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(server.requests).toHaveLength(3);
  });

  it("an empty 2xx body is passed on as an empty answer", async () => {
    server = await serve((_r, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end();
    });
    const res = await transport()(`${server.url}/x`, { method: "GET" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });

  it("401 with a cached token: renewed once and sent again", async () => {
    let renewals = 0;
    let current = "old";
    const auth: AuthStrategy = {
      kind: "test",
      async authenticate(r) {
        r.headers.set("X-Auth-Token", current);
      },
      async onUnauthorized() {
        renewals++;
        current = "new";
        return true;
      },
    };
    server = await serve(json(401, { error_code: "APIC.7101", error_msg: "Token expired" }), json(200, { ok: 1 }));
    const res = await transport({ auth })(`${server.url}/x`, { method: "GET" });
    expect(res.status).toBe(200);
    expect(renewals).toBe(1);
    expect(server.requests.map((r) => r.headers["x-auth-token"])).toEqual(["old", "new"]);
  });

  it("401 twice: AuthenticationError after one renewal, never more", async () => {
    const auth: AuthStrategy = { kind: "test", async authenticate() {}, onUnauthorized: async () => true };
    server = await serve(json(401, { error_code: "APIC.7102", error_msg: "Incorrect token or token resolution failed" }));
    await expect(transport({ auth })(`${server.url}/x`, { method: "GET" })).rejects.toBeInstanceOf(AuthenticationError);
    expect(server.requests).toHaveLength(2);
  });

  it("409 busy (APIC.7701) is retried; another 409 is not", async () => {
    server = await serve(json(409, { error_code: "APIC.7701", error_msg: "busy" }), json(202, accepted));
    expect((await transport()(`${server.url}${REGISTER}`, { method: "PUT", body: elbs })).status).toBe(202);
    await server.close();
    server = await serve(json(409, { error_code: "APIC.7711", error_msg: "already enabled" }));
    await expect(transport()(`${server.url}${REGISTER}`, { method: "PUT", body: elbs })).rejects.toBeInstanceOf(ConflictError);
    expect(server.requests).toHaveLength(1);
  });

  it("POST bind is not retried after a 503 (it may have been applied) but is after a busy answer", async () => {
    server = await serve(json(503, { error_code: "DBS.200999", error_msg: "x" }));
    await expect(transport()(`${server.url}${BIND}`, { method: "POST", body: bind })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
    await server.close();
    server = await serve(json(403, { error_code: "DBS.201015", error_msg: "in progress" }), json(200, { ok: 1 }));
    expect((await transport()(`${server.url}${BIND}`, { method: "POST", body: bind })).status).toBe(200);
  });

  it("connection refused is a ConnectionError after retries", async () => {
    const s = await startScriptedServer(json(200, {}));
    const url = s.url;
    await s.close();
    const err = await transport()(`${url}/x`, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  });

  it("a connection the runtime forbids (Deno's NotCapable) is one ConnectionError saying so, not retried", async () => {
    let calls = 0;
    const denied = Object.assign(new Error('Requires net access to "192.0.2.1:443"'), { name: "NotCapable" });
    const fetch = (async () => {
      calls++;
      throw new TypeError("fetch failed", { cause: denied });
    }) as typeof globalThis.fetch;
    const err = await transport({ fetch })("https://192.0.2.1/x", { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).retryable).toBe(false);
    expect((err as Error).message).toMatch(/not permitted by the runtime \(NotCapable: grant network access to 192\.0\.2\.1\)/);
    expect(calls).toBe(1);
  });

  it("every attempt is re-authenticated and sends the same body bytes", async () => {
    const seen: string[] = [];
    let n = 0;
    const auth: AuthStrategy = {
      kind: "test",
      async authenticate(r) {
        seen.push(new TextDecoder().decode(r.body));
        r.headers.set("X-Attempt", String(++n));
      },
    };
    server = await serve(json(500, {}), json(200, {}));
    const body = JSON.stringify({ elbs: [{ elb_id: "é".repeat(32) }] });
    await transport({ auth })(`${server.url}${REGISTER}`, { method: "PUT", body });
    expect(seen).toEqual([body, body]);
    expect(server.requests.map((r) => [r.headers["x-attempt"], r.body])).toEqual([
      ["1", body],
      ["2", body],
    ]);
  });

  it("abort during the backoff rejects at once with AbortError and sends nothing more", async () => {
    server = await serve(json(503, {}));
    const ac = new AbortController();
    const p = transport({ random: () => 0 })(`${server.url}/x`, { method: "GET", signal: ac.signal });
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - t0).toBeLessThan(100);
    expect(server.requests).toHaveLength(1);
  });
});
