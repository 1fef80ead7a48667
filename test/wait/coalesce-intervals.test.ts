import { setMaxListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPollCoalescer } from "../../src/wait/coalesce.js";
import { waitUntil } from "../../src/wait/waiter.js";
import { coalescedWait, fakeEndpoint, type Status, type Waited } from "./coalesce-fixtures.js";
import { listeners, track } from "./waiter-fixtures.js";

/** The point of the coalescer: many waits through it on one key make one request per interval, not one each. */

/** Request start times (relative to `t0`) bucketed per interval: how many requests each interval saw. */
function perInterval(starts: readonly number[], t0: number, intervalMs: number, intervals: number): number[] {
  const buckets = Array.from({ length: intervals }, () => 0);
  for (const t of starts) {
    const i = Math.floor((t - t0) / intervalMs);
    if (i < intervals) buckets[i] = (buckets[i] ?? 0) + 1;
  }
  return buckets;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createPollCoalescer + waitUntil: one request per interval", () => {
  const interval = 5000;

  it("1000 waits on one key started at different times make exactly one request per interval", async () => {
    const coalescer = createPollCoalescer<Status>({ slotMs: interval, maxAgeMs: 1000 });
    const { fetchFor, starts } = fakeEndpoint(20);
    const fetch = fetchFor("gw-1");
    const t0 = Date.now();
    const waits: ReturnType<typeof track<Waited>>[] = [];
    for (let batch = 0; batch < 10; batch++) {
      // 100 waits every 100 ms: start times spread over 900 ms.
      for (let i = 0; i < 100; i++) waits.push(track(coalescedWait(coalescer, "gw-1", fetch, interval, 8, true)));
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(8 * interval);
    expect(waits.every((w) => w.status === "fulfilled" && w.value?.value === 8)).toBe(true);
    const requestTimes = (starts.get("gw-1") ?? []).map((t) => t - t0);
    expect(requestTimes).toEqual([0, 5000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000]);
    expect(perInterval(starts.get("gw-1") ?? [], t0, interval, 8)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(fetch).toHaveBeenCalledTimes(8);
    // Every wait still saw every state change it could: its last poll returned the 8th request.
    expect(waits.map((w) => w.value?.attempts).every((n) => n !== undefined && n >= 8)).toBe(true);
  });

  it("waits on the growing default schedule, started over 3 s: requests a slot apart, noticed at most a quarter of the job late", async () => {
    const slot = 2000;
    const coalescer = createPollCoalescer<Status>({ slotMs: slot, maxAgeMs: slot / 2 });
    const { fetchFor, starts } = fakeEndpoint(20);
    const fetch = fetchFor("gw");
    const t0 = Date.now();
    const jobMs = 50_000;
    const noticed: number[] = [];
    for (let batch = 0; batch < 30; batch++) {
      for (let i = 0; i < 10; i++) {
        const wait = waitUntil(
          async (ctx) => ({ observation: await coalescer.poll("gw", fetch, ctx.signal) }),
          () => (Date.now() - t0 >= jobMs ? { state: "success" } : { state: "retry" }),
          { alignDelay: (d) => coalescer.nextSlot("gw", d), elapsedOffsetMs: Date.now() - t0, maxWaitMs: 600_000 },
        );
        void wait.then(() => noticed.push(Date.now() - t0));
      }
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(120_000);
    expect(noticed).toHaveLength(300);
    const requests = (starts.get("gw") ?? []).map((t) => t - t0);
    for (let i = 1; i < requests.length; i++) expect((requests[i] as number) - (requests[i - 1] as number)).toBeGreaterThanOrEqual(slot / 2);
    // requests that are not a first poll (from 3 s on) are a full slot apart
    const later = requests.filter((t) => t >= 3000);
    for (let i = 1; i < later.length; i++) expect((later[i] as number) - (later[i - 1] as number)).toBeGreaterThanOrEqual(slot);
    expect(requests.length).toBeLessThanOrEqual(16); // 15 for one wait alone: 0, 2, 4, 6, 8, 10 s, then ×1.25 or a bit less
    // every wait counts from the same start (elapsedOffsetMs), so they share one rhythm: noticed together, and
    // late by at most a quarter of the job's time plus the latency of the poll that saw it
    expect(Math.max(...noticed) - Math.min(...noticed)).toBeLessThanOrEqual(20);
    expect(Math.max(...noticed) - jobMs).toBeLessThanOrEqual(jobMs / 4 + 20);
  });

  it("1000 simultaneous waits without alignment share each request while it is in flight", async () => {
    const coalescer = createPollCoalescer<Status>();
    const { fetchFor, starts } = fakeEndpoint(20);
    const fetch = fetchFor("gw-1");
    const t0 = Date.now();
    const waits = Array.from({ length: 1000 }, () => track(coalescedWait(coalescer, "gw-1", fetch, interval, 5, false)));
    await vi.advanceTimersByTimeAsync(6 * interval);
    expect(waits.every((w) => w.value?.value === 5)).toBe(true);
    const requestTimes = (starts.get("gw-1") ?? []).map((t) => t - t0);
    // Each round: request (20 ms) then everyone sleeps the interval.
    expect(requestTimes).toEqual([0, 5020, 10_040, 15_060, 20_080]);
    expect(fetch).toHaveBeenCalledTimes(5);
  });

  it("waits on different keys stay independent", async () => {
    const coalescer = createPollCoalescer<Status>({ slotMs: interval, maxAgeMs: 1000 });
    const { fetchFor, starts } = fakeEndpoint(20);
    const fetchA = fetchFor("a");
    const fetchB = fetchFor("b");
    const t0 = Date.now();
    const onA = Array.from({ length: 500 }, () => track(coalescedWait(coalescer, "a", fetchA, interval, 3, true)));
    await vi.advanceTimersByTimeAsync(2500); // "b" starts half an interval later: its own grid
    const onB = Array.from({ length: 500 }, () => track(coalescedWait(coalescer, "b", fetchB, interval, 5, true)));
    await vi.advanceTimersByTimeAsync(6 * interval);
    expect(onA.every((w) => w.value?.value === 3)).toBe(true);
    expect(onB.every((w) => w.value?.value === 5)).toBe(true);
    expect((starts.get("a") ?? []).map((t) => t - t0)).toEqual([0, 5000, 10_000]);
    expect((starts.get("b") ?? []).map((t) => t - t0)).toEqual([2500, 7500, 12_500, 17_500, 22_500]);
    expect(fetchA).toHaveBeenCalledTimes(3);
    expect(fetchB).toHaveBeenCalledTimes(5);
  });

  it("leaves no listeners behind on a signal shared by 1000 coalesced waits", async () => {
    const coalescer = createPollCoalescer<Status>({ slotMs: interval, maxAgeMs: 1000 });
    const fetch = fakeEndpoint(20).fetchFor("gw");
    const controller = new AbortController();
    setMaxListeners(5000, controller.signal);
    const waits = Array.from({ length: 1000 }, () => track(coalescedWait(coalescer, "gw", fetch, interval, 3, true, controller.signal)));
    await vi.advanceTimersByTimeAsync(3 * interval);
    expect(waits.every((w) => w.value?.value === 3)).toBe(true);
    expect(listeners(controller.signal)).toBe(0);
  });
});
