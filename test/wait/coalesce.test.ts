import { getEventListeners, setMaxListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError } from "../../src/errors.js";
import { createPollCoalescer, type PollCoalescer } from "../../src/wait/coalesce.js";
import { type Verdict, type WaitResult, waitUntil } from "../../src/wait/waiter.js";

type Waited = Omit<WaitResult<Status>, "value"> & { value: number };

/** Records how a promise settles without ever leaving a rejection unhandled. */
function track<T>(promise: Promise<T>) {
  const state: { status: "pending" | "fulfilled" | "rejected"; value?: T; error?: unknown } = { status: "pending" };
  promise.then(
    (value) => Object.assign(state, { status: "fulfilled", value }),
    (error: unknown) => Object.assign(state, { status: "rejected", error }),
  );
  return state;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

type Status = { key: string; request: number };

/** A fake status endpoint per key: counts requests, records their start times, answers after `latencyMs`. */
function fakeEndpoint(latencyMs: number) {
  const starts = new Map<string, number[]>();
  const signals: AbortSignal[] = [];
  const fetchFor = (key: string) =>
    vi.fn(async (signal: AbortSignal): Promise<Status> => {
      const list = starts.get(key) ?? [];
      list.push(Date.now());
      starts.set(key, list);
      signals.push(signal);
      const request = list.length;
      if (latencyMs > 0) await delay(latencyMs);
      return { key, request };
    });
  return { fetchFor, starts, signals };
}

/** A wait on `key` through the coalescer that succeeds once the endpoint has served `doneAfter` requests. */
function coalescedWait(
  coalescer: PollCoalescer<Status>,
  key: string,
  fetch: (signal: AbortSignal) => Promise<Status>,
  intervalMs: number,
  doneAfter: number,
  align: boolean,
  signal?: AbortSignal,
): Promise<Waited> {
  const accept = (o: Status): Verdict => (o.request >= doneAfter ? { state: "success" } : { state: "retry", reason: `request ${o.request}` });
  return waitUntil(async (ctx) => ({ observation: await coalescer.poll(key, fetch, ctx.signal) }), accept, {
    minDelayMs: intervalMs,
    maxDelayMs: intervalMs,
    maxWaitMs: 600_000,
    ...(align ? { alignDelay: (d: number) => coalescer.nextSlot(key, d) } : {}),
    ...(signal ? { signal } : {}),
  }).then((r) => ({ ...r, value: r.value.request }));
}

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

describe("createPollCoalescer: nextSlot", () => {
  it("leaves the delay alone without slotMs or before the key's first request", async () => {
    expect(createPollCoalescer().nextSlot("k", 1234)).toBe(1234);
    const coalescer = createPollCoalescer<number>({ slotMs: 1000 });
    expect(coalescer.nextSlot("k", 1234)).toBe(1234);
    expect(coalescer.nextSlot("k", Number.NaN)).toBe(0);
  });

  it("snaps delays up to a slot to the key's grid, at most a quarter of the delay early, and joins planned wake-ups", async () => {
    const coalescer = createPollCoalescer<number>({ slotMs: 1000 });
    const t0 = Date.now();
    await coalescer.poll("k", async () => 1); // anchors the grid at t0
    await vi.advanceTimersByTimeAsync(20);
    expect(coalescer.nextSlot("k", 1000)).toBe(980); // wanted t0 + 1020: grid point t0 + 1000 is within 250 ms
    expect(coalescer.nextSlot("k", 2500)).toBe(2500); // longer than a slot: exactly when wanted, t0 + 2520
    await vi.advanceTimersByTimeAsync(230); // now t0 + 250
    expect(coalescer.nextSlot("k", 1000)).toBe(750); // wanted t0 + 1250, joins t0 + 1000, 250 ms early
    expect(coalescer.nextSlot("k", 2400)).toBe(2270); // wanted t0 + 2650, joins t0 + 2520, 130 ms early
    await vi.advanceTimersByTimeAsync(10); // now t0 + 260
    // wanted t0 + 1260: more than 250 ms past t0 + 1000, and a wake-up of its own (t0 + 2000, a slot after
    // t0 + 1000) would be less than a slot before t0 + 2520, so it joins t0 + 1000: early, never late
    expect(coalescer.nextSlot("k", 1000)).toBe(740);
    expect(Date.now() - t0).toBe(260);
  });

  it("keeps its own wake-ups at least a slot apart and after the latest request", async () => {
    const coalescer = createPollCoalescer<number>({ slotMs: 1000 });
    const _t0 = Date.now();
    await coalescer.poll("k", async () => 1);
    expect(coalescer.nextSlot("k", 5000)).toBe(5000); // t0 + 5000
    expect(coalescer.nextSlot("k", 3000)).toBe(3000); // t0 + 3000: two slots before t0 + 5000
    expect(coalescer.nextSlot("k", 3500)).toBe(3000); // t0 + 3500: joins t0 + 3000, 500 ms (≤ a quarter) early
    expect(coalescer.nextSlot("k", 4200)).toBe(3000); // t0 + 4200: no room before t0 + 5000, joins t0 + 3000
    expect(coalescer.nextSlot("k", 6100)).toBe(5000); // t0 + 6100: joins t0 + 5000, 1100 ms (≤ a quarter) early
    expect(coalescer.nextSlot("k", 7000)).toBe(7000); // t0 + 7000: a quarter early is t0 + 5250, past t0 + 5000
    await vi.advanceTimersByTimeAsync(1500);
    // wanted t0 + 2500: no planned wake-up from t0 + 2250 on, one of its own would be less than a slot before
    // t0 + 3000 and none is planned earlier: joins t0 + 3000, 500 ms late (less than a slot)
    expect(coalescer.nextSlot("k", 1000)).toBe(1500);

    const other = createPollCoalescer<number>({ slotMs: 1000 });
    await other.poll("k", async () => 1); // at t0 + 1500
    await vi.advanceTimersByTimeAsync(400);
    await other.poll("k", async () => 2); // at t0 + 1900, past the reuse window (maxAgeMs 0): a request
    expect(other.nextSlot("k", 100)).toBe(1000); // not before t0 + 2900, a slot after that request
    // wanted t0 + 3400: t0 + 2900 is 500 ms (more than a quarter) early, but one of its own would have to wait
    // until t0 + 3900, a slot after it: joins t0 + 2900, as early is never late
    expect(other.nextSlot("k", 1500)).toBe(1000);
    expect(other.nextSlot("k", 3000)).toBe(3000); // t0 + 4900: its own, a slot after t0 + 2900 and t0 + 3900 free
  });
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
