import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPollCoalescer } from "../../src/wait/coalesce.js";
import { delay, fakeEndpoint, type Status } from "./coalesce-fixtures.js";

/** Concurrent polls for a key share one request, its answer or its rejection, and nothing outlives it. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createPollCoalescer: single flight", () => {
  it("joins concurrent polls for a key and starts a fresh request once it settled", async () => {
    const coalescer = createPollCoalescer<Status>();
    const { fetchFor } = fakeEndpoint(100);
    const fetch = fetchFor("gw");
    const a = coalescer.poll("gw", fetch);
    const b = coalescer.poll("gw", fetch);
    await vi.advanceTimersByTimeAsync(100);
    await expect(Promise.all([a, b])).resolves.toEqual([
      { key: "gw", request: 1 },
      { key: "gw", request: 1 },
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
    const c = coalescer.poll("gw", fetch);
    await vi.advanceTimersByTimeAsync(100);
    await expect(c).resolves.toEqual({ key: "gw", request: 2 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("shares a rejection with every joined caller, then forgets it (maxAgeMs 0)", async () => {
    const coalescer = createPollCoalescer<string>();
    const error = new Error("503");
    const fetch = vi.fn(async (): Promise<string> => {
      await delay(10);
      throw error;
    });
    const a = coalescer.poll("k", fetch);
    const b = coalescer.poll("k", fetch);
    await vi.advanceTimersByTimeAsync(10);
    await expect(a).rejects.toBe(error);
    await expect(b).rejects.toBe(error);
    fetch.mockResolvedValueOnce("ok");
    await expect(coalescer.poll("k", fetch)).resolves.toBe("ok");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("turns a synchronous throw of fn into a rejection", async () => {
    const coalescer = createPollCoalescer<string>();
    const error = new Error("sync");
    await expect(
      coalescer.poll("k", () => {
        throw error;
      }),
    ).rejects.toBe(error);
    expect(coalescer.size).toBe(0);
  });

  it("validates its options", () => {
    expect(() => createPollCoalescer({ maxAgeMs: -1 })).toThrow(/maxAgeMs/);
    expect(() => createPollCoalescer({ slotMs: Number.NaN })).toThrow(/slotMs/);
  });
});
