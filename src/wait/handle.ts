/**
 * Operation handles and the service wait behind them. A handle is the operation's answer as data (its own
 * enumerable fields are exactly the wire fields), plus two non-enumerable methods: `wait()` and `waitState()`.
 */
import { collectIssues } from "../errors.js";
import { createPollSharing, type PollSharing } from "./coalesce.js";
import { type PollOutcome, type Verdict, WAITER_DEFAULTS, type WaitOptions, waitUntil } from "./waiter.js";

export { createPollSharing, type PollSharing, type WaitOptions };

/** The non-enumerable methods of an operation handle. */
export interface OperationHandle<S, R> {
  /** Polls until the change is visible; resolves with what the successful poll read. */
  wait(options?: WaitOptions<R>): Promise<R>;
  /** Plain JSON for `client.resumeWait()` in another process: ids, expected end state, start, endpoint; no secrets. A fresh copy each call. */
  waitState(): S;
}

/**
 * Builds a handle: a copy of `body` (so spreading, `JSON.stringify` and `util.inspect` show the answer's fields and
 * nothing else) with non-enumerable `wait` and `waitState`.
 */
export function createHandle<B extends object, S, R>(
  body: B,
  state: S,
  wait: (state: S, options: WaitOptions<R> | undefined) => Promise<R>,
): B & OperationHandle<S, R> {
  return Object.defineProperties({ ...body }, {
    wait: { value: (options?: WaitOptions<R>) => wait(state, options) },
    waitState: { value: () => structuredClone(state) },
  }) as B & OperationHandle<S, R>;
}

/** One service wait, as a service client sets it up. */
export interface ServiceWait<O> {
  /** Sharing key, e.g. `apig:<project>:<instance>`. */
  key: string;
  /** When the operation was sent, in ms since the epoch; progress `elapsedMs` counts from here. */
  startedAtMs: number;
  sharing: PollSharing<PollOutcome<O>>;
  /** One poll request; must pass `signal` on. */
  fetch: (signal: AbortSignal) => Promise<PollOutcome<O>>;
  /** The acceptor. */
  accept: (observation: O) => Verdict;
  /** Failure reason when a poll answers `NotFoundError`. */
  goneReason: string;
}

/**
 * Runs the waiter for one service wait, sharing polls with other waits on the same key, and resolves with the
 * observation of the successful poll. Throws what {@link waitUntil} throws.
 */
export async function serviceWait<O>(spec: ServiceWait<O>, options: WaitOptions<O> | undefined): Promise<O> {
  const o = options ?? {};
  if (typeof o !== "object" || o === null) collectIssues("wait options").fail("options", "type", "must be an object");
  // The waiter validates every number before its first poll, so an invalid slot is never used.
  const slotMs = o.minDelayMs ?? WAITER_DEFAULTS.minDelayMs;
  const result = await waitUntil<O>((ctx) => spec.sharing.poll(spec.key, slotMs, spec.fetch, ctx.signal), spec.accept, {
    ...o,
    goneReason: spec.goneReason,
    alignDelay: (delayMs) => spec.sharing.nextSlot(spec.key, slotMs, delayMs),
    elapsedOffsetMs: Math.max(0, Date.now() - spec.startedAtMs),
  });
  return result.value;
}
