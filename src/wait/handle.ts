/**
 * What the service operation handles share: the wait options and progress event users see, the per-client
 * poll sharing (many waits on one resource, one request per interval), the classification of poll errors, and
 * the loop that ties a service's poll and acceptor to the generic waiter.
 */
import { ApiError, ConflictError, ConnectionError, InternalServerError, NotFoundError, RateLimitError, TimeoutError, ValidationError } from "../errors.js";
import { BUSY_ERROR_CODES, parseRetryAfterMs } from "../client/retry.js";
import { createPollCoalescer, type PollCoalescer } from "./coalesce.js";
import type { WaitOperation } from "./state.js";
import { type AcceptorResult, type PollOutcome, type ProgressEvent, WAITER_DEFAULTS, waitUntil } from "./waiter.js";

/** Options of `handle.wait()` and `client.resumeWait()`. All durations are in milliseconds. */
export interface WaitOptions<O> {
  /**
   * Budget of this call, in ms (> 0), counted from the call, also for a resumed wait (a resumed wait gets a fresh
   * budget; the operation's original start only shows in progress `elapsedMs`). The last poll happens just
   * before it runs out. @default 600000 (10 minutes)
   */
  maxWaitMs?: number | undefined;
  /** First and smallest delay between polls, in ms (> 0); also the grid that waits on one resource share. @default 2000 */
  minDelayMs?: number | undefined;
  /** Largest delay between polls, in ms (≥ `minDelayMs`); backoff doubles up to it. @default 30000 */
  maxDelayMs?: number | undefined;
  /** Cancels the wait at once with `AbortError`; no request is sent after the abort. */
  signal?: AbortSignal | undefined;
  /** Called after every poll that observed a change (always after the first). A throw ends the wait with it. */
  onProgress?: ((event: WaitProgress<O>) => void) | undefined;
}

/** What `onProgress` receives. */
export interface WaitProgress<O> {
  /** The operation being awaited. */
  operation: WaitOperation;
  /**
   * Gateway `status` (APIG) or instance `status` (DDS) on this poll; when the poll failed, the last one seen;
   * `unknown` before any poll succeeded.
   */
  status: string;
  /** Time since the operation was sent (its `startedAt`, also across a resume), in ms. */
  elapsedMs: number;
  /** 1-based number of the poll within this wait call. */
  attempt: number;
  /** What is still missing before success, e.g. `192.0.2.10 still registered`; empty on success. */
  pending: string[];
  /** What this poll concluded. */
  state: "success" | "failure" | "retry";
  /** Why the wait fails, on `failure`. */
  reason?: string;
  /** `Name: message` of the error the poll threw, when it threw (and the wait goes on or fails because of it). */
  error?: string;
  /** What the poll observed; absent when it threw. */
  observation?: O;
}

/** An acceptor's verdict with the details progress reports. */
export interface Evaluation {
  state: "success" | "failure" | "retry";
  /** Status shown in progress (see {@link WaitProgress.status}). */
  status: string | undefined;
  /** What is still missing. */
  pending: string[];
  /** Failure reason (required on `failure`). */
  reason?: string;
}

/**
 * Per-client poll sharing: one {@link PollCoalescer} per slot size (the waits' `minDelayMs`), so waits with the
 * same options on one resource line up on one grid and share each request.
 *
 * Why `minDelayMs` and not `maxDelayMs` as the slot: the slot is the grid every wake-up is rounded to, so a slot
 * of `maxDelayMs` (30 s by default) would push even the first, short backoff delays up to 30 s. With
 * `minDelayMs` the backoff keeps its shape (each delay is rounded to a multiple of it) while a resource still
 * gets at most one request per `minDelayMs`, however many waits watch it. With a fixed interval
 * (`minDelayMs === maxDelayMs`) the two coincide, and N waits make exactly one request per interval.
 */
export interface PollSharing<O> {
  /** Runs or joins the poll of `key` on the `slotMs` grid. */
  poll(key: string, slotMs: number, fn: (signal: AbortSignal) => Promise<O>, signal: AbortSignal): Promise<O>;
  /** The sleep that lands the next wake-up on `key`'s grid (see `PollCoalescer.nextSlot`), in ms. */
  nextSlot(key: string, slotMs: number, delayMs: number): number;
  /** Drops every cached answer of `key`, after a change to the resource, so no wait sees a pre-change answer. */
  invalidate(key: string): void;
}

/** Distinct slot sizes kept per client; beyond this, idle coalescers are dropped (they hold no timers). */
const MAX_COALESCERS = 16;

/** Creates the poll sharing of one client. It holds no timers, so an idle client never keeps a process alive. */
export function createPollSharing<O>(): PollSharing<O> {
  const bySlot = new Map<number, PollCoalescer<O>>();
  const coalescer = (slotMs: number): PollCoalescer<O> => {
    let c = bySlot.get(slotMs);
    if (!c) {
      if (bySlot.size >= MAX_COALESCERS) {
        for (const [slot, other] of bySlot) if (other.size === 0) bySlot.delete(slot);
      }
      // A settled answer is reused for half a slot: long enough for every wait woken at the same grid point,
      // too short to hand an answer to the next grid point.
      c = createPollCoalescer<O>({ slotMs, maxAgeMs: slotMs / 2 });
      bySlot.set(slotMs, c);
    }
    return c;
  };
  return {
    poll: (key, slotMs, fn, signal) => coalescer(slotMs).poll(key, fn, signal),
    nextSlot: (key, slotMs, delayMs) => coalescer(slotMs).nextSlot(key, delayMs),
    invalidate(key) {
      for (const c of bySlot.values()) c.invalidate(key);
    },
  };
}

