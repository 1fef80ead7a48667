import { setMaxListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, ConnectionError } from "../../src/errors.js";
import { type PollContext, type PollOutcome, waitUntil } from "../../src/wait/waiter.js";
import { type Gateway, gatewayAcceptor, listeners, scripted, track } from "./waiter-fixtures.js";

/** A caller abort ends the wait at once, reaches the poll in flight, and leaves no listener behind. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("waitUntil: abort", () => {
  it("an abort mid-sleep rejects at once, starts no further poll and leaves no listener", async () => {
    const controller = new AbortController();
    const { poll } = scripted<Gateway>([{ status: "UPDATING" }]);
    const promise = waitUntil(poll, gatewayAcceptor, { signal: controller.signal });
    const wait = track(promise);
    await vi.advanceTimersByTimeAsync(100);
    expect(poll).toHaveBeenCalledTimes(1);
    expect(listeners(controller.signal)).toBe(1); // the sleep's
    const reason = new Error("user cancelled");
    controller.abort(reason);
    // No timer advanced: the rejection happens at once.
    await expect(promise).rejects.toBeInstanceOf(AbortError);
    expect(wait.error).toMatchObject({ cause: reason });
    expect(listeners(controller.signal)).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it("an abort during a poll rejects at once and aborts the poll's signal", async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const poll = vi.fn((ctx: PollContext) => {
      seen = ctx.signal;
      return new Promise<PollOutcome<Gateway>>(() => undefined); // never answers
    });
    const promise = waitUntil(poll, gatewayAcceptor, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(50);
    controller.abort();
    await expect(promise).rejects.toBeInstanceOf(AbortError);
    expect(seen?.aborted).toBe(true);
    expect(listeners(controller.signal)).toBe(0);
  });

  it("an already-aborted signal rejects without polling", async () => {
    const poll = vi.fn(async () => ({ observation: { status: "RUNNING" } }));
    const reason = new Error("too late");
    await expect(waitUntil(poll, gatewayAcceptor, { signal: AbortSignal.abort(reason) })).rejects.toMatchObject({
      name: "AbortError",
      cause: reason,
    });
    expect(poll).not.toHaveBeenCalled();
  });

  it("does not treat the abort of its own signal as a retryable poll error", async () => {
    const controller = new AbortController();
    const onProgress = vi.fn();
    const poll = (ctx: PollContext) =>
      new Promise<PollOutcome<Gateway>>((_, reject) => {
        ctx.signal.addEventListener("abort", () => reject(Object.assign(new ConnectionError("request aborted"), { retryable: true })), { once: true });
      });
    const promise = waitUntil(poll, gatewayAcceptor, { signal: controller.signal, onProgress });
    controller.abort();
    await expect(promise).rejects.toBeInstanceOf(AbortError);
    expect(onProgress).not.toHaveBeenCalled();
  });

  it("gives every poll a signal even without a caller signal", async () => {
    const { poll, contexts } = scripted<Gateway>([{ status: "RUNNING" }]);
    await waitUntil(poll, gatewayAcceptor);
    expect(contexts[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(contexts[0]?.signal.aborted).toBe(false);
  });

  it("leaves no listener on a shared signal across 1000 waits", async () => {
    const controller = new AbortController();
    setMaxListeners(5000, controller.signal); // 1000 live sleeps trip Node's leak heuristic otherwise
    const waits = Array.from({ length: 1000 }, (_, i) => {
      const { poll } = scripted<Gateway>(i % 2 ? [{ status: "X" }, { status: "RUNNING" }] : [{ status: "RUNNING" }]);
      return waitUntil(poll, gatewayAcceptor, { signal: controller.signal, minDelayMs: 10, maxDelayMs: 10 });
    });
    await vi.advanceTimersByTimeAsync(10);
    await expect(Promise.all(waits)).resolves.toHaveLength(1000);
    expect(listeners(controller.signal)).toBe(0);
    // And sequentially, including waits that end by abort of their own signal.
    for (let i = 0; i < 200; i++) {
      const own = new AbortController();
      const { poll } = scripted<Gateway>([{ status: "X" }]);
      const p = waitUntil(poll, gatewayAcceptor, { signal: own.signal });
      await vi.advanceTimersByTimeAsync(1);
      own.abort();
      await expect(p).rejects.toBeInstanceOf(AbortError);
      expect(listeners(own.signal)).toBe(0);
    }
  });
});
