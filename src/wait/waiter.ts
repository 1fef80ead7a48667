/**
 * A generic waiter: poll something until an acceptor says it succeeded or failed, with jittered exponential
 * backoff, an overall deadline (with a final poll just before it), server pacing hints, abort and progress
 * reporting. It knows nothing about any service; service waiters supply `poll` and `accept`.
 */
import { ValidationError, type ValidationIssue } from "../errors.js";
import { type FittedSleep, backoffDelay, boundRetryAfter, fitToDeadline } from "./backoff.js";
import { JobFailedError, WaitTimeoutError } from "./errors.js";
import { abortErrorFrom, abortable, sleep } from "./sleep.js";

/**
 * What an acceptor concludes from one observation.
 * - `success`: stop and resolve with `value`.
 * - `failure`: stop and reject with {@link JobFailedError} carrying `reason` (and `status`, e.g. `UpdateFailed`).
 * - `retry`: poll again; `reason` is reported in progress and diagnostics; `retryAfterMs` (ms) overrides the
 *   next delay like a server `Retry-After` (useful from `classifyError` for throttling errors).
 */
export type AcceptorResult<T> =
  | { state: "success"; value: T }
  | { state: "failure"; reason: string; value?: T | undefined; status?: string | undefined }
  | { state: "retry"; reason?: string | undefined; value?: T | undefined; retryAfterMs?: number | undefined };

/** Passed to every poll. */
export interface PollContext {
  /** 1-based number of this poll. */
  attempt: number;
  /** Time since the wait started, in ms. */
  elapsedMs: number;
  /** Aborts when the caller's `signal` does; pass it on to the HTTP request. Never aborts without one. */
  signal: AbortSignal;
}

/** What a poll returns. */
export interface PollOutcome<O> {
  /** The observed state, handed to the acceptor. */
  observation: O;
  /** A server `Retry-After` on the poll answer, in ms: sets the next delay (bounded, see `boundRetryAfter`). */
  retryAfterMs?: number | undefined;
}

/** One poll as kept for diagnostics in `observed`. */
export interface ObservedPoll<O> {
  /** 1-based poll number. */
  attempt: number;
  /** When the poll answered, in ms since the wait started. */
  atMs: number;
  /** What the acceptor (or `classifyError`) decided. */
  state: AcceptorResult<unknown>["state"];
  /** The acceptor's reason, if it gave one (for a thrown error without one: the error summary). */
  reason?: string;
  /** The poll's observation; absent when the poll threw. */
  observation?: O;
  /** `Name: message` of the error the poll threw (at most 200 characters), when `classifyError` handled it. */
  error?: string;
}

/**
 * Given to `onProgress` whenever the acceptor's state, reason or the observation changes. (Inside modules that
 * import it, this name shadows the DOM's non-generic `ProgressEvent`.)
 */
export interface ProgressEvent<O> {
  /** 1-based number of the poll that produced the change. */
  attempt: number;
  /** When that poll answered, in ms since the wait started. */
  elapsedMs: number;
  /** What the acceptor decided. */
  state: AcceptorResult<unknown>["state"];
  /** The acceptor's reason, if any. */
  reason?: string;
  /** The new observation; absent when the poll threw. */
  observation?: O;
  /** Summary of the error the poll threw, when it threw. */
  error?: string;
}

/** Context handed to `classifyError` and `alignDelay`. */
export interface WaitStepContext {
  /** 1-based number of the poll just made. */
  attempt: number;
  /** Time since the wait started, in ms. */
  elapsedMs: number;
}

