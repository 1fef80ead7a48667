// Keyed by the invocation's Io (one per main() call), so concurrent in-process runs (tests, the demo) never share
// state; typed as object so this file needs nothing from output.ts, which reads it (no import cycle).
const sent = new WeakSet<object>();

/**
 * A `fetch` for the CLI's clients that records, before handing the request on, that this invocation sent something:
 * exit code 2 promises "nothing was sent", so it must never be given once a request may have left. Recorded at the
 * call, not on success, because a request that fails half-way may still have reached the server.
 */
export function trackingFetch(io: object, inner: typeof fetch = (input, init) => globalThis.fetch(input, init)): typeof fetch {
  return (input, init) => {
    sent.add(io);
    return inner(input, init);
  };
}

/** Whether a client of this invocation has called `fetch` at least once. */
export function anythingSent(io: object): boolean {
  return sent.has(io);
}
