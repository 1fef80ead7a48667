/**
 * Pure delay arithmetic for the waiter: jittered exponential backoff, the bound on server `Retry-After` hints, and
 * the deadline rule that turns "the next sleep would pass the deadline" into one last poll just before it.
 * No timers here, so it is easy to test exhaustively.
 */

/** A server `Retry-After` is honoured up to this multiple of `maxDelayMs` (see {@link boundRetryAfter}). */
export const RETRY_AFTER_CAP_FACTOR = 4;

/** The last poll happens this long before the deadline, at most (see {@link finalPollMarginMs}), in ms. */
export const FINAL_POLL_MARGIN_MS = 500;

/**
 * Delay before the poll that follows poll number `attempt` (1-based), smithy style: uniformly random in
 * `[minDelayMs, min(maxDelayMs, minDelayMs · 2^(attempt−1))]`, and exactly `maxDelayMs` once that upper end has
 * reached the cap. So the first delay is `minDelayMs`, and the ceiling doubles per attempt.
 *
 * @param attempt How many polls have been made so far (≥ 1).
 * @param minDelayMs Smallest delay, in ms (> 0).
 * @param maxDelayMs Largest delay, in ms (≥ `minDelayMs`).
 * @param random Source of jitter in `[0, 1)`; values outside are clamped, `NaN` counts as 0. @default Math.random
 * @returns The delay in whole milliseconds, within `[minDelayMs, maxDelayMs]`.
 */
export function backoffDelay(
  attempt: number,
  minDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const n = Math.max(1, Math.floor(attempt));
  // Beyond this attempt the ceiling is maxDelayMs anyway; checking first also avoids 2 ** n overflowing.
  const attemptCeiling = Math.floor(Math.log2(maxDelayMs / minDelayMs)) + 1;
  if (n > attemptCeiling) return maxDelayMs;
  const upper = Math.min(maxDelayMs, minDelayMs * 2 ** (n - 1));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
  const delay = Math.round(minDelayMs + unit * (upper - minDelayMs));
  return Math.min(maxDelayMs, Math.max(minDelayMs, delay));
}

/**
 * Bounds a server-supplied delay (`Retry-After`, in ms) to `[0, maxDelayMs · RETRY_AFTER_CAP_FACTOR]`, so a
 * misbehaving or hostile server can stretch one wait at most 4× past the largest configured delay (and never
 * past the deadline: the waiter applies {@link fitToDeadline} afterwards). A hint of 0 means "poll again now".
 *
 * @param retryAfterMs The hint in ms; anything that is not a finite number is ignored.
 * @param maxDelayMs The waiter's `maxDelayMs`.
 * @returns The bounded delay in ms, or `undefined` when there is no usable hint.
 */
export function boundRetryAfter(retryAfterMs: number | undefined, maxDelayMs: number): number | undefined {
  if (typeof retryAfterMs !== "number" || !Number.isFinite(retryAfterMs)) return undefined;
  return Math.min(maxDelayMs * RETRY_AFTER_CAP_FACTOR, Math.max(0, retryAfterMs));
}

/**
 * How long before the deadline the final poll happens, in whole ms: {@link FINAL_POLL_MARGIN_MS}, but at most a
 * tenth of `maxWaitMs` so very short waits still get a final poll.
 */
export function finalPollMarginMs(maxWaitMs: number): number {
  return Math.min(FINAL_POLL_MARGIN_MS, Math.floor(maxWaitMs / 10));
}


/** A sleep fitted to the deadline by {@link fitToDeadline}. */
export interface FittedSleep {
  /** How long to sleep, in ms (≥ 0). */
  sleepMs: number;
  /** True when the sleep was shortened to end at the last poll point: the poll after it is the final one. */
  final: boolean;
}

/**
 * Applies the deadline to a planned sleep. The last poll is due at `lastPollAt = maxWaitMs − finalPollMarginMs`:
 * a sleep that would end later is shrunk to end exactly there and marked `final` (one last poll instead of giving
 * up early). The caller must stop after a final poll rather than measure again: timers run on a monotonic clock
 * while `Date.now` is wall time, so the measured time may still read 1 ms short of `lastPollAt`.
 *
 * @param elapsedMs Time since the wait started, in ms.
 * @param delayMs The planned sleep, in ms.
 * @param maxWaitMs The wait's budget, in ms.
 * @returns The sleep to use, or `undefined` when a poll already happened at or after `lastPollAt`.
 */
export function fitToDeadline(elapsedMs: number, delayMs: number, maxWaitMs: number): FittedSleep | undefined {
  const lastPollAt = maxWaitMs - finalPollMarginMs(maxWaitMs);
  if (elapsedMs >= lastPollAt) return undefined;
  const wanted = Math.max(0, delayMs);
  const untilLast = lastPollAt - elapsedMs;
  return wanted < untilLast ? { sleepMs: wanted, final: false } : { sleepMs: untilLast, final: true };
}
