/**
 * The SDK's delay schedules and the one bound on server `Retry-After` hints: `backoffDelay` for the transport's
 * retries, `elapsedFractionDelay` for the waiter. Pure arithmetic, no timers, so it can be tested exhaustively.
 */

/** A `Retry-After` is honoured up to this multiple of the caller's largest backoff delay. */
export const RETRY_AFTER_CAP_FACTOR = 4;

/** The waiter's last poll happens this long before its deadline, at most, in ms. */
export const FINAL_POLL_MARGIN_MS = 500;

/**
 * Delay after attempt number `attempt` (1-based), full jitter between a floor and a doubling ceiling: uniformly
 * random in `[minDelayMs, min(maxDelayMs, minDelayMs · 2^(attempt−1))]`, exactly `maxDelayMs` once that ceiling
 * reached it. Random values outside `[0, 1)` are clamped, `NaN` counts as 0. Returns whole ms.
 */
export function backoffDelay(attempt: number, minDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  // Past this attempt the ceiling is maxDelayMs anyway; checking first also keeps 2 ** n from overflowing.
  if (n > Math.floor(Math.log2(maxDelayMs / minDelayMs)) + 1) return maxDelayMs;
  const upper = Math.min(maxDelayMs, minDelayMs * 2 ** (n - 1));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
  return Math.min(maxDelayMs, Math.max(minDelayMs, Math.round(minDelayMs + unit * (upper - minDelayMs))));
}

/**
 * The waiter's next delay is this share of the time since the change was sent: a job done just after a poll at
 * elapsed `e` is seen at most `0.25 · e` later, under a quarter of its own time, and the polls still thin out
 * geometrically (×1.25 per poll: about 12 for a 30 s job, 18 for 2 minutes).
 */
export const ELAPSED_FRACTION = 0.25;

/**
 * Jitter of the elapsed-fraction delay, as a share taken off it (never added, so lateness stays under
 * {@link ELAPSED_FRACTION}). Small on purpose: each percent off every delay costs polls, and waits started
 * together on different resources still drift apart by up to 5 % of a delay per poll.
 */
export const ELAPSED_JITTER = 0.05;

/**
 * The waiter's delay after a poll answered `elapsedMs` after the change was sent (for a resumed wait: after the
 * original send): `ELAPSED_FRACTION · elapsedMs`, minus up to {@link ELAPSED_JITTER} of it at random, clamped to
 * `[minDelayMs, maxDelayMs]`. So the first polls (until `elapsedMs` reaches `4 · minDelayMs`) are `minDelayMs`
 * apart. Random values outside `[0, 1)` are clamped, `NaN` counts as 0; a negative or non-finite `elapsedMs` counts
 * as 0. Returns whole ms.
 */
export function elapsedFractionDelay(elapsedMs: number, minDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const elapsed = Number.isFinite(elapsedMs) ? Math.max(0, elapsedMs) : 0;
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
  const wanted = Math.floor(ELAPSED_FRACTION * elapsed * (1 - ELAPSED_JITTER * unit));
  return Math.min(maxDelayMs, Math.max(minDelayMs, wanted));
}

/**
 * Bounds a server's `Retry-After` (in ms) to `[0, capMs]`, so a hostile server cannot stall a caller for long: the
 * waiter caps at {@link RETRY_AFTER_CAP_FACTOR} × its largest delay, the transport at 60 s. `undefined` for a
 * missing or non-finite hint.
 */
export function boundRetryAfter(retryAfterMs: number | undefined, capMs: number): number | undefined {
  if (typeof retryAfterMs !== "number" || !Number.isFinite(retryAfterMs)) return undefined;
  return Math.min(capMs, Math.max(0, retryAfterMs));
}

/** How long before the deadline the final poll happens: {@link FINAL_POLL_MARGIN_MS}, at most a tenth of `maxWaitMs`. */
export function finalPollMarginMs(maxWaitMs: number): number {
  return Math.min(FINAL_POLL_MARGIN_MS, Math.floor(maxWaitMs / 10));
}

/** A sleep fitted to the deadline: `final` when it was shortened to end at the last poll point. */
export type FittedSleep = { sleepMs: number; final: boolean };

/**
 * Fits a planned sleep to the deadline: one that would end after `maxWaitMs − finalPollMarginMs` is shrunk to end
 * there and marked `final`; `undefined` when a poll already happened at or after that point. The caller stops after
 * a final poll instead of measuring again: timers are monotonic, `Date.now` is not, so it may read 1 ms short.
 */
export function fitToDeadline(elapsedMs: number, delayMs: number, maxWaitMs: number): FittedSleep | undefined {
  const untilLast = maxWaitMs - finalPollMarginMs(maxWaitMs) - elapsedMs;
  if (untilLast <= 0) return undefined;
  const wanted = Math.max(0, delayMs);
  return wanted < untilLast ? { sleepMs: wanted, final: false } : { sleepMs: untilLast, final: true };
}
