import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError } from "../../src/errors.js";
import { createPollCoalescer } from "../../src/wait/coalesce.js";
import { coalescedWait, fakeEndpoint, type Status } from "./coalesce-fixtures.js";
import { listeners, track } from "./waiter-fixtures.js";

/** A caller abort leaves only that caller; the shared request is aborted once every joined caller has left. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createPollCoalescer: abort", () => {
  it("one caller aborting rejects only that caller, at once; the shared request continues", async () => {
    const coalescer = createPollCoalescer<Status>();
    const { fetchFor, signals } = fakeEndpoint(100);
    const fetch = fetchFor("gw");
    const [c1, c2, c3] = [new AbortController(), new AbortController(), new AbortController()];
    const p1 = coalescer.poll("gw", fetch, c1.signal);
    const s2 = track(coalescer.poll("gw", fetch, c2.signal));
    const s3 = track(coalescer.poll("gw", fetch, c3.signal));
    c1.abort(new Error("caller 1 gave up"));
    await expect(p1).rejects.toBeInstanceOf(AbortError);
    expect(signals[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect([s2.status, s3.status]).toEqual(["fulfilled", "fulfilled"]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect([listeners(c1.signal), listeners(c2.signal), listeners(c3.signal)]).toEqual([0, 0, 0]);
  });

  it("aborts the shared request only when every joined caller has aborted, and does not reuse it", async () => {
    const coalescer = createPollCoalescer<Status>({ maxAgeMs: 10_000 });
    const { fetchFor, signals } = fakeEndpoint(100);
    const fetch = fetchFor("gw");
    const controllers = Array.from({ length: 3 }, () => new AbortController());
    const promises = controllers.map((c) => coalescer.poll("gw", fetch, c.signal));
    controllers[0]?.abort();
    controllers[1]?.abort();
    expect(signals[0]?.aborted).toBe(false);
    controllers[2]?.abort();
    expect(signals[0]?.aborted).toBe(true);
    for (const p of promises) await expect(p).rejects.toBeInstanceOf(AbortError);
    // The aborted request is neither joined nor cached: the next caller starts afresh.
    const next = coalescer.poll("gw", fetch);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(100);
    await expect(next).resolves.toEqual({ key: "gw", request: 2 });
  });

  it("a caller without a signal keeps the shared request alive", async () => {
    const coalescer = createPollCoalescer<Status>();
    const { fetchFor, signals } = fakeEndpoint(100);
    const fetch = fetchFor("gw");
    const pinned = coalescer.poll("gw", fetch);
    const controller = new AbortController();
    const abortable = coalescer.poll("gw", fetch, controller.signal);
    controller.abort();
    await expect(abortable).rejects.toBeInstanceOf(AbortError);
    expect(signals[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    await expect(pinned).resolves.toEqual({ key: "gw", request: 1 });
  });

  it("rejects an already-aborted caller without starting or joining a request", async () => {
    const coalescer = createPollCoalescer<Status>();
    const fetch = fakeEndpoint(0).fetchFor("gw");
    await expect(coalescer.poll("gw", fetch, AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("one wait aborting mid-poll leaves the other waits on the key running", async () => {
    const coalescer = createPollCoalescer<Status>({ slotMs: 1000 });
    const { fetchFor, starts } = fakeEndpoint(50);
    const fetch = fetchFor("gw");
    const controller = new AbortController();
    const leaving = track(coalescedWait(coalescer, "gw", fetch, 1000, 3, true, controller.signal));
    const staying = Array.from({ length: 5 }, () => track(coalescedWait(coalescer, "gw", fetch, 1000, 3, true)));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(leaving.error).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(3000);
    expect(staying.map((s) => s.value?.value)).toEqual([3, 3, 3, 3, 3]);
    expect(starts.get("gw")).toHaveLength(3);
  });
});
