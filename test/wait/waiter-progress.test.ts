import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PollResult, WaitTimeoutError } from "../../src/wait/errors.js";
import { type Verdict, waitUntil } from "../../src/wait/waiter.js";
import { type Gateway, gatewayAcceptor, scripted, track } from "./waiter-fixtures.js";

/** What a caller sees while waiting: onProgress events on change, and the bounded list of observed polls. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("waitUntil: progress and diagnostics", () => {
  it("calls onProgress on each change and not on identical consecutive observations", async () => {
    const { poll } = scripted<Gateway>([
      { status: "UPDATING", progress: 10 },
      { status: "UPDATING", progress: 10 }, // same content, new object: no event
      { status: "UPDATING", progress: 50 },
      { status: "UPDATING", progress: 50 },
      { status: "RUNNING" },
    ]);
    const events: PollResult<Gateway>[] = [];
    const wait = track(waitUntil(poll, gatewayAcceptor, { minDelayMs: 100, maxDelayMs: 100, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(400);
    expect(wait.status).toBe("fulfilled");
    expect(events).toEqual([
      {
        attempt: 1,
        elapsedMs: 0,
        state: "retry",
        status: "UPDATING",
        pending: [],
        reason: "gateway is UPDATING",
        observation: { status: "UPDATING", progress: 10 },
      },
      {
        attempt: 3,
        elapsedMs: 200,
        state: "retry",
        status: "UPDATING",
        pending: [],
        reason: "gateway is UPDATING",
        observation: { status: "UPDATING", progress: 50 },
      },
      { attempt: 5, elapsedMs: 400, state: "success", status: "RUNNING", pending: [], observation: { status: "RUNNING" } },
    ]);
  });

  it("reports a reason change even when the observation is unchanged", async () => {
    const { poll } = scripted<string>(["same"]);
    const reasons = ["a", "a", "b"];
    const events: PollResult<string>[] = [];
    track(
      waitUntil(poll, () => ({ state: "retry", reason: reasons.shift() ?? "b" }), {
        minDelayMs: 10,
        maxDelayMs: 10,
        onProgress: (e) => events.push(e),
      }),
    );
    await vi.advanceTimersByTimeAsync(50);
    expect(events.map((e) => [e.attempt, e.reason])).toEqual([
      [1, "a"],
      [3, "b"],
    ]);
  });

  it("keeps only the last maxObserved polls (default 100)", async () => {
    const { poll } = scripted<number>([0]);
    let n = 0;
    const accept = (): Verdict => (++n >= 150 ? { state: "success" } : { state: "retry" });
    const wait = track(waitUntil(poll, accept, { minDelayMs: 1, maxDelayMs: 1 }));
    await vi.advanceTimersByTimeAsync(200);
    expect(wait.value?.attempts).toBe(150);
    expect(wait.value?.observed).toHaveLength(100);
    expect(wait.value?.observed[0]?.attempt).toBe(51);
    expect(wait.value?.observed.at(-1)?.attempt).toBe(150);

    const small = track(waitUntil(scripted<number>([0]).poll, () => ({ state: "retry" }), { minDelayMs: 1, maxDelayMs: 1, maxWaitMs: 100, maxObserved: 3 }));
    const none = track(waitUntil(scripted<number>([0]).poll, () => ({ state: "retry" }), { minDelayMs: 1, maxDelayMs: 1, maxWaitMs: 100, maxObserved: 0 }));
    await vi.advanceTimersByTimeAsync(100);
    expect((small.error as WaitTimeoutError).observed.map((o) => o.attempt)).toEqual([89, 90, 91]);
    expect((none.error as WaitTimeoutError).observed).toEqual([]);
    expect((none.error as WaitTimeoutError).attempts).toBe(91);
  });

  it("propagates an exception thrown by onProgress", async () => {
    const { poll } = scripted<Gateway>([{ status: "RUNNING" }]);
    const bug = new Error("listener bug");
    await expect(
      waitUntil(poll, gatewayAcceptor, {
        onProgress: () => {
          throw bug;
        },
      }),
    ).rejects.toBe(bug);
  });
});
