import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConnectionError } from "../../src/errors.js";
import { JobFailedError, type PollResult, WaitTimeoutError } from "../../src/wait/errors.js";
import { type Verdict, waitUntil } from "../../src/wait/waiter.js";

/** Settles a promise into a plain record so fake timers can be advanced without an unhandled rejection. */
function track<T>(promise: Promise<T>) {
  const state: { value?: T; error?: unknown } = {};
  promise.then(
    (value) => Object.assign(state, { value }),
    (error: unknown) => Object.assign(state, { error }),
  );
  return state;
}

/** A server answer far larger than any summary should be: 1 MB of detail plus a 1 MB status text. */
const huge = { status: `Updating${"x".repeat(1_000_000)}`, detail: "y".repeat(1_000_000) };
type Huge = typeof huge;
const retryHuge = (o: Huge): Verdict => ({
  state: "retry",
  status: o.status,
  reason: `gateway status is ${o.status}`,
  pending: Array.from({ length: 5000 }, (_, i) => `10.0.${i >> 8}.${i & 255} still registered ${o.detail.slice(0, 300)}`),
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("waitUntil: diagnostics stay bounded whatever the server answers", () => {
  it("observed keeps summaries without the answers, texts cut to 200 characters, at most 20 pending entries", async () => {
    const wait = track(waitUntil(async () => ({ observation: huge }), retryHuge, { minDelayMs: 1, maxDelayMs: 1, maxWaitMs: 50 }));
    await vi.advanceTimersByTimeAsync(100);
    const error = wait.error as WaitTimeoutError<Huge>;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.observed.length).toBeGreaterThan(10);
    for (const poll of error.observed) {
      expect(poll.observation).toBeUndefined();
      expect(poll.status.length).toBe(200);
      expect(poll.reason?.length).toBe(200);
      expect(poll.pending).toHaveLength(20);
      expect(poll.pending.at(-1)).toBe("and 4981 more");
      expect(poll.pending.every((entry) => entry.length <= 200)).toBe(true);
    }
    // The whole error, as a caller would log it, is a few hundred KB at most instead of 100 × 2 MB.
    expect(JSON.stringify({ observed: error.observed, lastReason: error.lastReason, message: error.message }).length).toBeLessThan(1_000_000);
    expect(error.lastObservation).toBe(huge);
  });

  it("onProgress still receives the observation of each poll", async () => {
    const seen: PollResult<Huge>[] = [];
    const accept = (o: Huge): Verdict => ({ state: "failure", status: o.status.slice(0, 12), reason: "failed" });
    const wait = track(waitUntil(async () => ({ observation: huge }), accept, { onProgress: (r) => seen.push(r) }));
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.error).toBeInstanceOf(JobFailedError);
    expect(seen[0]?.observation).toBe(huge);
    expect((wait.error as JobFailedError<Huge>).observed[0]).toEqual({
      attempt: 1,
      elapsedMs: 0,
      state: "failure",
      status: "Updatingxxxx",
      pending: [],
      reason: "failed",
    });
  });

  it("a poll error's text is cut to 200 characters too", async () => {
    const poll = async () => {
      throw Object.assign(new ConnectionError(`reset ${"z".repeat(10_000)}`), { retryable: true });
    };
    const wait = track(waitUntil(poll, () => ({ state: "success" }), { minDelayMs: 1, maxDelayMs: 1, maxWaitMs: 20 }));
    await vi.advanceTimersByTimeAsync(50);
    const error = wait.error as WaitTimeoutError;
    expect(error.observed.length).toBeGreaterThan(1);
    expect(error.observed.every((p) => p.error?.length === 200 && p.error.endsWith("..."))).toBe(true);
  });
});
