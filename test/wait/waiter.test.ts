import { getEventListeners, setMaxListeners } from "node:events";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  ConflictError,
  ConnectionError,
  HuaweiCloudError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ValidationError,
} from "../../src/errors.js";
import { finalPollMarginMs } from "../../src/internal/backoff.js";
import { JobFailedError, WaitTimeoutError } from "../../src/wait/errors.js";
import type { PollResult } from "../../src/wait/errors.js";
import { type PollContext, type PollOutcome, type Verdict, WAITER_DEFAULTS, waitUntil } from "../../src/wait/waiter.js";

/** Records how a promise settles without ever leaving a rejection unhandled. */
function track<T>(promise: Promise<T>) {
  const state: { status: "pending" | "fulfilled" | "rejected"; value?: T; error?: unknown } = { status: "pending" };
  promise.then(
    (value) => Object.assign(state, { status: "fulfilled", value }),
    (error: unknown) => Object.assign(state, { status: "rejected", error }),
  );
  return state;
}

/** A poll that answers the scripted observations in turn (repeating the last) and records when it was called. */
function scripted<O>(observations: readonly O[], extra: (attempt: number) => Partial<PollOutcome<O>> = () => ({})) {
  const times: number[] = [];
  const contexts: PollContext[] = [];
  const poll = vi.fn(async (ctx: PollContext): Promise<PollOutcome<O>> => {
    times.push(ctx.elapsedMs);
    contexts.push(ctx);
    const observation = observations[Math.min(ctx.attempt, observations.length) - 1] as O;
    return { observation, ...extra(ctx.attempt) };
  });
  return { poll, times, contexts };
}

type Gateway = { status: string; progress?: number };

