/**
 * When a failed attempt is tried again, and after how long. Pure functions: the transport owns the loop. Nothing
 * here knows a service: what an operation allows comes from its spec, through the operation table.
 */

import type { RetryFacts } from "./operations.js";

/** Floor of the backoff between attempts, in ms (see `backoffDelay`). */
export const RETRY_MIN_DELAY_MS = 500;
/** Ceiling of the backoff between attempts, in ms. */
export const RETRY_MAX_DELAY_MS = 8_000;
/** The longest `Retry-After` the transport waits for, in ms; a longer one is surfaced (`retryAfterMs` on the error). */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Whether an HTTP error answer is worth another attempt, by the operation's facts (its spec's `x-hwc-retry`).
 * Throttling and the operation's busy codes always: the server refused the request before acting on it. Answers
 * that may follow an applied request (5xx, 408) only when the operation is safe to repeat.
 */
export function isRetryableAnswer(status: number, code: string | undefined, facts: RetryFacts): boolean {
  if (status === 429) return true;
  if (code !== undefined && facts.busyErrorCodes.includes(code)) return true;
  if (!facts.safeToRepeat) return false;
  return status === 408 || status >= 500;
}

/**
 * The one reading of `Retry-After`: seconds, or an HTTP date (which starts with a day name: Node's Date.parse alone
 * reads "-5" as 2001), as ms from `now`; undefined when absent or unparsable, never negative.
 */
export function parseRetryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const raw = headers.get("retry-after");
  if (raw === null) return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
