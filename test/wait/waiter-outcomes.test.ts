import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HuaweiCloudError } from "../../src/errors.js";
import { JobFailedError, WaitTimeoutError } from "../../src/wait/errors.js";
import { type Verdict, waitUntil } from "../../src/wait/waiter.js";
import { type Gateway, gatewayAcceptor, scripted, track } from "./waiter-fixtures.js";

/** How a wait ends: success, failure, timeout with its final poll, and a faulty acceptor. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("waitUntil: outcomes", () => {
  it("polls at once, then succeeds after N retries with the default delays", async () => {
    const { poll, times } = scripted<Gateway>([{ status: "CREATING" }, { status: "CREATING" }, { status: "CREATING" }, { status: "RUNNING" }]);
    const wait = track(waitUntil(poll, gatewayAcceptor, { random: () => 0 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toEqual([0]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(wait.status).toBe("fulfilled");
    expect(wait.value).toMatchObject({ value: { status: "RUNNING" }, attempts: 4, elapsedMs: 6000 });
    expect(times).toEqual([0, 2000, 4000, 6000]);
    expect(wait.value?.observed.map((o) => [o.attempt, o.elapsedMs, o.state, o.reason])).toEqual([
      [1, 0, "retry", "gateway is CREATING"],
      [2, 2000, "retry", "gateway is CREATING"],
      [3, 4000, "retry", "gateway is CREATING"],
      [4, 6000, "success", undefined],
    ]);
  });

  it("resolves on the first poll without sleeping", async () => {
    const { poll } = scripted<Gateway>([{ status: "RUNNING" }]);
    await expect(waitUntil(poll, gatewayAcceptor)).resolves.toMatchObject({ attempts: 1, elapsedMs: 0 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects JobFailedError carrying reason, status, observed and the last observation", async () => {
    const { poll } = scripted<Gateway>([{ status: "UPDATING" }, { status: "UpdateFailed" }]);
    const wait = track(waitUntil(poll, gatewayAcceptor));
    await vi.advanceTimersByTimeAsync(2000);
    expect(wait.status).toBe("rejected");
    const error = wait.error as JobFailedError<Gateway>;
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error.reason).toBe("gateway is UpdateFailed");
    expect(error.status).toBe("UpdateFailed");
    expect(error.message).toContain("gateway is UpdateFailed");
    expect(error.lastObservation).toEqual({ status: "UpdateFailed" });
    expect(error.observed.map((o) => o.state)).toEqual(["retry", "failure"]);
  });

  it("times out with a final poll just before the deadline (poll times asserted)", async () => {
    const { poll, times } = scripted<Gateway>([{ status: "UPDATING", progress: 10 }]);
    const wait = track(waitUntil(poll, gatewayAcceptor, { minDelayMs: 1000, maxDelayMs: 4000, maxWaitMs: 10_000, random: () => 0 }));
    await vi.advanceTimersByTimeAsync(9499);
    expect(wait.status).toBe("pending");
    // 1000 ms apart until a quarter of the elapsed time is more, then 1250, 1562, 1953 — but 7812 + 1953 would
    // pass the deadline, so the final poll is at 9500.
    const before = [0, 1000, 2000, 3000, 4000, 5000, 6250, 7812];
    expect(times).toEqual(before);
    await vi.advanceTimersByTimeAsync(1);
    expect(times).toEqual([...before, 9500]);
    expect(wait.status).toBe("rejected");
    const error = wait.error as WaitTimeoutError<Gateway>;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error.maxWaitMs).toBe(10_000);
    expect(error.elapsedMs).toBe(9500);
    expect(error.attempts).toBe(9);
    expect(error.lastReason).toBe("gateway is UPDATING");
    expect(error.lastObservation).toEqual({ status: "UPDATING", progress: 10 });
    expect(error.observed.map((o) => o.elapsedMs)).toEqual([...before, 9500]);
    expect(error.message).toContain("gateway is UPDATING");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("lets the final poll still succeed", async () => {
    const { poll, times } = scripted<Gateway>([{ status: "UPDATING" }, { status: "UPDATING" }, { status: "RUNNING" }]);
    const wait = track(waitUntil(poll, gatewayAcceptor, { minDelayMs: 3000, maxDelayMs: 3000, maxWaitMs: 5000 }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(times).toEqual([0, 3000, 4500]);
    expect(wait.value).toMatchObject({ value: { status: "RUNNING" }, attempts: 3 });
  });

  it("propagates an exception thrown by the acceptor", async () => {
    const bug = new Error("acceptor bug");
    const { poll } = scripted<Gateway>([{ status: "X" }]);
    await expect(
      waitUntil(poll, () => {
        throw bug;
      }),
    ).rejects.toBe(bug);
  });

  it("rejects a TypeError when the acceptor returns no valid result", async () => {
    const { poll } = scripted<Gateway>([{ status: "X" }]);
    await expect(waitUntil(poll, () => ({ state: "done" }) as unknown as Verdict)).rejects.toThrow(TypeError);
  });
});
