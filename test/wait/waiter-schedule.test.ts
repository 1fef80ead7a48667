import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { finalPollMarginMs } from "../../src/internal/backoff.js";
import { WaitTimeoutError } from "../../src/wait/errors.js";
import { type PollOutcome, waitUntil } from "../../src/wait/waiter.js";
import { type Gateway, gatewayAcceptor, scripted, track } from "./waiter-fixtures.js";

/** When the waiter polls: the backoff, server hints (Retry-After), alignDelay, and the budget it never exceeds. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("waitUntil: backoff and server hints", () => {
  it("waits a quarter of the elapsed time, jitter only shortening it by up to 5 %, within [minDelay, maxDelay]", async () => {
    const { poll, times } = scripted<Gateway>([{ status: "UPDATING" }]);
    const draws = [0, 0, 0, 0, 0, 0, 1, 0.5, 0.999];
    const random = () => draws.shift() ?? 0;
    track(waitUntil(poll, gatewayAcceptor, { minDelayMs: 1000, maxDelayMs: 10_000, maxWaitMs: 100_000, random }));
    await vi.advanceTimersByTimeAsync(80_000);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    // e = 0…4000: 1000 (the floor); e = 5000: 1250; e = 6250 with the full 5 % off: 1562 · 0.95 → 1484; e = 7734
    // with 2.5 % off: 1885; e = 9619 with 4.995 % off: 2284
    expect(gaps.slice(0, 9)).toEqual([1000, 1000, 1000, 1000, 1000, 1250, 1484, 1885, 2284]);
    const clamp = (ms: number) => Math.min(10_000, Math.max(1000, Math.floor(ms)));
    for (let i = 0; i < gaps.length; i++) {
      const quarter = (times[i] as number) / 4;
      expect(gaps[i]).toBeGreaterThanOrEqual(clamp(quarter * 0.95));
      expect(gaps[i]).toBeLessThanOrEqual(clamp(quarter));
      if (i >= 9) expect(gaps[i]).toBe(clamp(quarter)); // the draws ran out: random 0 from here on
    }
    expect(gaps.at(-1)).toBe(10_000); // the ceiling, once the elapsed time passed 40 s
  });

  it("a resumed wait counts from the operation's start (elapsedOffsetMs), not from the call", async () => {
    const resumed = scripted<Gateway>([{ status: "UPDATING" }]);
    track(waitUntil(resumed.poll, gatewayAcceptor, { elapsedOffsetMs: 40_000, random: () => 0, maxWaitMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(30_000);
    // a quarter of 40 s, then of 50 s, then of 62.5 s
    expect(resumed.times).toEqual([0, 10_000, 22_500]);

    const late = scripted<Gateway>([{ status: "UPDATING" }]);
    track(waitUntil(late.poll, gatewayAcceptor, { elapsedOffsetMs: 3_600_000, random: () => 0, maxWaitMs: 100_000 }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(late.times).toEqual([0, 30_000, 60_000]); // maxDelayMs from the first sleep

    const fresh = scripted<Gateway>([{ status: "UPDATING" }]);
    track(waitUntil(fresh.poll, gatewayAcceptor, { random: () => 0, maxWaitMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fresh.times).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
  });

  it("a Retry-After wins over the schedule, also when shorter", async () => {
    const { poll, times } = scripted<Gateway>([{ status: "UPDATING" }], (n) => (n === 1 ? { retryAfterMs: 3000 } : {}));
    track(waitUntil(poll, gatewayAcceptor, { elapsedOffsetMs: 100_000, random: () => 0, maxWaitMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(28_750);
    expect(times).toEqual([0, 3000, 28_750]); // the hint, then a quarter of 103 s
  });

  it("notices completion at most a quarter of the job's time (or minDelayMs) late, also just after a poll", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 5000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.nat(),
        fc.integer({ min: 1, max: 1000 }),
        async (minDelayMs, extra, draws, pick, after) => {
          // The schedule alone (the job never completes), then a job done `after` ms past one of its polls: the
          // worst case, as the next poll is a whole delay away. The same draws give the same polls until then.
          const run = async (jobMs: number) => {
            let n = 0;
            const random = () => draws[n++ % draws.length] as number;
            const t0 = Date.now();
            const times: number[] = [];
            const poll = async (): Promise<PollOutcome<Gateway>> => {
              times.push(Date.now() - t0);
              return { observation: { status: Date.now() - t0 >= jobMs ? "RUNNING" : "UPDATING" } };
            };
            const wait = track(waitUntil(poll, gatewayAcceptor, { minDelayMs, maxDelayMs: minDelayMs + extra, maxWaitMs: 900_000, random }));
            await vi.runAllTimersAsync();
            return { times, wait };
          };
          const { times } = await run(Number.POSITIVE_INFINITY);
          const jobMs = (times[pick % (times.length - 1)] as number) + after;
          const { wait } = await run(jobMs);
          const late = (wait.value?.elapsedMs ?? Number.NaN) - jobMs;
          if (!(late >= 0 && late <= Math.max(minDelayMs, jobMs / 4))) throw new Error(`${late} ms late for a ${jobMs} ms job`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a Retry-After on the poll answer sets the next delay", async () => {
    const { poll, times } = scripted<Gateway>([{ status: "UPDATING" }, { status: "UPDATING" }, { status: "RUNNING" }], (n) =>
      n === 1 ? { retryAfterMs: 7000 } : {},
    );
    const wait = track(waitUntil(poll, gatewayAcceptor, { random: () => 0 }));
    await vi.advanceTimersByTimeAsync(6999);
    expect(times).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(times).toEqual([0, 7000]);
    await vi.advanceTimersByTimeAsync(2000); // back to the schedule: a quarter of 7 s is below minDelayMs → 2000
    expect(times).toEqual([0, 7000, 9000]);
    expect(wait.status).toBe("fulfilled");
  });

  it("bounds Retry-After to 4·maxDelay, to ≥ 0, and to the deadline", async () => {
    const huge = scripted<Gateway>([{ status: "UPDATING" }], () => ({ retryAfterMs: 1e12 }));
    track(waitUntil(huge.poll, gatewayAcceptor, { minDelayMs: 500, maxDelayMs: 1000, maxWaitMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(8000);
    expect(huge.times).toEqual([0, 4000, 8000]);

    const negative = scripted<Gateway>([{ status: "UPDATING" }, { status: "RUNNING" }], () => ({ retryAfterMs: -5 }));
    const quick = track(waitUntil(negative.poll, gatewayAcceptor));
    await vi.advanceTimersByTimeAsync(0);
    expect(negative.times).toEqual([0, 0]);
    expect(quick.status).toBe("fulfilled");

    const late = scripted<Gateway>([{ status: "UPDATING" }], () => ({ retryAfterMs: 100_000 }));
    const timedOut = track(waitUntil(late.poll, gatewayAcceptor, { maxDelayMs: 30_000, maxWaitMs: 3000 }));
    await vi.advanceTimersByTimeAsync(3000);
    expect(late.times).toEqual([0, 3000 - finalPollMarginMs(3000)]);
    expect(timedOut.error).toBeInstanceOf(WaitTimeoutError);
  });

  it("applies alignDelay, but never shortens a Retry-After", async () => {
    const aligned = scripted<Gateway>([{ status: "UPDATING" }], (n) => (n === 2 ? { retryAfterMs: 9000 } : {}));
    const alignDelay = vi.fn((d: number) => d + 500);
    track(waitUntil(aligned.poll, gatewayAcceptor, { random: () => 0, alignDelay, maxWaitMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(12_000);
    expect(aligned.times).toEqual([0, 2500, 12_000]);
    expect(alignDelay).toHaveBeenNthCalledWith(1, 2000);

    const shorter = scripted<Gateway>([{ status: "UPDATING" }], () => ({ retryAfterMs: 5000 }));
    track(waitUntil(shorter.poll, gatewayAcceptor, { alignDelay: () => 10, maxWaitMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(shorter.times).toEqual([0, 5000]);

    const broken = scripted<Gateway>([{ status: "UPDATING" }]);
    track(waitUntil(broken.poll, gatewayAcceptor, { alignDelay: () => Number.NaN, random: () => 0 }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(broken.times).toEqual([0, 2000]);
  });
});

describe("waitUntil: property", () => {
  it("every poll happens within the budget, sleeps stay within bounds, and the last poll is just before the deadline", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 50, max: 5000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 120_000 }),
        fc.array(fc.option(fc.integer({ min: -100, max: 200_000 }), { nil: undefined }), { maxLength: 20 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        async (minDelayMs, extra, maxWaitMs, hints, draws) => {
          const maxDelayMs = minDelayMs + extra;
          const { poll, times } = scripted<Gateway>([{ status: "UPDATING" }], (n) => ({ retryAfterMs: hints[n - 1] }));
          const random = () => draws.next().value as number;
          const wait = track(waitUntil(poll, gatewayAcceptor, { minDelayMs, maxDelayMs, maxWaitMs, random }));
          await vi.runAllTimersAsync();
          if (!(wait.error instanceof WaitTimeoutError)) throw new Error(`expected a timeout, got ${String(wait.error)}`);
          const lastPollAt = maxWaitMs - finalPollMarginMs(maxWaitMs);
          for (let i = 1; i < times.length; i++) {
            const gap = (times[i] as number) - (times[i - 1] as number);
            if (gap < 0 || gap > 4 * maxDelayMs) throw new Error(`gap ${gap} out of bounds`);
            if (hints[i - 1] === undefined && i < times.length - 1 && (gap < minDelayMs || gap > maxDelayMs)) {
              throw new Error(`backoff gap ${gap} outside [${minDelayMs}, ${maxDelayMs}]`);
            }
          }
          const last = times.at(-1) as number;
          if (Math.abs(last - lastPollAt) > 1) throw new Error(`last poll at ${last}, expected ≈${lastPollAt}`);
          if (last > maxWaitMs) throw new Error("polled after the deadline");
        },
      ),
      { numRuns: 60 },
    );
  });
});
