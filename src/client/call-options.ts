/** Per-call options accepted by every service method. */
export interface CallOptions {
  /** Cancels the call, including retries and backoff sleeps; the promise rejects with `AbortError`. */
  signal?: AbortSignal;
}

/** The `RequestInit` extras openapi-fetch forwards for a call. */
export function requestInit(options: CallOptions | undefined): { signal?: AbortSignal } {
  return options?.signal ? { signal: options.signal } : {};
}
