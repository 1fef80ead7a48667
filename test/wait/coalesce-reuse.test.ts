import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPollCoalescer } from "../../src/wait/coalesce.js";
import { fakeEndpoint, type Status } from "./coalesce-fixtures.js";

/** A settled answer is reused within maxAgeMs, dropped by invalidate(), and an idle key forgotten without a timer. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createPollCoalescer: result reuse (maxAgeMs)", () => {
  it("reuses a result for callers arriving less than maxAgeMs after the request started", async () => {
    const coalescer = createPollCoalescer<Status>({ maxAgeMs: 1000 });
    const fetch = fakeEndpoint(0).fetchFor("gw");
    await expect(coalescer.poll("gw", fetch)).resolves.toMatchObject({ request: 1 });
    await vi.advanceTimersByTimeAsync(999);
    await expect(coalescer.poll("gw", fetch)).resolves.toMatchObject({ request: 1 });
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(coalescer.poll("gw", fetch)).resolves.toMatchObject({ request: 2 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("reuses a rejection too, within the window", async () => {
    const coalescer = createPollCoalescer<string>({ maxAgeMs: 500 });
    const error = new Error("404");
    const fetch = vi.fn(async (): Promise<string> => {
      throw error;
    });
    await expect(coalescer.poll("k", fetch)).rejects.toBe(error);
    await expect(coalescer.poll("k", fetch)).rejects.toBe(error);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("invalidate(key) drops the cached result and detaches a running request", async () => {
    const coalescer = createPollCoalescer<Status>({ maxAgeMs: 10_000 });
    const { fetchFor } = fakeEndpoint(100);
    const fetch = fetchFor("gw");
    const first = coalescer.poll("gw", fetch);
    coalescer.invalidate("gw");
    const second = coalescer.poll("gw", fetch); // does not join the pre-invalidation request
    await vi.advanceTimersByTimeAsync(100);
    await expect(first).resolves.toMatchObject({ request: 1 });
    await expect(second).resolves.toMatchObject({ request: 2 });
    await expect(coalescer.poll("gw", fetch)).resolves.toMatchObject({ request: 2 }); // cached
    coalescer.invalidate("gw");
    coalescer.invalidate("unknown");
    const third = coalescer.poll("gw", fetch);
    await vi.advanceTimersByTimeAsync(100);
    await expect(third).resolves.toMatchObject({ request: 3 });
  });

  it("drops idle keys after their retention, without timers", async () => {
    const coalescer = createPollCoalescer<Status>({ maxAgeMs: 1000, slotMs: 2000 });
    const { fetchFor } = fakeEndpoint(0);
    for (let i = 0; i < 50; i++) await coalescer.poll(`k${i}`, fetchFor(`k${i}`));
    expect(coalescer.size).toBe(50);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(coalescer.size).toBe(0);
  });
});