/** Options of {@link waitUntil}. All durations are in milliseconds. */
export interface WaiterOptions<O, T = unknown> {
  /** Smallest delay between polls, in ms (> 0). @default 2000 */
  minDelayMs?: number | undefined;
  /** Largest backoff delay between polls, in ms (≥ `minDelayMs`). @default 30000 */
  maxDelayMs?: number | undefined;
  /** Overall budget, in ms (> 0); the last poll happens just before it runs out. @default 600000 */
  maxWaitMs?: number | undefined;
  /** Cancels the wait at once: the pending sleep or poll is abandoned and the wait rejects with `AbortError`. */
  signal?: AbortSignal | undefined;
  /**
   * Called after a poll whose state, reason, observation (compared structurally) or error differs from the
   * previous poll's; always after the first. An exception thrown here ends the wait with that exception.
   */
  onProgress?: ((event: ProgressEvent<O>) => void) | undefined;
  /**
   * Decides what a poll that threw means: return `retry` (e.g. a 404 while the resource is being created),
   * `failure`, or `success`; return `undefined` to end the wait with the original error.
   * Not consulted for aborts of `signal`. @default rethrow every error
   */
  classifyError?: ((error: unknown, ctx: WaitStepContext) => AcceptorResult<T> | undefined) | undefined;
  /**
   * Adjusts each planned delay (in ms) before sleeping, e.g. `(d) => coalescer.nextSlot(key, d)` to line up with
   * other waits on the same resource. Non-finite or negative answers are ignored; a delay set by `retryAfterMs`
   * is never shortened; the deadline rule applies afterwards. @default no adjustment
   */
  alignDelay?: ((delayMs: number, ctx: WaitStepContext) => number) | undefined;
  /** How many of the most recent polls `observed` keeps (integer ≥ 0), to bound memory. @default 100 */
  maxObserved?: number | undefined;
  /** Clock in ms since an epoch. @default Date.now */
  now?: (() => number) | undefined;
  /** Jitter source in `[0, 1)`. @default Math.random */
  random?: (() => number) | undefined;
}

/** What a successful wait resolves with. */
export interface WaitResult<T, O> {
  /** The acceptor's success value. */
  value: T;
  /** The polls made, oldest first; the last `maxObserved` (default 100) only. */
  observed: ObservedPoll<O>[];
  /** How many polls were made in total. */
  attempts: number;
  /** Time from the start of the wait to the successful poll's answer, in ms. */
  elapsedMs: number;
}

/** Defaults of {@link WaiterOptions}, in ms (and polls for `maxObserved`). */
export const WAITER_DEFAULTS = Object.freeze({
  minDelayMs: 2_000,
  maxDelayMs: 30_000,
  maxWaitMs: 600_000,
  maxObserved: 100,
});

/**
 * Polls until `accept` reports success or failure, the deadline passes, or `signal` aborts.
 *
 * Timing: the first poll happens at once. After a `retry`, the next delay is `retryAfterMs` (from the acceptor,
 * else from the poll outcome) bounded to `[0, 4 · maxDelayMs]`, else jittered exponential backoff in
 * `[minDelayMs, min(maxDelayMs, minDelayMs · 2^(attempt−1))]`; then `alignDelay` may adjust it. A sleep that would
 * end after `maxWaitMs − margin` (margin = min(500 ms, maxWaitMs / 10)) is shortened so that one last poll happens
 * exactly then. The deadline is checked between polls: a poll already in flight is allowed to finish (bound it
 * with the HTTP client's timeout), so `elapsedMs` can exceed `maxWaitMs` by at most one poll's duration.
 *
 * @param poll Fetches the current state. Should pass `ctx.signal` to its request.
 * @param accept Classifies an observation. An exception thrown here ends the wait with that exception.
 * @param options See {@link WaiterOptions}; validated before the first poll.
 * @returns The success value with diagnostics.
 * @throws {ValidationError} An option is invalid; `issues[].path` names it. Nothing is polled.
 * @throws {AbortError} `signal` aborted (before the start, during a sleep or during a poll). No poll starts after.
 * @throws {JobFailedError} The acceptor (or `classifyError`) answered `failure`.
 * @throws {WaitTimeoutError} Still `retry` at the final poll just before `maxWaitMs`.
 * @throws Whatever a poll threw, when `classifyError` is absent or returns `undefined`.
 */
