import { abortable, abortErrorFrom } from "../internal/sleep.js";

/**
 * One fetch of a credential shared by every concurrent caller, with its own controller: aborted only once every
 * waiting caller has left, so one caller's abort fails no other and nobody waits out a timeout for nothing.
 * `start` is called once per renewal with that controller's signal; `what` names it in an `AbortError`. @internal
 */
export function sharedRenewal<C, T>(
  start: (context: C, signal: AbortSignal) => Promise<T>,
  what: string,
): (context: C, signal: AbortSignal | undefined) => Promise<T> {
  let renewal: { promise: Promise<T>; controller: AbortController; waiting: number } | undefined;
  return (context, signal) => {
    if (signal?.aborted) return Promise.reject(abortErrorFrom(signal, what));
    if (!renewal) {
      const controller = new AbortController();
      const promise = start(context, controller.signal);
      // Handled here, so a request every caller has left reports no unhandled rejection.
      promise
        .catch(() => undefined)
        .finally(() => {
          if (renewal?.promise === promise) renewal = undefined;
        });
      renewal = { promise, controller, waiting: 0 };
    }
    const shared = renewal;
    shared.waiting++;
    const leave = (): void => {
      if (--shared.waiting > 0) return;
      // Forgotten at once, so a caller arriving while the dropped request unwinds starts a fresh one.
      if (renewal === shared) renewal = undefined;
      shared.controller.abort();
    };
    signal?.addEventListener("abort", leave, { once: true });
    return abortable(shared.promise, signal, what).finally(() => signal?.removeEventListener("abort", leave));
  };
}
