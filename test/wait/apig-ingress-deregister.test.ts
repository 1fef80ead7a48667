/**
 * The wait handle of deregisterIngressIps on a scripted fetch under fake timers: what the handle shows as data, how
 * gateway statuses and still-listed addresses end or prolong the wait, and how poll errors, Retry-After, abort and
 * bad options are handled.
 */
import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { AbortError, NotFoundError, ValidationError } from "../../src/errors.js";
import type { IngressIpsRequest, InstanceDetails } from "../../src/services/apig.js";
import { JobFailedError, WaitTimeoutError } from "../../src/wait/errors.js";
import type { PollResult } from "../../src/wait/errors.js";
import { apigError, deregisterBody, FIXED, IP, ok, scripted, t0, useFakeClock } from "./apig-ingress-fixtures.js";
import { accepted, ELB, gateway, GATEWAY, PROJECT, track } from "./fake-cloud.js";

useFakeClock();

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
