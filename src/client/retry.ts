/**
 * When a failed attempt is tried again, and after how long. Pure functions: the transport owns the loop.
 */

/**
 * Error codes meaning "busy, try again later": the request was refused, not applied. Not `APIC.7712` ("The gateway
 * operation has already been locked"): a billing order holds that lock until it is paid, so repeating the call
 * within seconds cannot succeed and the caller must see it at once.
 */
export const BUSY_ERROR_CODES: ReadonlySet<string> = new Set([
  "APIC.7701", // APIG: instance status conflict (another change is running)
  "DBS.201015", // DDS: another operation is in progress
  "DBS.200998", // DDS: system busy
]);

/** Longest server-requested wait the SDK honours; a longer Retry-After is surfaced to the caller instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Ceiling of the exponential backoff between attempts. */
export const MAX_BACKOFF_MS = 8_000;

/**
 * PUT and DELETE here replace or remove state, so repeating them is harmless; GET is read-only. IAM's token
 * POST only mints another token. DDS bind (POST) is the one operation that is not repeated blindly: a lost
 * answer may hide a bind that happened.
 */
export function isIdempotent(method: string, url: URL): boolean {
  const m = method.toUpperCase();
  if (m === "GET" || m === "HEAD" || m === "PUT" || m === "DELETE" || m === "OPTIONS") return true;
  return m === "POST" && /\/v3\/auth\/tokens\/?$/.test(url.pathname);
}

/**
 * Whether an HTTP error answer is worth another attempt. `applied` answers (5xx, 408) only for idempotent
 * requests; throttling and busy answers always, because the server refused the request before acting on it.
 */
export function isRetryableAnswer(status: number, code: string | undefined, idempotent: boolean): boolean {
  if (status === 429) return true;
  if (code !== undefined && BUSY_ERROR_CODES.has(code)) return true;
  if (!idempotent) return false;
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
