import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPollCoalescer } from "../../src/wait/coalesce.js";

/** nextSlot snaps a wait's delay to the key's grid so that waits started apart wake up together. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
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