export async function waitUntil<O, T>(
  poll: (ctx: PollContext) => Promise<PollOutcome<O>>,
  accept: (observation: O) => AcceptorResult<T>,
  options: WaiterOptions<O, T> = {},
): Promise<WaitResult<T, O>> {
  const cfg = resolveOptions(options);
  const { signal } = options;
  if (signal?.aborted) throw abortErrorFrom(signal, "the wait");
  const pollSignal = signal ?? new AbortController().signal;
  const start = cfg.now();
  const elapsed = (): number => Math.max(0, cfg.now() - start);

  const observed: ObservedPoll<O>[] = [];
  let previous: ObservedPoll<O> | undefined;
  let lastObservation: O | undefined;
  let lastWasFinal = false;

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortErrorFrom(signal, "the wait");

    let result: AcceptorResult<T> | undefined;
    let outcome: PollOutcome<O> | undefined;
    let thrown: { error: unknown; summary: string } | undefined;
    try {
      outcome = await abortable(Promise.resolve(poll({ attempt, elapsedMs: elapsed(), signal: pollSignal })), signal);
    } catch (error) {
      if (signal?.aborted) throw abortErrorFrom(signal, "the wait");
      const classified = cfg.classifyError?.(error, { attempt, elapsedMs: elapsed() });
      if (classified === undefined) throw error;
      thrown = { error, summary: summarizeError(error) };
      result = classified;
    }
    if (outcome !== undefined) {
      lastObservation = outcome.observation;
      result = accept(outcome.observation);
    }
    if (!isAcceptorResult(result)) {
      throw new TypeError(
        outcome === undefined && thrown === undefined
          ? "waitUntil: poll resolved without an outcome"
          : "waitUntil: the acceptor (or classifyError) returned no valid { state } result",
      );
    }

    const atMs = elapsed();
    const entry: ObservedPoll<O> = { attempt, atMs, state: result.state };
    const reason = result.state === "success" ? undefined : (result.reason ?? thrown?.summary);
    if (reason !== undefined) entry.reason = reason;
    if (outcome !== undefined) entry.observation = outcome.observation;
    if (thrown !== undefined) entry.error = thrown.summary;
    if (cfg.maxObserved > 0) {
      observed.push(entry);
      if (observed.length > cfg.maxObserved) observed.shift();
    }
    const changed = previous === undefined || !sameStep(previous, entry);
    previous = entry;
    if (changed && cfg.onProgress) cfg.onProgress(toProgress(entry));

    if (result.state === "success") {
      return { value: result.value, observed, attempts: attempt, elapsedMs: atMs };
    }
    if (result.state === "failure") {
      throw new JobFailedError<O>({
        reason: result.reason,
        observed,
        lastObservation,
        status: result.status,
        cause: thrown?.error,
      });
    }

    const hinted = boundRetryAfter(result.retryAfterMs ?? outcome?.retryAfterMs, cfg.maxDelayMs);
    let delay = hinted ?? backoffDelay(attempt, cfg.minDelayMs, cfg.maxDelayMs, cfg.random);
    if (cfg.alignDelay) {
      const aligned = cfg.alignDelay(delay, { attempt, elapsedMs: atMs });
      if (Number.isFinite(aligned) && aligned >= 0) delay = hinted === undefined ? aligned : Math.max(aligned, hinted);
    }
    const fitted: FittedSleep | undefined = lastWasFinal ? undefined : fitToDeadline(atMs, delay, cfg.maxWaitMs);
    if (fitted === undefined) {
      throw new WaitTimeoutError<O>({
        maxWaitMs: cfg.maxWaitMs,
        elapsedMs: atMs,
        attempts: attempt,
        observed,
        lastReason: reason,
        lastObservation,
      });
    }
    lastWasFinal = fitted.final;
    try {
      await sleep(fitted.sleepMs, signal);
    } catch (error) {
      // Only an abort rejects a sleep; re-word it as the wait's.
      throw signal?.aborted ? abortErrorFrom(signal, "the wait") : error;
    }
  }
}

interface ResolvedOptions<O, T> {
  minDelayMs: number;
  maxDelayMs: number;
  maxWaitMs: number;
  maxObserved: number;
  now: () => number;
  random: () => number;
  onProgress: ((event: ProgressEvent<O>) => void) | undefined;
  classifyError: ((error: unknown, ctx: WaitStepContext) => AcceptorResult<T> | undefined) | undefined;
  alignDelay: ((delayMs: number, ctx: WaitStepContext) => number) | undefined;
}

