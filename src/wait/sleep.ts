/**
 * Abortable timers built on web-standard APIs only (`setTimeout`, `AbortSignal`), so they run on Node 20, Deno,
 * Bun and edge runtimes. Every abort listener added here is removed again, whether the timer fires or the signal
 * aborts, so thousands of waits on one long-lived signal leave no listeners behind.
 */
import { AbortError } from "../errors.js";

/**
 * Longest delay a single `setTimeout` can hold: 2³¹−1 ms (about 24.8 days). Runtimes fire larger values at once,
 * so {@link sleep} splits longer sleeps into several timers.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Builds the {@link AbortError} for an aborted signal. `signal.reason` is kept as `cause` and, when it is an
 * `Error` (e.g. the `TimeoutError` of `AbortSignal.timeout()`), its message is appended.
 * @param what Subject of the message. @default "the operation"
 */
export function abortErrorFrom(signal: AbortSignal, what = "the operation"): AbortError {
  const reason: unknown = signal.reason;
  const detail = reason instanceof Error && reason.message ? `: ${reason.message}` : "";
  return new AbortError(`${what} was aborted${detail}`, { cause: reason });
}

/**
 * Resolves after `ms` milliseconds, or rejects with {@link AbortError} as soon as `signal` aborts (at once if it
 * already has). The timer is cleared and the listener removed in both cases.
 *
 * @param ms Delay in milliseconds; negative or `NaN` means 0, `Infinity` means "until aborted". Values above
 *   {@link MAX_TIMER_MS} are honoured by chaining timers.
 * @param signal Cancels the sleep.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortErrorFrom(signal));
      return;
    }
    let remaining = ms > 0 ? ms : 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (signal) reject(abortErrorFrom(signal));
    };
    const arm = (): void => {
      const step = Math.min(remaining, MAX_TIMER_MS);
      remaining -= step;
      timer = setTimeout(() => {
        if (remaining > 0) {
          arm();
          return;
        }
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, step);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    arm();
  });
}

/**
 * Settles like `promise`, except that it rejects with {@link AbortError} the moment `signal` aborts, without
 * waiting for `promise` (whose later outcome is then ignored, and never reported as unhandled). The listener is
 * removed when either happens. Without a signal, returns `promise` itself.
 */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortErrorFrom(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      signal.removeEventListener("abort", onAbort);
      reject(abortErrorFrom(signal));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