/**
 * What a failed poll means for a wait.
 * - `NotFoundError` (404, or the DDS node missing from ListInstances): the resource is gone, a failure.
 * - Busy or transient answers after the transport's own retries: `ConflictError` (409), `RateLimitError` (429),
 *   `InternalServerError` (5xx), `TimeoutError`, `ConnectionError`, and any answer with a documented busy code
 *   (e.g. DDS 403 `DBS.201015`): retry, at the next delay or after the answer's `Retry-After`.
 * - Anything else (401, 403, a malformed answer, a bug): `undefined`, so the wait ends with that error.
 */
export function classifyPollError(error: unknown, notFoundReason: string): AcceptorResult<never> | undefined {
  if (error instanceof NotFoundError) return { state: "failure", reason: notFoundReason };
  const busy = error instanceof ApiError && error.code !== undefined && BUSY_ERROR_CODES.has(error.code);
  if (
    busy ||
    error instanceof ConflictError ||
    error instanceof RateLimitError ||
    error instanceof InternalServerError ||
    error instanceof TimeoutError ||
    error instanceof ConnectionError
  ) {
    const what = error instanceof ApiError ? `${error.status}${error.code ? ` ${error.code}` : ""}` : error.name;
    return { state: "retry", reason: `poll answered ${what}; polling again`, retryAfterMs: retryAfterOf(error) };
  }
  return undefined;
}

/** A `Retry-After` (seconds or HTTP date) on an API error, in ms; `undefined` when absent or unreadable. */
function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const raw = error.headers["retry-after"];
  return raw === undefined ? undefined : parseRetryAfterMs(new Headers({ "retry-after": raw }));
}

/** One service wait, as a service client sets it up. */
export interface ServiceWait<O> {
  operation: WaitOperation;
  /** Sharing key, e.g. `apig:<project>:<instance>`. */
  key: string;
  /** When the operation was sent, in ms since the epoch. */
  startedAtMs: number;
  sharing: PollSharing<PollOutcome<O>>;
  /** One poll request; must pass `signal` on. */
  fetch: (signal: AbortSignal) => Promise<PollOutcome<O>>;
  /** The acceptor; pure, so progress can be derived from the same verdict. */
  evaluate: (observation: O) => Evaluation;
  /** Failure reason when a poll answers 404. */
  notFoundReason: string;
}

/**
 * Runs the generic waiter for one service wait and resolves with the final observation.
 * @throws {ValidationError} Bad options (nothing is polled).
 * @throws {AbortError} `signal` aborted.
 * @throws {JobFailedError} The resource reached a failure state, or is gone (404; `cause` is the `NotFoundError`).
 * @throws {WaitTimeoutError} Still not done at the final poll before `maxWaitMs`.
 */
export async function runServiceWait<O>(spec: ServiceWait<O>, options: WaitOptions<O> | undefined): Promise<O> {
  const o: WaitOptions<O> = options ?? {};
  if (typeof o !== "object" || o === null) {
    throw new ValidationError([{ path: "options", keyword: "type", message: "must be an object" }], "wait options");
  }
  const onProgress: unknown = o.onProgress;
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new ValidationError([{ path: "onProgress", keyword: "type", message: "must be a function" }], "wait options");
  }
  // The waiter validates the numbers before its first poll, so the slot is only used once it is valid.
  const slotMs = o.minDelayMs ?? WAITER_DEFAULTS.minDelayMs;
  let last: Evaluation | undefined;
  const waitStart = Date.now();

  const report =
    typeof onProgress === "function"
      ? (event: ProgressEvent<O>): void => {
          const verdict = "observation" in event ? last : undefined;
          const progress: WaitProgress<O> = {
            operation: spec.operation,
            status: last?.status ?? "unknown",
            elapsedMs: Math.max(0, waitStart + event.elapsedMs - spec.startedAtMs),
            attempt: event.attempt,
            pending: last ? [...last.pending] : ["no successful poll yet"],
            state: event.state,
          };
          const reason = event.state === "failure" ? (verdict?.reason ?? event.reason) : undefined;
          if (reason !== undefined) progress.reason = reason;
          if (event.error !== undefined) progress.error = event.error;
          if ("observation" in event) progress.observation = event.observation as O;
          (onProgress as (e: WaitProgress<O>) => void)(progress);
        }
      : undefined;

  const result = await waitUntil<O, O>(
    (ctx) => spec.sharing.poll(spec.key, slotMs, spec.fetch, ctx.signal),
    (observation) => {
      const verdict = spec.evaluate(observation);
      last = verdict;
      if (verdict.state === "success") return { state: "success", value: observation };
      const reason = verdict.reason ?? (verdict.pending.join("; ") || undefined);
      if (verdict.state === "failure") return { state: "failure", reason: reason ?? "failed", status: verdict.status };
      return { state: "retry", reason };
    },
    {
      minDelayMs: o.minDelayMs,
      maxDelayMs: o.maxDelayMs,
      maxWaitMs: o.maxWaitMs,
      signal: o.signal,
      onProgress: report,
      classifyError: (error) => classifyPollError(error, spec.notFoundReason),
      alignDelay: (delayMs) => spec.sharing.nextSlot(spec.key, slotMs, delayMs),
    },
  );
  return result.value;
}