/** Acceptor for a gateway-like status: RUNNING succeeds, *Failed fails, anything else retries. */
const gatewayAcceptor = (o: Gateway): Verdict => {
  if (o.status === "RUNNING") return { state: "success", status: o.status };
  if (o.status.endsWith("Failed")) return { state: "failure", reason: `gateway is ${o.status}`, status: o.status };
  return { state: "retry", reason: `gateway is ${o.status}`, status: o.status };
};

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("waitUntil: outcomes", () => {
  it("polls at once, then succeeds after N retries with the default delays", async () => {
    const { poll, times } = scripted<Gateway>([{ status: "CREATING" }, { status: "CREATING" }, { status: "CREATING" }, { status: "RUNNING" }]);
    const wait = track(waitUntil(poll, gatewayAcceptor, { random: () => 0 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toEqual([0]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(wait.status).toBe("fulfilled");
    expect(wait.value).toMatchObject({ value: { status: "RUNNING" }, attempts: 4, elapsedMs: 6000 });
    expect(times).toEqual([0, 2000, 4000, 6000]);
    expect(wait.value?.observed.map((o) => [o.attempt, o.elapsedMs, o.state, o.reason])).toEqual([
      [1, 0, "retry", "gateway is CREATING"],
      [2, 2000, "retry", "gateway is CREATING"],
      [3, 4000, "retry", "gateway is CREATING"],
      [4, 6000, "success", undefined],
    ]);
  });

  it("resolves on the first poll without sleeping", async () => {
    const { poll } = scripted<Gateway>([{ status: "RUNNING" }]);
    await expect(waitUntil(poll, gatewayAcceptor)).resolves.toMatchObject({ attempts: 1, elapsedMs: 0 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects JobFailedError carrying reason, status, observed and the last observation", async () => {
    const { poll } = scripted<Gateway>([{ status: "UPDATING" }, { status: "UpdateFailed" }]);
    const wait = track(waitUntil(poll, gatewayAcceptor));
    await vi.advanceTimersByTimeAsync(2000);
    expect(wait.status).toBe("rejected");
    const error = wait.error as JobFailedError<Gateway>;
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error.reason).toBe("gateway is UpdateFailed");
    expect(error.status).toBe("UpdateFailed");
    expect(error.message).toContain("gateway is UpdateFailed");
    expect(error.lastObservation).toEqual({ status: "UpdateFailed" });
    expect(error.observed.map((o) => o.state)).toEqual(["retry", "failure"]);
  });

  it("times out with a final poll just before the deadline (poll times asserted)", async () => {
    const { poll, times } = scripted<Gateway>([{ status: "UPDATING", progress: 10 }]);
    const wait = track(waitUntil(poll, gatewayAcceptor, { minDelayMs: 1000, maxDelayMs: 4000, maxWaitMs: 10_000, random: () => 0 }));
    await vi.advanceTimersByTimeAsync(9499);
    expect(wait.status).toBe("pending");
    // 1000 ms apart until a quarter of the elapsed time is more, then 1250, 1562, 1953 — but 7812 + 1953 would
    // pass the deadline, so the final poll is at 9500.
    const before = [0, 1000, 2000, 3000, 4000, 5000, 6250, 7812];
    expect(times).toEqual(before);
    await vi.advanceTimersByTimeAsync(1);
    expect(times).toEqual([...before, 9500]);
    expect(wait.status).toBe("rejected");
    const error = wait.error as WaitTimeoutError<Gateway>;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error.maxWaitMs).toBe(10_000);
    expect(error.elapsedMs).toBe(9500);
    expect(error.attempts).toBe(9);
    expect(error.lastReason).toBe("gateway is UPDATING");
    expect(error.lastObservation).toEqual({ status: "UPDATING", progress: 10 });
    expect(error.observed.map((o) => o.elapsedMs)).toEqual([...before, 9500]);
    expect(error.message).toContain("gateway is UPDATING");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("lets the final poll still succeed", async () => {
    const { poll, times } = scripted<Gateway>([{ status: "UPDATING" }, { status: "UPDATING" }, { status: "RUNNING" }]);
    const wait = track(waitUntil(poll, gatewayAcceptor, { minDelayMs: 3000, maxDelayMs: 3000, maxWaitMs: 5000 }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(times).toEqual([0, 3000, 4500]);
    expect(wait.value).toMatchObject({ value: { status: "RUNNING" }, attempts: 3 });
  });

  it("propagates an exception thrown by the acceptor", async () => {
    const bug = new Error("acceptor bug");
    const { poll } = scripted<Gateway>([{ status: "X" }]);
    await expect(
      waitUntil(poll, () => {
        throw bug;
      }),
    ).rejects.toBe(bug);
  });

  it("rejects a TypeError when the acceptor returns no valid result", async () => {
    const { poll } = scripted<Gateway>([{ status: "X" }]);
    await expect(waitUntil(poll, () => ({ state: "done" }) as unknown as Verdict)).rejects.toThrow(TypeError);
  });
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

describe("waitUntil: option validation", () => {
  const poll = vi.fn(async () => ({ observation: { status: "RUNNING" } }));
  it.each([
    [{ minDelayMs: 0 }, "minDelayMs"],
    [{ minDelayMs: -1 }, "minDelayMs"],
    [{ minDelayMs: Number.POSITIVE_INFINITY }, "minDelayMs"],
    [{ maxDelayMs: Number.NaN }, "maxDelayMs"],
    [{ maxWaitMs: 0 }, "maxWaitMs"],
    [{ maxWaitMs: "60000" }, "maxWaitMs"],
    [{ minDelayMs: 5000, maxDelayMs: 1000 }, "maxDelayMs"],
    [{ maxObserved: 1.5 }, "maxObserved"],
    [{ maxObserved: -1 }, "maxObserved"],
    [{ onProgress: "yes" }, "onProgress"],
    [{ alignDelay: 1 }, "alignDelay"],
    [{ maxDelayMs: 2 ** 31 }, "maxDelayMs"],
    [{ maxWaitMs: 2 ** 31 }, "maxWaitMs"],
    [{ now: 0 }, "now"],
    [{ signal: {} }, "signal"],
  ])("rejects %o naming %s, before polling", async (options, name) => {
    const attempt = waitUntil(poll, gatewayAcceptor, options as never);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((i) => i.path)).toEqual([name]);
    expect(error.message).toContain(name);
    expect(poll).not.toHaveBeenCalled();
  });

  it("bounds maxDelayMs and maxWaitMs by what one timer holds (2^31−1 ms), and accepts exactly that", async () => {
    const error = (await waitUntil(poll, gatewayAcceptor, { maxDelayMs: 2 ** 31, maxWaitMs: 1e12 }).catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((i) => [i.path, i.keyword])).toEqual([
      ["maxDelayMs", "maximum"],
      ["maxWaitMs", "maximum"],
    ]);
    expect(error.message).toMatch(/maxDelayMs must be ≤ 2147483647/);
    await expect(waitUntil(poll, gatewayAcceptor, { maxDelayMs: 2 ** 31 - 1, maxWaitMs: 2 ** 31 - 1 })).resolves.toMatchObject({ attempts: 1 });
  });

  it("lists every invalid option at once", async () => {
    const error = (await waitUntil(poll, gatewayAcceptor, { minDelayMs: -1, maxWaitMs: Number.NaN }).catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((i) => i.path)).toEqual(["minDelayMs", "maxWaitMs"]);
  });

  it("accepts explicit undefined as 'use the default'", async () => {
    await expect(waitUntil(poll, gatewayAcceptor, { minDelayMs: undefined, signal: undefined })).resolves.toMatchObject({
      attempts: 1,
    });
    expect(WAITER_DEFAULTS).toEqual({ minDelayMs: 2000, maxDelayMs: 30_000, maxWaitMs: 600_000, maxObserved: 100 });
  });
});

describe("waitUntil: progress and diagnostics", () => {
  it("calls onProgress on each change and not on identical consecutive observations", async () => {
    const { poll } = scripted<Gateway>([
      { status: "UPDATING", progress: 10 },
      { status: "UPDATING", progress: 10 }, // same content, new object: no event
      { status: "UPDATING", progress: 50 },
      { status: "UPDATING", progress: 50 },
      { status: "RUNNING" },
    ]);
    const events: PollResult<Gateway>[] = [];
    const wait = track(waitUntil(poll, gatewayAcceptor, { minDelayMs: 100, maxDelayMs: 100, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(400);
    expect(wait.status).toBe("fulfilled");
    expect(events).toEqual([
      {
        attempt: 1,
        elapsedMs: 0,
        state: "retry",
        status: "UPDATING",
        pending: [],
        reason: "gateway is UPDATING",
        observation: { status: "UPDATING", progress: 10 },
      },
      {
        attempt: 3,
        elapsedMs: 200,
        state: "retry",
        status: "UPDATING",
        pending: [],
        reason: "gateway is UPDATING",
        observation: { status: "UPDATING", progress: 50 },
      },
      { attempt: 5, elapsedMs: 400, state: "success", status: "RUNNING", pending: [], observation: { status: "RUNNING" } },
    ]);
  });

  it("reports a reason change even when the observation is unchanged", async () => {
    const { poll } = scripted<string>(["same"]);
    const reasons = ["a", "a", "b"];
    const events: PollResult<string>[] = [];
    track(
      waitUntil(poll, () => ({ state: "retry", reason: reasons.shift() ?? "b" }), {
        minDelayMs: 10,
        maxDelayMs: 10,
        onProgress: (e) => events.push(e),
      }),
    );
    await vi.advanceTimersByTimeAsync(50);
    expect(events.map((e) => [e.attempt, e.reason])).toEqual([
      [1, "a"],
      [3, "b"],
    ]);
  });

  it("keeps only the last maxObserved polls (default 100)", async () => {
    const { poll } = scripted<number>([0]);
    let n = 0;
    const accept = (): Verdict => (++n >= 150 ? { state: "success" } : { state: "retry" });
    const wait = track(waitUntil(poll, accept, { minDelayMs: 1, maxDelayMs: 1 }));
    await vi.advanceTimersByTimeAsync(200);
    expect(wait.value?.attempts).toBe(150);
    expect(wait.value?.observed).toHaveLength(100);
    expect(wait.value?.observed[0]?.attempt).toBe(51);
    expect(wait.value?.observed.at(-1)?.attempt).toBe(150);

    const small = track(waitUntil(scripted<number>([0]).poll, () => ({ state: "retry" }), { minDelayMs: 1, maxDelayMs: 1, maxWaitMs: 100, maxObserved: 3 }));
    const none = track(waitUntil(scripted<number>([0]).poll, () => ({ state: "retry" }), { minDelayMs: 1, maxDelayMs: 1, maxWaitMs: 100, maxObserved: 0 }));
    await vi.advanceTimersByTimeAsync(100);
    expect((small.error as WaitTimeoutError).observed.map((o) => o.attempt)).toEqual([89, 90, 91]);
    expect((none.error as WaitTimeoutError).observed).toEqual([]);
    expect((none.error as WaitTimeoutError).attempts).toBe(91);
  });

  it("propagates an exception thrown by onProgress", async () => {
    const { poll } = scripted<Gateway>([{ status: "RUNNING" }]);
    const bug = new Error("listener bug");
    await expect(
      waitUntil(poll, gatewayAcceptor, {
        onProgress: () => {
          throw bug;
        },
      }),
    ).rejects.toBe(bug);
  });
});

describe("waitUntil: poll errors, judged from the error itself", () => {
  const init = { requestId: "r1", body: {}, headers: {}, method: "GET", url: "https://x/v2/p/apic/instances/i" };
  const notFound = () => new NotFoundError({ status: 404, code: "APIC.7302", message: "instance not found", ...init });

  it("retries an error the transport marked retryable, recording its summary and the last status seen", async () => {
    let calls = 0;
    const poll = async (): Promise<PollOutcome<Gateway>> => {
      calls += 1;
      if (calls === 2) return { observation: { status: "UPDATING" } };
      if (calls <= 3) throw Object.assign(new ConnectionError("GET /x: connection failed (ECONNRESET)"), { retryable: true });
      return { observation: { status: "RUNNING" } };
    };
    const onProgress = vi.fn();
    const wait = track(waitUntil(poll, gatewayAcceptor, { random: () => 0, onProgress }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(wait.value).toMatchObject({ value: { status: "RUNNING" }, attempts: 4 });
    const [first, , third] = wait.value?.observed ?? [];
    expect(first).toEqual({
      attempt: 1,
      elapsedMs: 0,
      state: "retry",
      status: "unknown",
      pending: ["no successful poll yet"],
      reason: "poll answered ConnectionError; polling again",
      error: "ConnectionError: GET /x: connection failed (ECONNRESET)",
    });
    expect(first && "observation" in first).toBe(false);
    expect(third).toMatchObject({ state: "retry", status: "UPDATING", error: expect.stringMatching(/^ConnectionError/) });
    expect(onProgress).toHaveBeenCalledTimes(4);
  });

  it("retries a ConflictError (the resource is busy with the change awaited) even when not retryable", async () => {
    let calls = 0;
    const poll = async (): Promise<PollOutcome<Gateway>> => {
      if (++calls === 1) throw new ConflictError({ status: 409, code: "APIC.7712", message: "locked", ...init });
      return { observation: { status: "RUNNING" } };
    };
    const wait = track(waitUntil(poll, gatewayAcceptor, { random: () => 0 }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(wait.value?.observed[0]).toMatchObject({ state: "retry", reason: "poll answered 409 APIC.7712; polling again" });
    expect(wait.status).toBe("fulfilled");
  });

  it("fails with goneReason on NotFoundError, keeping it as cause", async () => {
    const error = notFound();
    const wait = waitUntil(
      async (): Promise<PollOutcome<Gateway>> => {
        throw error;
      },
      gatewayAcceptor,
      { goneReason: "instance deleted" },
    );
    await expect(wait).rejects.toBeInstanceOf(JobFailedError);
    await expect(wait).rejects.toMatchObject({ reason: "instance deleted", status: undefined, cause: error, lastObservation: undefined });
  });

  it("honours the Retry-After an error carries, also when the transport gave up on it", async () => {
    let calls = 0;
    const times: number[] = [];
    const poll = async (ctx: PollContext): Promise<PollOutcome<Gateway>> => {
      times.push(ctx.elapsedMs);
      if (++calls === 1) {
        throw Object.assign(new RateLimitError({ status: 429, code: "APIGW.0308", message: "throttled", ...init, headers: { "retry-after": "5" } }), {
          retryAfterMs: 5000,
        });
      }
      return { observation: { status: "RUNNING" } };
    };
    const wait = track(waitUntil(poll, gatewayAcceptor));
    await vi.advanceTimersByTimeAsync(5000);
    expect(times).toEqual([0, 5000]);
    expect(wait.status).toBe("fulfilled");
  });

  it("rethrows anything else: a non-retryable error, NotFoundError without goneReason, a non-SDK error", async () => {
    for (const error of [new PermissionDeniedError({ status: 403, code: "APIG.1005", message: "no permission", ...init }), notFound(), new TypeError("bug")]) {
      const failing = async (): Promise<PollOutcome<Gateway>> => {
        throw error;
      };
      await expect(waitUntil(failing, gatewayAcceptor)).rejects.toBe(error);
      const sync = (): Promise<PollOutcome<Gateway>> => {
        throw error;
      };
      await expect(waitUntil(sync, gatewayAcceptor)).rejects.toBe(error);
    }
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
