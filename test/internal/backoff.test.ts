import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type FittedSleep,
  FINAL_POLL_MARGIN_MS,
  RETRY_AFTER_CAP_FACTOR,
  ELAPSED_FRACTION,
  ELAPSED_JITTER,
  backoffDelay,
  boundRetryAfter,
  elapsedFractionDelay,
  finalPollMarginMs,
  fitToDeadline,
} from "../../src/internal/backoff.js";
import { RETRY_MAX_DELAY_MS, RETRY_MIN_DELAY_MS } from "../../src/internal/retry.js";

describe("backoffDelay", () => {
  it("starts at minDelay and doubles its ceiling per attempt up to maxDelay", () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, 2000, 30_000, top))).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    const bottom = () => 0;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 2000, 30_000, bottom))).toEqual([2000, 2000, 2000, 2000, 30_000]);
  });

  it("gives the transport's retries 0.5 s doubling to 8 s at the top, the 0.5 s floor at the bottom", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, RETRY_MIN_DELAY_MS, RETRY_MAX_DELAY_MS, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(3, RETRY_MIN_DELAY_MS, RETRY_MAX_DELAY_MS, () => 0)).toBe(500);
  });

  it("spreads uniformly between minDelay and the attempt's ceiling", () => {
    expect(backoffDelay(3, 1000, 60_000, () => 0.5)).toBe(2500); // [1000, 4000]
  });

  it("is exact when minDelay equals maxDelay, and clamps bad random values", () => {
    expect(backoffDelay(9, 5000, 5000, () => 0.7)).toBe(5000);
    expect(backoffDelay(2, 1000, 8000, () => 7)).toBe(2000);
    expect(backoffDelay(2, 1000, 8000, () => -1)).toBe(1000);
    expect(backoffDelay(2, 1000, 8000, () => Number.NaN)).toBe(1000);
  });

  it("never overflows for huge attempt numbers", () => {
    expect(backoffDelay(10_000, 1, 1e9, () => 0.5)).toBe(1e9);
  });

  it("property: every delay lies within [minDelay, min(maxDelay, minDelay·2^(attempt−1))]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (minDelay, extra, attempt, r) => {
          const maxDelay = minDelay + extra;
          const delay = backoffDelay(attempt, minDelay, maxDelay, () => r);
          expect(delay).toBeGreaterThanOrEqual(minDelay);
          expect(delay).toBeLessThanOrEqual(maxDelay);
          if (minDelay * 2 ** (attempt - 1) < maxDelay) {
            expect(delay).toBeLessThanOrEqual(Math.round(minDelay * 2 ** (attempt - 1)));
          }
        },
      ),
    );
  });
});

describe("elapsedFractionDelay", () => {
  it("is a quarter of the elapsed time, less up to 5 % jitter", () => {
    expect([ELAPSED_FRACTION, ELAPSED_JITTER]).toEqual([0.25, 0.05]);
    expect(elapsedFractionDelay(40_000, 2000, 30_000, () => 0)).toBe(10_000);
    expect(elapsedFractionDelay(40_000, 2000, 30_000, () => 0.5)).toBe(9750);
    expect(elapsedFractionDelay(40_000, 2000, 30_000, () => 0.999_999)).toBe(9500);
    expect(elapsedFractionDelay(10_001, 2000, 30_000, () => 0)).toBe(2500); // whole ms, rounded down
  });

  it("stays at minDelay until a quarter of the elapsed time exceeds it, and at maxDelay from four times it", () => {
    const bottom = () => 0;
    expect([0, 2000, 4000, 6000, 8000, 8004].map((e) => elapsedFractionDelay(e, 2000, 30_000, bottom))).toEqual([2000, 2000, 2000, 2000, 2000, 2001]);
    expect([119_996, 120_000, 3_600_000].map((e) => elapsedFractionDelay(e, 2000, 30_000, bottom))).toEqual([29_999, 30_000, 30_000]);
    // the jitter never leaves the bounds either
    expect(elapsedFractionDelay(8400, 2000, 30_000, () => 1)).toBe(2000);
    expect(elapsedFractionDelay(10 * 3_600_000, 2000, 30_000, () => 1)).toBe(30_000);
  });

  it("counts only the elapsed time, so a resumed wait's delays continue from the original start", () => {
    // an hour after the change was sent, a wait resumed in another process starts at maxDelay, not minDelay
    expect(elapsedFractionDelay(3_600_000, 2000, 30_000, () => 0)).toBe(30_000);
    expect(elapsedFractionDelay(60_000, 2000, 30_000, () => 0)).toBe(15_000);
  });

  it("treats bad inputs safely: random clamped, NaN random as 0, negative or non-finite elapsed as 0", () => {
    expect(elapsedFractionDelay(40_000, 2000, 30_000, () => -3)).toBe(10_000);
    expect(elapsedFractionDelay(40_000, 2000, 30_000, () => 7)).toBe(9500);
    expect(elapsedFractionDelay(40_000, 2000, 30_000, () => Number.NaN)).toBe(10_000);
    expect(elapsedFractionDelay(-5000, 2000, 30_000, () => 0)).toBe(2000);
    expect(elapsedFractionDelay(Number.NaN, 2000, 30_000, () => 0)).toBe(2000);
    expect(elapsedFractionDelay(Number.POSITIVE_INFINITY, 2000, 30_000, () => 0)).toBe(2000);
  });

  it("property: within [minDelay, maxDelay] and [95 %, 100 %] of a quarter of the elapsed time where that fits", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (elapsed, min, extra, r) => {
          const max = min + extra;
          const d = elapsedFractionDelay(elapsed, min, max, () => r);
          const clamp = (ms: number) => Math.min(max, Math.max(min, Math.floor(ms)));
          return Number.isInteger(d) && d >= clamp(0.95 * 0.25 * elapsed) && d <= clamp(0.25 * elapsed);
        },
      ),
    );
  });

  it("leaves backoffDelay, the transport's schedule, as it was", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 2000, 30_000, () => 1))).toEqual([2000, 4000, 8000, 16_000, 30_000]);
  });
});

