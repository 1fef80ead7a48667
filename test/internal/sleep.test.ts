import { getEventListeners, setMaxListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, ValidationError } from "../../src/errors.js";
import { MAX_TIMER_MS, abortErrorFrom, abortable, sleep } from "../../src/internal/sleep.js";

/** Records how a promise settles without ever leaving a rejection unhandled. */
function track<T>(promise: Promise<T>) {
  const state: { status: "pending" | "fulfilled" | "rejected"; value?: T; error?: unknown } = { status: "pending" };
  promise.then(
    (value) => Object.assign(state, { status: "fulfilled", value }),
    (error: unknown) => Object.assign(state, { status: "rejected", error }),
  );
  return state;
}

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("sleep", () => {
  it("resolves after the delay, not before, and removes its abort listener", async () => {
    const controller = new AbortController();
    const state = track(sleep(1000, controller.signal));
    expect(listeners(controller.signal)).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(state.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(state.status).toBe("fulfilled");
    expect(listeners(controller.signal)).toBe(0);
  });

  it("rejects at once on abort, clears the timer and removes the listener", async () => {
    const controller = new AbortController();
    const promise = sleep(60_000, controller.signal);
    const reason = new Error("user cancelled");
    controller.abort(reason);
    // No timer is advanced: the rejection must not depend on the clock.
    await expect(promise).rejects.toBeInstanceOf(AbortError);
    await expect(promise).rejects.toMatchObject({ cause: reason, message: expect.stringContaining("user cancelled") });
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners(controller.signal)).toBe(0);
  });

  it("rejects an already-aborted signal without arming a timer", async () => {
    const signal = AbortSignal.abort("gone");
    await expect(sleep(10, signal)).rejects.toBeInstanceOf(AbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("treats negative and NaN delays as 0", async () => {
    const a = track(sleep(-5));
    const b = track(sleep(Number.NaN));
    await vi.advanceTimersByTimeAsync(0);
    expect([a.status, b.status]).toEqual(["fulfilled", "fulfilled"]);
  });

  it("holds up to the 2^31-1 ms timer limit in one timer, and refuses more with a ValidationError", async () => {
    const state = track(sleep(MAX_TIMER_MS));
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS - 1);
    expect(state.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(state.status).toBe("fulfilled");
    await expect(sleep(MAX_TIMER_MS + 1)).rejects.toMatchObject({ name: "ValidationError", issues: [{ path: "ms", keyword: "maximum" }] });
    await expect(sleep(Number.POSITIVE_INFINITY)).rejects.toBeInstanceOf(ValidationError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("leaves no listeners on a shared signal after a thousand concurrent sleeps", async () => {
    const controller = new AbortController();
    setMaxListeners(5000, controller.signal); // silence Node's leak heuristic: 1000 sleeps are live at once here
    const sleeps = Array.from({ length: 1000 }, (_, i) => sleep(i % 7, controller.signal));
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all(sleeps);
    expect(listeners(controller.signal)).toBe(0);
  });
});

describe("abortable", () => {
  it("passes the value through and removes its listener", async () => {
    const controller = new AbortController();
    await expect(abortable(Promise.resolve(7), controller.signal)).resolves.toBe(7);
    expect(listeners(controller.signal)).toBe(0);
  });

  it("passes a rejection through and removes its listener", async () => {
    const controller = new AbortController();
    const error = new Error("boom");
    await expect(abortable(Promise.reject(error), controller.signal)).rejects.toBe(error);
    expect(listeners(controller.signal)).toBe(0);
  });

  it("rejects at once on abort; the abandoned promise's later rejection is swallowed", async () => {
    const controller = new AbortController();
    let rejectInner!: (e: unknown) => void;
    const inner = new Promise<number>((_, reject) => {
      rejectInner = reject;
    });
    const wrapped = abortable(inner, controller.signal);
    controller.abort();
    await expect(wrapped).rejects.toBeInstanceOf(AbortError);
    expect(listeners(controller.signal)).toBe(0);
    rejectInner(new Error("late")); // must not surface as an unhandled rejection
    await vi.advanceTimersByTimeAsync(0);
  });

  it("rejects at once for an already-aborted signal", async () => {
    const inner = Promise.reject(new Error("never observed"));
    await expect(abortable(inner, AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
  });

  it("returns the promise itself without a signal", () => {
    const p = Promise.resolve(1);
    expect(abortable(p)).toBe(p);
  });
});

describe("abortErrorFrom", () => {
  it("keeps the reason as cause and names what was aborted", () => {
    const reason = new DOMException("signal timed out", "TimeoutError");
    const controller = new AbortController();
    controller.abort(reason);
    const error = abortErrorFrom(controller.signal, "the wait");
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe("the wait was aborted: signal timed out");
    expect(error.cause).toBe(reason);
  });
});
