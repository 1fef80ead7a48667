/**
 * Abortable timers on web-standard APIs only (`setTimeout`, `AbortSignal`), so they run on Node, Deno, Bun and edge
 * runtimes. Every abort listener added here is removed again, whether the timer fires or the signal aborts.
 */
import { AbortError, ValidationError } from "../errors.js";

/** Longest delay one `setTimeout` can hold: 2³¹−1 ms (about 24.8 days). Waiter options are bounded by it. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * The {@link AbortError} for an aborted signal: `signal.reason` becomes `cause`, and its message (when it is an
 * `Error`, e.g. the `TimeoutError` of `AbortSignal.timeout()`) is appended. `what` defaults to "the operation".
 */
export function abortErrorFrom(signal: AbortSignal, what = "the operation"): AbortError {
  const reason: unknown = signal.reason;
  const detail = reason instanceof Error && reason.message ? `: ${reason.message}` : "";
  return new AbortError(`${what} was aborted${detail}`, { cause: reason });
}

/**
 * Resolves after `ms` milliseconds (negative or `NaN`: 0), or rejects with {@link AbortError} as soon as `signal`
 * aborts. Rejects with `ValidationError` above {@link MAX_TIMER_MS}: one timer must suffice (no chaining).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms > MAX_TIMER_MS)
    return Promise.reject(new ValidationError([{ path: "ms", keyword: "maximum", message: `must be ≤ ${MAX_TIMER_MS}, got ${ms}` }], "sleep"));
  if (signal?.aborted) return Promise.reject(abortErrorFrom(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortErrorFrom(signal as AbortSignal));
    };
    const timer = setTimeout(() => resolve(signal?.removeEventListener("abort", onAbort)), Math.max(ms, 0));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Settles like `promise`, but rejects with {@link AbortError} (about `what`) the moment `signal` aborts, without
 * waiting for `promise` (whose later outcome is then ignored, never reported as unhandled). Without a signal:
 * `promise` itself.
 */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal, what?: string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortErrorFrom(signal, what));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortErrorFrom(signal, what));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
