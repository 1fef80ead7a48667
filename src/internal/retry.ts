/**
 * When a failed attempt is tried again, and after how long. Pure functions: the transport owns the loop. Nothing
 * here knows a service: what an operation allows comes from its spec, through the operation table.
 */

import type { RetryFacts } from "./operations.js";

/** Busy codes of the specs' operations; see {@link BUSY_ERROR_CODES} there. */
export { BUSY_ERROR_CODES } from "./operations.js";

/** Longest server-requested wait the SDK honours; a longer Retry-After is surfaced to the caller instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Ceiling of the exponential backoff between attempts. */
export const MAX_BACKOFF_MS = 8_000;

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
 * Exponential backoff before retry number `retry` (0-based): min(500 ms · 2^retry, 8 s), shortened by up to 25 %
 * at random so that clients failing together do not retry in lockstep.
 */
export function backoffDelayMs(retry: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** retry, MAX_BACKOFF_MS);
  return Math.round(base * (1 - random() * 0.25));
}

/**
 * Reads `Retry-After` (seconds or an HTTP date) as milliseconds from `now`. Returns undefined when absent or
 * unparsable; negative values become 0.
 */
export function parseRetryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const raw = headers.get("retry-after");
  if (raw === null) return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