/** Validates every option up front and reports all problems at once. */
function resolveOptions<O, T>(options: WaiterOptions<O, T>): ResolvedOptions<O, T> {
  if (options === null || typeof options !== "object") {
    throw new ValidationError([{ path: "options", message: "must be an object", keyword: "type" }], "waitUntil options");
  }
  const issues: ValidationIssue[] = [];
  const positive = (name: "minDelayMs" | "maxDelayMs" | "maxWaitMs"): number | undefined => {
    const value: unknown = options[name];
    if (value === undefined) return WAITER_DEFAULTS[name];
    if (typeof value !== "number") {
      issues.push({ path: name, message: "must be a number of milliseconds", keyword: "type" });
    } else if (!Number.isFinite(value)) {
      issues.push({ path: name, message: `must be finite, got ${value}`, keyword: "finite" });
    } else if (value <= 0) {
      issues.push({ path: name, message: `must be > 0, got ${value}`, keyword: "exclusiveMinimum" });
    } else {
      return value;
    }
    return undefined;
  };
  const minDelayMs = positive("minDelayMs");
  const maxDelayMs = positive("maxDelayMs");
  const maxWaitMs = positive("maxWaitMs");
  if (minDelayMs !== undefined && maxDelayMs !== undefined && maxDelayMs < minDelayMs) {
    issues.push({
      path: "maxDelayMs",
      message: `must be ≥ minDelayMs (${minDelayMs}), got ${maxDelayMs}`,
      keyword: "minimum",
    });
  }

  const maxObserved: unknown = options.maxObserved ?? WAITER_DEFAULTS.maxObserved;
  if (typeof maxObserved !== "number" || !Number.isSafeInteger(maxObserved) || maxObserved < 0) {
    issues.push({ path: "maxObserved", message: "must be an integer ≥ 0", keyword: "type" });
  }

  for (const name of ["onProgress", "classifyError", "alignDelay", "now", "random"] as const) {
    const value: unknown = options[name];
    if (value !== undefined && typeof value !== "function") {
      issues.push({ path: name, message: "must be a function", keyword: "type" });
    }
  }
  const signal: unknown = options.signal;
  if (
    signal !== undefined &&
    (signal === null ||
      typeof signal !== "object" ||
      typeof (signal as AbortSignal).aborted !== "boolean" ||
      typeof (signal as AbortSignal).addEventListener !== "function")
  ) {
    issues.push({ path: "signal", message: "must be an AbortSignal", keyword: "type" });
  }

  if (issues.length > 0) throw new ValidationError(issues, "waitUntil options");
  return {
    minDelayMs: minDelayMs!,
    maxDelayMs: maxDelayMs!,
    maxWaitMs: maxWaitMs!,
    maxObserved: maxObserved as number,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    onProgress: options.onProgress,
    classifyError: options.classifyError,
    alignDelay: options.alignDelay,
  };
}

function isAcceptorResult<T>(value: AcceptorResult<T> | undefined): value is AcceptorResult<T> {
  const state: unknown = (value as { state?: unknown } | undefined)?.state;
  return state === "success" || state === "failure" || state === "retry";
}

function toProgress<O>(entry: ObservedPoll<O>): ProgressEvent<O> {
  const event: ProgressEvent<O> = { attempt: entry.attempt, elapsedMs: entry.atMs, state: entry.state };
  if (entry.reason !== undefined) event.reason = entry.reason;
  if ("observation" in entry) event.observation = entry.observation as O;
  if (entry.error !== undefined) event.error = entry.error;
  return event;
}

/** True when two polls would look the same to a progress listener. */
function sameStep<O>(a: ObservedPoll<O>, b: ObservedPoll<O>): boolean {
  return (
    a.state === b.state &&
    a.reason === b.reason &&
    a.error === b.error &&
    "observation" in a === "observation" in b &&
    deepEqual(a.observation, b.observation, 0)
  );
}

/**
 * Structural equality for plain data (what JSON bodies parse to): primitives by `Object.is`, arrays and plain
 * objects member by member, dates by time. Anything else, and anything nested deeper than 32 levels, compares by
 * reference, which at worst reports a change that was not one.
 */
function deepEqual(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || depth > 32) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i], depth + 1));
  }
  const protoA: unknown = Object.getPrototypeOf(a);
  const protoB: unknown = Object.getPrototypeOf(b);
  if (protoA !== protoB || (protoA !== Object.prototype && protoA !== null)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recA = a as Record<string, unknown>;
  const recB = b as Record<string, unknown>;
  return keysA.every((key) => Object.hasOwn(recB, key) && deepEqual(recA[key], recB[key], depth + 1));
}

function summarizeError(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    text = "unprintable error";
  }
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
