import { inspect } from "node:util";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { akskAuth } from "../../src/auth/aksk.js";
import { tokenAuth } from "../../src/auth/token.js";
import { AbortError, NotFoundError, ValidationError } from "../../src/errors.js";
import {
  canonicalIp,
  createApigClient,
  evaluateIngress,
  ingressExpectations,
  isFailedGatewayStatus,
  type IngressIpsRequest,
  type InstanceDetails,
} from "../../src/services/apig.js";
import { JobFailedError, WaitTimeoutError } from "../../src/wait/errors.js";
import type { PollResult } from "../../src/wait/errors.js";
import { WAIT_STATE_FORMAT } from "../../src/wait/state.js";
import { accepted, apigRoute, ELB, ENDPOINT, gateway, GATEWAY, JOB, nth, PROJECT, scriptedFetch, track, type Answer } from "./fake-cloud.js";

const IP = "192.0.2.10";
const deregisterBody: IngressIpsRequest = { elbs: [{ elb_id: ELB, public_ips: [{ type: "v4", ip: IP }] }] };
const FIXED = { minDelayMs: 1000, maxDelayMs: 1000 } as const;

const ok = (body: unknown, headers: Record<string, string> = {}): Answer => ({ status: 200, body, headers });
const apigError = (status: number, code: string, msg: string, headers: Record<string, string> = {}): Answer => ({
  status,
  body: { error_code: code, error_msg: msg },
  headers,
});

function client(fetch: typeof globalThis.fetch, extra: { maxRetries?: number; endpoint?: string; projectId?: string } = {}) {
  return createApigClient({
    projectId: extra.projectId ?? PROJECT,
    endpoint: extra.endpoint ?? ENDPOINT,
    auth: tokenAuth("secret-token-value"),
    fetch,
    maxRetries: extra.maxRetries ?? 0,
    logLevel: "off",
  });
}

/** A client whose ShowInstance answers `answers` in turn (repeating the last). */
function scripted(answers: Answer[], extra: Parameters<typeof client>[1] = {}) {
  const fake = scriptedFetch(apigRoute((n) => nth(answers, n)));
  return { ...fake, apig: client(fake.fetch, extra) };
}