describe("boundRetryAfter", () => {
  it("bounds a hint to [0, cap] and ignores non-numbers", () => {
    expect(RETRY_AFTER_CAP_FACTOR).toBe(4);
    expect(boundRetryAfter(7000, 120_000)).toBe(7000);
    expect(boundRetryAfter(1e12, 120_000)).toBe(120_000);
    expect(boundRetryAfter(-50, 120_000)).toBe(0);
    expect(boundRetryAfter(undefined, 30_000)).toBeUndefined();
    expect(boundRetryAfter(Number.NaN, 30_000)).toBeUndefined();
    expect(boundRetryAfter(Number.POSITIVE_INFINITY, 30_000)).toBeUndefined();
  });
});

describe("fitToDeadline", () => {
  it("keeps a delay that ends before the last poll point", () => {
    expect(fitToDeadline(1000, 2000, 10_000)).toEqual({ sleepMs: 2000, final: false });
  });

  it("shrinks a delay so the final poll lands margin ms before the deadline", () => {
    expect(finalPollMarginMs(10_000)).toBe(FINAL_POLL_MARGIN_MS);
    expect(fitToDeadline(7000, 4000, 10_000)).toEqual({ sleepMs: 2500, final: true });
    expect(fitToDeadline(7000, 2500, 10_000)).toEqual({ sleepMs: 2500, final: true });
  });

  it("reports a timeout once a poll happened at or after the last poll point", () => {
    expect(fitToDeadline(9500, 1, 10_000)).toBeUndefined();
    expect(fitToDeadline(12_000, 1, 10_000)).toBeUndefined();
  });

  it("uses a tenth of a short budget as margin", () => {
    expect(finalPollMarginMs(1000)).toBe(100);
    expect(fitToDeadline(0, 5000, 1000)).toEqual({ sleepMs: 900, final: true });
    expect(finalPollMarginMs(5)).toBe(0);
  });

  it("property: a simulated schedule never sleeps past the deadline and ends with a poll at its last point", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 1, max: 200_000 }),
        fc.array(fc.option(fc.integer({ min: -1000, max: 1_000_000 }), { nil: undefined }), { maxLength: 50 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (minDelay, extra, maxWait, hints, r) => {
          const maxDelay = minDelay + extra;
          let at = 0;
          const pollTimes = [0];
          let lastWasFinal = false;
          for (let attempt = 1; ; attempt++) {
            const hinted = boundRetryAfter(hints[attempt - 1], maxDelay);
            const planned = hinted ?? backoffDelay(attempt, minDelay, maxDelay, () => r);
            const [lo, hi] = hinted === undefined ? [minDelay, maxDelay] : [0, maxDelay * RETRY_AFTER_CAP_FACTOR];
            if (planned < lo || planned > hi) throw new Error(`delay ${planned} outside [${lo}, ${hi}]`);
            const fitted: FittedSleep | undefined = lastWasFinal ? undefined : fitToDeadline(at, planned, maxWait);
            if (fitted === undefined) break;
            const { sleepMs } = fitted;
            lastWasFinal = fitted.final;
            if (sleepMs < 0 || sleepMs > planned) throw new Error(`sleep ${sleepMs} outside [0, ${planned}]`);
            at += sleepMs;
            pollTimes.push(at);
          }
          const lastPollAt = maxWait - finalPollMarginMs(maxWait);
          expect(at).toBeLessThanOrEqual(maxWait);
          expect(at).toBeCloseTo(lastPollAt, 6);
        },
      ),
      { numRuns: 200 },
    );
  });
});
