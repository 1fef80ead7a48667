import { describe, expect, it } from "vitest";
import { createPollCoalescer } from "../../src/wait/coalesce.js";

/** A coalescer with 1 s slots on a hand-moved clock, its grid anchored at 0 by a first request. */
async function anchored() {
  const clock = { t: 0 };
  const coalescer = createPollCoalescer<number>({ slotMs: 1000, now: () => clock.t });
  await coalescer.poll("k", async () => 1);
  return { clock, coalescer };
}

describe("createPollCoalescer: nextSlot at the edges", () => {
  it("a wake-up wanted now, at a planned wake-up, gets its own a slot later", async () => {
    const { clock, coalescer } = await anchored();
    expect(coalescer.nextSlot("k", 1000)).toBe(1000); // planned: 1000
    clock.t = 1000;
    // the wake-up at 1000 is the present one: not joinable, and the next is at least a slot after it
    expect(coalescer.nextSlot("k", 0)).toBe(1000);
    expect(coalescer.nextSlot("k", 1000)).toBe(1000); // joins 2000
  });

  it("joins a planned wake-up exactly a quarter of the delay early", async () => {
    const { coalescer } = await anchored();
    expect(coalescer.nextSlot("k", 3000)).toBe(3000);
    expect(coalescer.nextSlot("k", 4000)).toBe(3000); // wanted 4000, 1000 ms (a quarter) early
  });

  it("gets its own wake-up exactly a slot before the next one, and joins one exactly when wanted", async () => {
    const { coalescer } = await anchored();
    expect(coalescer.nextSlot("k", 4000)).toBe(4000);
    expect(coalescer.nextSlot("k", 3000)).toBe(3000); // a slot before 4000: room for its own
    // both 3000 and 4000 are within a quarter of 4000: the one exactly when wanted
    expect(coalescer.nextSlot("k", 4000)).toBe(4000);
    expect(coalescer.nextSlot("k", 3800)).toBe(3000); // 3000 (early) rather than 4000 (late)
  });

  it("snaps to a grid point exactly a quarter of the delay early", async () => {
    const { clock, coalescer } = await anchored();
    clock.t = 250;
    expect(coalescer.nextSlot("k", 1000)).toBe(750); // wanted 1250, grid point 1000
  });

  it("keeps the planned wake-ups in order when one is added after all others", async () => {
    const { clock, coalescer } = await anchored();
    expect(coalescer.nextSlot("k", 1000)).toBe(1000); // planned: 1000
    expect(coalescer.nextSlot("k", 3000)).toBe(3000); // planned: 1000, 3000
    clock.t = 1500;
    // wanted 3700: 3000 is more than a quarter early, but one of its own would be less than a slot after
    // 3000, the latest planned before it: joins 3000
    expect(coalescer.nextSlot("k", 2200)).toBe(1500);
  });
});