let t0 = 0;
beforeEach(() => {
  vi.useFakeTimers();
  t0 = Date.now();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("deregisterIngressIps handle", () => {
  it("is data: spreading, JSON.stringify and util.inspect show exactly the 202 body; wait/waitState are non-enumerable", async () => {
    const { apig } = scripted([ok(gateway("Running"))]);
    const handle = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    expect({ ...handle }).toStrictEqual({ ...accepted });
    expect(JSON.parse(JSON.stringify(handle))).toStrictEqual(accepted);
    expect(inspect(handle)).toBe(inspect({ ...accepted }));
    expect(Object.keys(handle)).toEqual(Object.keys(accepted));
    expect(typeof handle.wait).toBe("function");
    expect(typeof handle.waitState).toBe("function");
    expect("toJSON" in handle).toBe(false);
  });

  it("Updating → Running with the IP gone: resolves with the final details; the early Running-with-the-IP poll is not success", async () => {
    const { apig, gets } = scripted([
      ok(gateway("Running", [IP])), // just after the 202: still the old state
      ok(gateway("Updating", [IP])),
      ok(gateway("Updating", [])),
      ok(gateway("Running", ["198.51.100.7"])),
    ]);
    const events: PollResult<InstanceDetails>[] = [];
    const handle = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const wait = track(handle.wait({ ...FIXED, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(3000);
    expect(wait.status).toBe("fulfilled");
    expect(wait.value).toMatchObject({ id: GATEWAY, status: "Running" });
    expect(gets().map((r) => r.at - t0)).toEqual([0, 1000, 2000, 3000]);
    expect(gets()[0]?.path).toBe(`/v2/${PROJECT}/apigw/instances/${GATEWAY}`);
    expect(events.map((e) => [e.attempt, e.state, e.status, e.pending])).toEqual([
      [1, "retry", "Running", [`${IP} still registered`]],
      [2, "retry", "Updating", ["gateway status is Updating", `${IP} still registered`]],
      [3, "retry", "Updating", ["gateway status is Updating"]],
      [4, "success", "Running", []],
    ]);
    expect(events.map((e) => e.elapsedMs)).toEqual([0, 1000, 2000, 3000]);
    expect(events[3]?.observation?.status).toBe("Running");
  });

  it("Updating → UpdateFailed: JobFailedError with the status and the polls", async () => {
    const { apig } = scripted([ok(gateway("Updating", [IP])), ok(gateway("UpdateFailed", [IP]))]);
    const events: PollResult<InstanceDetails>[] = [];
    const wait = track((await apig.deregisterIngressIps(GATEWAY, deregisterBody)).wait({ ...FIXED, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(wait.status).toBe("rejected");
    const err = wait.error as JobFailedError<InstanceDetails>;
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err.status).toBe("UpdateFailed");
    expect(err.reason).toBe("gateway status is UpdateFailed");
    expect(err.observed.map((o) => o.state)).toEqual(["retry", "failure"]);
    expect(err.lastObservation?.status).toBe("UpdateFailed");
    expect(events.at(-1)).toMatchObject({ state: "failure", status: "UpdateFailed", reason: "gateway status is UpdateFailed" });
  });

  it.each(["RestartFail", "UpdateTimeout", "Unhealthy", "RollbackFailed", "CreateFail"])("%s is a failure", async (status) => {
    const { apig } = scripted([ok(gateway(status))]);
    const wait = track((await apig.deregisterIngressIps(GATEWAY, deregisterBody)).wait(FIXED));
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.error).toBeInstanceOf(JobFailedError);
    expect((wait.error as JobFailedError).status).toBe(status);
  });

  it("never finishes: WaitTimeoutError with every poll observed and a final poll just before the deadline", async () => {
    const { apig, gets } = scripted([ok(gateway("Updating", [IP]))]);
    const wait = track((await apig.deregisterIngressIps(GATEWAY, deregisterBody)).wait({ ...FIXED, maxWaitMs: 5000 }));
    await vi.advanceTimersByTimeAsync(10_000);
    const err = wait.error as WaitTimeoutError<InstanceDetails>;
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(gets().map((r) => r.at - t0)).toEqual([0, 1000, 2000, 3000, 4000, 4500]);
    expect(err.observed).toHaveLength(6);
    expect(err.observed.every((o) => o.status === "Updating" && o.observation === undefined)).toBe(true);
    expect(err.lastObservation?.status).toBe("Updating");
    expect(err.lastReason).toBe(`gateway status is Updating; ${IP} still registered`);
    expect(err.maxWaitMs).toBe(5000);
  });

  it("Running but the IP still listed is never success (case-insensitive IPv6 compare included)", async () => {
    const v6 = "2001:db8::7";
    const body: IngressIpsRequest = { elbs: [{ elb_id: ELB, public_ips: [{ type: "v4", ip: IP }], private_ips: [{ type: "v6", ip: v6 }] }] };
    const { apig } = scripted([ok(gateway("Running", [IP], { privateips: [{ ip_address: "192.168.0.5", ipv6_address: "2001:DB8:0:0::7" }] }))]);
    const events: PollResult<InstanceDetails>[] = [];
    const wait = track((await apig.deregisterIngressIps(GATEWAY, body)).wait({ ...FIXED, maxWaitMs: 3000, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(3000);
    expect(wait.error).toBeInstanceOf(WaitTimeoutError);
    expect((wait.error as WaitTimeoutError).lastReason).toBe(`${IP} still registered; ${v6} still registered`);
    // one progress event: nothing changed after the first poll
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ state: "retry", status: "Running" });
  });

  it("a 404 mid-way is a failure with the NotFoundError as cause", async () => {
    const { apig, gets } = scripted([ok(gateway("Updating", [IP])), apigError(404, "APIC.7302", "Instance not found")]);
    const wait = track((await apig.deregisterIngressIps(GATEWAY, deregisterBody)).wait(FIXED));
    await vi.advanceTimersByTimeAsync(5000);
    const err = wait.error as JobFailedError;
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err.reason).toContain("no longer exists");
    expect(err.cause).toBeInstanceOf(NotFoundError);
    expect(err.status).toBeUndefined();
    expect(err.observed.map((o) => o.state)).toEqual(["retry", "failure"]);
    expect(gets()).toHaveLength(2);
  });

  it("409 busy answers on the poll are retried, and reported as errors in progress", async () => {
    const { apig, gets } = scripted([
      ok(gateway("Updating", [IP])),
      apigError(409, "APIC.7712", "Another operation on the instance is in progress"),
      apigError(409, "APIC.7701", "Instance status conflict"),
      ok(gateway("Running", [])),
    ]);
    const events: PollResult<InstanceDetails>[] = [];
    const wait = track((await apig.deregisterIngressIps(GATEWAY, deregisterBody)).wait({ ...FIXED, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(3000);
    expect(wait.status).toBe("fulfilled");
    expect(gets()).toHaveLength(4);
    expect(events.map((e) => [e.state, e.status, e.error?.split(":")[0]])).toEqual([
      ["retry", "Updating", undefined],
      ["retry", "Updating", "ConflictError"],
      ["retry", "Updating", "ConflictError"],
      ["success", "Running", undefined],
    ]);
    expect(events[1]?.pending).toEqual(["gateway status is Updating", `${IP} still registered`]);
  });

  it("keeps waiting through 5xx after the transport's own retries are spent", async () => {
    // The top of every jitter range, so the transport's retries show the doubling ceiling: 500 ms, then 1000 ms.
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { apig, gets } = scripted(
      [
        ok(gateway("Updating", [IP])),
        apigError(503, "APIC.9000", "busy"),
        apigError(503, "APIC.9000", "busy"),
        apigError(503, "APIC.9000", "busy"),
        ok(gateway("Running")),
      ],
      { maxRetries: 2 },
    );
    const wait = track((await apig.deregisterIngressIps(GATEWAY, deregisterBody)).wait(FIXED));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(wait.status).toBe("fulfilled");
    // poll 2 = three attempts (transport retries after 500 and 1000 ms); the next poll waits exactly 1000 ms: no
    // grid point (t0 + k·1000) lies within 250 ms before the wanted wake-up, and t0 + 3500 is a slot after the
    // gateway's latest request (t0 + 1000) and its last planned wake-up
    expect(gets().map((r) => r.at - t0)).toEqual([0, 1000, 1500, 2500, 3500]);
  });

  it("honours Retry-After on a 429 poll answer (after the transport gave up) and on a 200 answer", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { apig, gets } = scripted([
      ok(gateway("Updating", [IP])),
      { status: 429, body: { error_code: "APIGW.0308", error_message: "throttled" }, headers: { "retry-after": "5" } },
      ok(gateway("Updating", [IP]), { "retry-after": "3" }),
      ok(gateway("Running")),
    ]);
    const events: PollResult<InstanceDetails>[] = [];
    const wait = track(
      (await apig.deregisterIngressIps(GATEWAY, deregisterBody)).wait({ minDelayMs: 1000, maxDelayMs: 2000, onProgress: (e) => events.push(e) }),
    );
    await vi.advanceTimersByTimeAsync(20_000);
    expect(wait.status).toBe("fulfilled");
    expect(gets().map((r) => r.at - t0)).toEqual([0, 1000, 6000, 9000]);
    expect(events[1]?.error).toMatch(/^RateLimitError/);
  });

  it("abort mid-wait rejects with AbortError at once and sends no request afterwards", async () => {
    const { apig, gets } = scripted([ok(gateway("Updating", [IP]))]);
    const controller = new AbortController();
    const wait = track((await apig.deregisterIngressIps(GATEWAY, deregisterBody)).wait({ ...FIXED, signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1500);
    expect(gets()).toHaveLength(2);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.status).toBe("rejected");
    expect(wait.error).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gets()).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an already aborted signal sends nothing", async () => {
    const { apig, gets } = scripted([ok(gateway("Updating", [IP]))]);
    const handle = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    await expect(handle.wait({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(gets()).toHaveLength(0);
  });

  it("rejects bad options with ValidationError before polling", async () => {
    const { apig, gets } = scripted([ok(gateway("Running"))]);
    const handle = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const err = (await handle.wait({ minDelayMs: 2000, maxDelayMs: 1000 }).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues.map((i) => i.path)).toEqual(["maxDelayMs"]);
    await expect(handle.wait({ onProgress: "no" as never })).rejects.toBeInstanceOf(ValidationError);
    expect(gets()).toHaveLength(0);
  });
});

describe("registerIngressIps handle", () => {
  it("waits until the addresses are listed, comparing IPv6 in canonical form", async () => {
    const body: IngressIpsRequest = {
      elbs: [
        {
          elb_id: ELB,
          public_ips: [
            { type: "v6", ip: "2001:db8::7" },
            { type: "v4", ip: IP },
          ],
        },
      ],
    };
    const { apig } = scripted([ok(gateway("Updating")), ok(gateway("Running", [IP])), ok(gateway("Running", [IP, "2001:0DB8:0000::0007"]))]);
    const events: PollResult<InstanceDetails>[] = [];
    const handle = await apig.registerIngressIps(GATEWAY, body);
    const wait = track(handle.wait({ ...FIXED, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(wait.status).toBe("fulfilled");
    expect(events.map((e) => e.pending)).toEqual([
      ["gateway status is Updating", "2001:db8::7 not registered yet", `${IP} not registered yet`],
      ["2001:db8::7 not registered yet"],
      [],
    ]);
    expect(handle.waitState().expect).toEqual({
      registered: true,
      ips: [
        { elbId: ELB, kind: "public", type: "v6", ip: "2001:db8::7" },
        { elbId: ELB, kind: "public", type: "v4", ip: IP },
      ],
    });
  });

  it("global EIPs are not visible in ShowInstance: only Running is required for them", async () => {
    const body: IngressIpsRequest = { elbs: [{ elb_id: ELB, global_eips: [{ type: "v4", ip: "198.51.100.9" }] }] };
    const { apig } = scripted([ok(gateway("Updating")), ok(gateway("Running"))]);
    const wait = track((await apig.registerIngressIps(GATEWAY, body)).wait(FIXED));
    await vi.advanceTimersByTimeAsync(1000);
    expect(wait.status).toBe("fulfilled");
  });
});

describe("waitState and resumeWait", () => {
  it("waitState() is plain JSON with operation, ids, expected end state, start and endpoint, and no secrets", async () => {
    const fake = scriptedFetch(apigRoute(() => ok(gateway("Running"))));
    const apig = createApigClient({
      projectId: PROJECT,
      endpoint: ENDPOINT,
      auth: akskAuth({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "very-secret-sk", securityToken: "very-secret-sts" }),
      fetch: fake.fetch,
    });
    const handle = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const text = JSON.stringify(handle.waitState());
    expect(JSON.parse(text)).toEqual({
      format: WAIT_STATE_FORMAT,
      service: "apig",
      operation: "deregisterIngressIps",
      endpoint: ENDPOINT,
      projectId: PROJECT,
      instanceId: GATEWAY,
      jobId: JOB,
      startedAt: new Date(t0).toISOString(),
      expect: { registered: false, ips: [{ elbId: ELB, kind: "public", type: "v4", ip: IP }] },
    });
    expect(text).not.toMatch(/secret|AKIDEXAMPLE|token/i);
    // the copy is detached: changing it does not change what the handle waits for
    const copy = handle.waitState();
    copy.expect.ips.length = 0;
    expect(handle.waitState().expect.ips).toHaveLength(1);
  });

  it("resumes from JSON in a fresh client; maxWaitMs counts from the resume, elapsedMs from the original start", async () => {
    const first = scripted([ok(gateway("Updating", [IP]))]);
    const text = JSON.stringify((await first.apig.deregisterIngressIps(GATEWAY, deregisterBody)).waitState());
    await vi.advanceTimersByTimeAsync(5000); // the first process goes away before waiting

    const second = scriptedFetch(apigRoute((n) => nth([ok(gateway("Updating", [IP])), ok(gateway("Running"))], n)));
    const fresh = client(second.fetch);
    const events: PollResult<InstanceDetails>[] = [];
    const wait = track(fresh.resumeWait(text, { ...FIXED, maxWaitMs: 2000, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(wait.status).toBe("fulfilled");
    expect(events.map((e) => [e.attempt, e.elapsedMs])).toEqual([
      [1, 5000],
      [2, 6000],
    ]);
    expect(first.gets()).toHaveLength(0);
    expect(second.gets()).toHaveLength(2);
    // the object form works too
    const again = track(fresh.resumeWait(JSON.parse(text), FIXED));
    await vi.advanceTimersByTimeAsync(0);
    expect(again.status).toBe("fulfilled");
  });

  it("a resumed wait keeps the schedule of the original start: a minute after the change it polls 15 s apart", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const first = scripted([ok(gateway("Updating", [IP]))]);
    const text = JSON.stringify((await first.apig.deregisterIngressIps(GATEWAY, deregisterBody)).waitState());
    await vi.advanceTimersByTimeAsync(60_000); // the first process goes away before waiting

    const second = scriptedFetch(apigRoute((n) => nth([ok(gateway("Updating", [IP])), ok(gateway("Updating", [IP])), ok(gateway("Running"))], n)));
    const wait = track(client(second.fetch).resumeWait(text));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(wait.status).toBe("fulfilled");
    // a quarter of 60 s, then of 75 s (a fresh wait would poll 2 s apart for its first 8 s)
    expect(second.gets().map((r) => r.at - t0)).toEqual([60_000, 75_000, 93_750]);
  });

  it("refuses a state for another endpoint or project, or a malformed one, before any request", async () => {
    const first = scripted([ok(gateway("Running"))]);
    const state = (await first.apig.deregisterIngressIps(GATEWAY, deregisterBody)).waitState();
    const fake = scriptedFetch(apigRoute(() => ok(gateway("Running"))));
    const paths = async (c: ReturnType<typeof client>, s: unknown) => {
      const err = (await c.resumeWait(s as never).catch((e: unknown) => e)) as ValidationError;
      expect(err).toBeInstanceOf(ValidationError);
      return err.issues.map((i) => i.path);
    };
    expect(await paths(client(fake.fetch, { endpoint: "https://apig.cn-north-1.myhuaweicloud.com" }), state)).toEqual(["state.endpoint"]);
    expect(await paths(client(fake.fetch, { projectId: "another-project" }), state)).toEqual(["state.projectId"]);
    expect(await paths(client(fake.fetch), "{not json")).toEqual(["state"]);
    expect(await paths(client(fake.fetch), [])).toEqual(["state"]);
    expect(await paths(client(fake.fetch), { ...state, service: "dds" })).toEqual(["state.service"]);
    expect(await paths(client(fake.fetch), { ...state, format: "v0", instanceId: "../x", startedAt: "yesterday" })).toEqual([
      "state.format",
      "state.instanceId",
      "state.startedAt",
    ]);
    expect(
      await paths(client(fake.fetch), {
        ...state,
        operation: "registerIngressIps",
        expect: { registered: false, ips: [{ elbId: ELB, kind: "elsewhere", type: "v4", ip: "2001:db8::1" }] },
      }),
    ).toEqual(["state.expect.registered", "state.expect.ips[0].kind", "state.expect.ips[0].ip"]);
    expect(fake.gets()).toHaveLength(0);
  });
});

describe("coalescing", () => {
  it("1 000 waits on one gateway make one request per interval; another gateway is polled on its own", async () => {
    const other = "7b8e82938fe65683c2f42ba0b59fdd92";
    const doneAt = (id: string) => t0 + (id === GATEWAY ? 5000 : 3000);
    const fake = scriptedFetch((req, _n) => {
      if (req.method === "PUT") return { status: 202, body: accepted };
      const id = req.path.split("/").at(-1) as string;
      return ok(Date.now() >= doneAt(id) ? gateway("Running", [], { id }) : gateway("Updating", [IP], { id }));
    });
    const apig = client(fake.fetch);
    const one = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const two = await apig.deregisterIngressIps(other, deregisterBody);
    const waits = Array.from({ length: 1000 }, () => track(one.wait(FIXED)));
    const others = Array.from({ length: 10 }, () => track(two.wait(FIXED)));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(waits.every((w) => w.status === "fulfilled")).toBe(true);
    expect(others.every((w) => w.status === "fulfilled")).toBe(true);
    const times = (id: string) =>
      fake
        .gets()
        .filter((r) => r.path.endsWith(id))
        .map((r) => r.at - t0);
    expect(times(GATEWAY)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(times(other)).toEqual([0, 1000, 2000, 3000]);
    expect(vi.getTimerCount()).toBe(0);
  }, 60_000); // fake timers yield to the event loop once per timer: 6 000 timers take a few seconds

  it("with jittered backoff, 500 waits started over 400 ms still share: at most one request per minDelayMs", async () => {
    const fake = scriptedFetch(apigRoute(() => ok(Date.now() >= t0 + 20_000 ? gateway("Running") : gateway("Updating", [IP]))));
    const apig = client(fake.fetch);
    const handle = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const waits: ReturnType<typeof track<InstanceDetails>>[] = [];
    for (let i = 0; i < 500; i++) {
      if (i % 50 === 0) await vi.advanceTimersByTimeAsync(40); // 10 batches over 400 ms
      waits.push(track(handle.wait({ minDelayMs: 1000, maxDelayMs: 4000 })));
    }
    await vi.advanceTimersByTimeAsync(30_000);
    expect(waits.every((w) => w.status === "fulfilled")).toBe(true);
    const times = fake.gets().map((r) => r.at - t0);
    for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(1000);
    // done at 20 s; waits whose backoff is at 4 s may poll up to 4 s later
    expect(times.length).toBeLessThanOrEqual(25);
  });

  it("a new operation on the gateway drops cached answers, so its wait never sees a pre-change answer", async () => {
    let phase: "before" | "after" = "before";
    const fake = scriptedFetch(apigRoute(() => ok(phase === "before" ? gateway("Running", [IP]) : gateway("Running"))));
    const apig = client(fake.fetch);
    await apig.getInstance(GATEWAY);
    const first = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const a = track(first.wait(FIXED)); // polls now: IP still there
    await vi.advanceTimersByTimeAsync(0);
    phase = "after";
    const second = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const b = track(second.wait(FIXED)); // must not reuse the answer a got moments ago
    await vi.advanceTimersByTimeAsync(0);
    expect(b.status).toBe("fulfilled");
    expect(fake.gets()).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(a.status).toBe("fulfilled");
  });
});

describe("acceptor (pure)", () => {
  it("classifies failure statuses", () => {
    for (const s of ["UpdateFailed", "RestartFail", "CreateFail", "UnRegisterFailed", "InstallTimeout", "Unhealthy"])
      expect(isFailedGatewayStatus(s)).toBe(true);
    for (const s of ["Running", "Updating", "Restarting", "Frozen", "Creating", "RollbackSuccess"]) expect(isFailedGatewayStatus(s)).toBe(false);
  });

  it("canonicalises IPv6 and leaves IPv4 alone", () => {
    expect(canonicalIp("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(canonicalIp(" 192.0.2.1 ")).toBe("192.0.2.1");
    expect(canonicalIp("not:an:ip")).toBe("not:an:ip");
  });

  it("property: success iff status is Running and every visible address is in the expected state", () => {
    const pool = ["192.0.2.1", "192.0.2.2", "2001:db8::1", "2001:db8::2"];
    const statuses = ["Running", "Updating", "UpdateFailed", "Restarting", "Unhealthy", "RestartTimeout"];
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        fc.subarray(pool),
        fc.subarray(pool, { minLength: 1 }),
        fc.boolean(),
        fc.constantFrom("public" as const, "private" as const, "global" as const),
        (status, listed, wanted, registered, kind) => {
          const details = gateway(
            status,
            listed.filter((_, i) => i % 2 === 0),
            {
              privateips: listed.filter((_, i) => i % 2 === 1).map((ip) => (ip.includes(":") ? { ipv6_address: ip } : { ip_address: ip })),
              ingress_ip: "10.0.0.1",
            },
          );
          const ips = ingressExpectations({
            elbs: [
              { elb_id: ELB, [`${kind === "global" ? "global_eips" : `${kind}_ips`}`]: wanted.map((ip) => ({ type: ip.includes(":") ? "v6" : "v4", ip })) },
            ],
          });
          const verdict = evaluateIngress(details, { registered, ips });
          const addressesOk = kind === "global" || wanted.every((ip) => listed.includes(ip) === registered);
          if (isFailedGatewayStatus(status)) return verdict.state === "failure";
          return (verdict.state === "success") === (status === "Running" && addressesOk) && (verdict.pending?.length === 0) === (verdict.state === "success");
        },
      ),
    );
  });

  it("tolerates malformed details without throwing", () => {
    const expectation = { registered: false, ips: [{ elbId: ELB, kind: "public" as const, type: "v4" as const, ip: IP }] };
    expect(evaluateIngress({ id: "x", publicips: "nope", privateips: [null, 3] } as never, expectation)).toEqual({
      state: "retry",
      status: undefined,
      pending: ["gateway status is unknown"],
    });
  });
});
