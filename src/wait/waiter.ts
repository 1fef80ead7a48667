/**
 * The generic waiter: poll until an acceptor says success or failure, with delays that grow with the time since the
 * change was sent (so lateness stays a bounded share of the job), a deadline, server pacing hints, abort and
 * progress. It knows no service: services supply `poll` and `accept`; a failed poll is judged by what the transport
 * put on the error.
 */
import { ApiError, collectIssues, ConflictError, HuaweiCloudError, NotFoundError } from "../errors.js";
import { boundRetryAfter, elapsedFractionDelay, type FittedSleep, fitToDeadline, RETRY_AFTER_CAP_FACTOR } from "../internal/backoff.js";
import { MAX_TIMER_MS, abortErrorFrom, abortable, sleep } from "../internal/sleep.js";
import { JobFailedError, type PollResult, WaitTimeoutError } from "./errors.js";

export type { PollResult };

/** What an acceptor returns: the verdict part of a {@link PollResult}. */
export type Verdict = Pick<PollResult, "state"> & { [K in "status" | "pending" | "reason"]?: PollResult[K] | undefined };

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

/** Options of `handle.wait()` and `client.resumeWait()`. All durations are in milliseconds. */
export interface WaitOptions<O> {
  /**
   * Budget of this call, in ms (> 0, ≤ 2³¹−1), counted from the call, also for a resumed wait (the operation's
   * original start shows in progress `elapsedMs` and sets the delays). The last poll happens just before it runs out. @default 600000
   */
  maxWaitMs?: number | undefined;
  /**
   * First and smallest delay between polls, in ms (> 0): polls are this far apart until a quarter of the time since
   * the change was sent exceeds it; also the least spacing of requests that waits on one resource share. @default 2000
   */
  minDelayMs?: number | undefined;
  /**
   * Largest delay between polls, in ms (≥ `minDelayMs`, ≤ 2³¹−1): each delay is a quarter of the time since the change
   * was sent (less up to 5 % jitter), at most this. @default 30000
   */
  maxDelayMs?: number | undefined;
  /** Cancels the wait at once with `AbortError`: the pending sleep or poll is abandoned, no request is sent after. */
  signal?: AbortSignal | undefined;
  /** Called after every poll that observed a change (compared as JSON; always after the first). A throw ends the wait with it. */
  onProgress?: ((result: PollResult<O>) => void) | undefined;
}

/** Options of {@link waitUntil}: those of a wait, and what a service wait sets up. */
export interface WaiterOptions<O> extends WaitOptions<O> {
  /** Failure reason when a poll throws `NotFoundError` (the resource is gone). @default end with that error */
  goneReason?: string | undefined;
  /**
   * Adjusts each planned delay (in ms) before sleeping, e.g. to line up with other waits on the same resource.
   * Non-finite or negative answers are ignored; a `Retry-After` delay is never shortened; the deadline applies after.
   */
  alignDelay?: ((delayMs: number) => number) | undefined;
  /**
   * Time from the operation's start to this call, in ms: added to every `elapsedMs` reported, and counted by the
   * schedule, so a resumed wait keeps the delays of the original start. @default 0
   */
  elapsedOffsetMs?: number | undefined;
  /** How many of the most recent polls `observed` keeps (integer ≥ 0), to bound memory. @default 100 */
  maxObserved?: number | undefined;
  /** Clock in ms since an epoch. @default Date.now */
  now?: (() => number) | undefined;
  /** Jitter source in `[0, 1)`. @default Math.random */
  random?: (() => number) | undefined;
}

/** What a successful wait resolves with. */
export interface WaitResult<O> {
  /** The observation of the successful poll. */
  value: O;
  /** Summaries of the polls made, oldest first, without `observation`; the last `maxObserved` (default 100) only. */
  observed: PollResult<O>[];
  /** How many polls were made in total. */
  attempts: number;
  /** Time from the start of the wait to the successful poll's answer, in ms. */
  elapsedMs: number;
}

/** Defaults of {@link WaiterOptions}, in ms (and polls for `maxObserved`). */
export const WAITER_DEFAULTS = Object.freeze({ minDelayMs: 2_000, maxDelayMs: 30_000, maxWaitMs: 600_000, maxObserved: 100 });

/**
 * Polls until `accept` reports success or failure, the deadline passes, or `signal` aborts. The first poll is at
 * once; after a `retry` the next delay is the `Retry-After` (of the answer or the thrown error) bounded to
 * `[0, 4 · maxDelayMs]`, else `elapsedFractionDelay` of the time since the operation's start (`elapsedOffsetMs`
 * plus this call's time): a quarter of it less up to 5 % jitter, within `[minDelayMs, maxDelayMs]`, so a job is
 * noticed at most a quarter of its time (or `minDelayMs`) late; then `alignDelay` may adjust it, and a sleep that would end after
 * `maxWaitMs − min(500 ms, maxWaitMs / 10)` is shortened for one last poll then (a poll in flight may finish, so a
 * wait can overrun by one poll). A thrown `NotFoundError` fails the wait when `goneReason` is set; an error marked
 * `retryable`, one with `retryAfterMs`, or a `ConflictError` (busy with the awaited change) means poll again;
 * anything else ends the wait with that error.
 * @throws {ValidationError} An option is invalid; `issues[].path` names it. Nothing is polled.
 * @throws {AbortError} `signal` aborted (before the start, during a sleep or a poll). No poll starts after.
 * @throws {JobFailedError} The acceptor answered `failure`, or the resource is gone (`goneReason`).
 * @throws {WaitTimeoutError} Still `retry` at the final poll just before `maxWaitMs`.
 */
export async function waitUntil<O>(
  poll: (ctx: PollContext) => Promise<PollOutcome<O>>,
  accept: (observation: O) => Verdict,
  options: WaiterOptions<O> = {},
): Promise<WaitResult<O>> {
  const cfg = resolveOptions(options);
  const { signal } = options;
  const aborted = () => abortErrorFrom(signal as AbortSignal, "the wait");
  if (signal?.aborted) throw aborted();
  const pollSignal = signal ?? new AbortController().signal;
  const start = cfg.now();
  const elapsed = (): number => Math.max(0, cfg.now() - start);
  const observed: PollResult<O>[] = [];
  let previous: string | undefined;
  let lastObservation: O | undefined;
  let seen: Verdict | undefined;
  let lastWasFinal = false;

  for (let attempt = 1; ; attempt++) {
    let verdict: Verdict;
    let outcome: PollOutcome<O> | undefined;
    let thrown: HuaweiCloudError | undefined;
    try {
      outcome = await abortable(Promise.resolve(poll({ attempt, elapsedMs: elapsed(), signal: pollSignal })), signal);
      if (outcome === undefined) throw new TypeError("waitUntil: poll resolved without an outcome");
      lastObservation = outcome.observation;
      verdict = accept(outcome.observation);
      if (!["success", "failure", "retry"].includes((verdict as Verdict | undefined)?.state as string)) {
        throw new TypeError("waitUntil: the acceptor returned no valid { state } result");
      }
      seen = verdict;
    } catch (error) {
      if (signal?.aborted) throw aborted();
      if (outcome !== undefined || !(error instanceof HuaweiCloudError)) throw error;
      thrown = error;
      if (error instanceof NotFoundError && cfg.goneReason !== undefined) verdict = { state: "failure", reason: cfg.goneReason };
      else if (!error.retryable && error.retryAfterMs === undefined && !(error instanceof ConflictError)) throw error;
      else
        verdict = {
          state: "retry",
          reason: `poll answered ${error instanceof ApiError ? `${error.status}${error.code ? ` ${error.code}` : ""}` : error.name}; polling again`,
        };
    }

    const atMs = elapsed();
    const own = thrown ? undefined : verdict;
    const result: PollResult<O> = {
      attempt,
      elapsedMs: atMs + cfg.elapsedOffsetMs,
      state: verdict.state,
      status: clip(own?.status ?? seen?.status ?? "unknown"),
      pending: clipList(own?.pending ?? seen?.pending ?? (seen ? [] : ["no successful poll yet"])),
    };
    const reason = verdict.state === "success" ? undefined : clip(verdict.reason ?? (result.pending.join("; ") || undefined));
    if (reason !== undefined) result.reason = reason;
    const error = clip(thrown && `${thrown.name}: ${thrown.message}`);
    if (error !== undefined) result.error = error;
    // `observed` keeps summaries: whole answers (up to maxResponseBytes each) times maxObserved would not be bounded.
    if (cfg.maxObserved > 0 && observed.push({ ...result }) > cfg.maxObserved) observed.shift();
    if (outcome !== undefined) result.observation = outcome.observation;
    const key = progressKey(result);
    const changed = attempt === 1 || key === undefined || key !== previous;
    previous = key;
    if (changed) cfg.onProgress?.(result);

    if (verdict.state === "success") return { value: outcome!.observation, observed, attempts: attempt, elapsedMs: atMs };
    if (verdict.state === "failure")
      throw new JobFailedError<O>({ reason: reason ?? "failed", observed, lastObservation, status: verdict.status, cause: thrown });

    const hinted = boundRetryAfter(thrown ? thrown.retryAfterMs : outcome?.retryAfterMs, cfg.maxDelayMs * RETRY_AFTER_CAP_FACTOR);
    let delay = hinted ?? elapsedFractionDelay(atMs + cfg.elapsedOffsetMs, cfg.minDelayMs, cfg.maxDelayMs, cfg.random);
    const aligned = cfg.alignDelay?.(delay);
    if (aligned !== undefined && Number.isFinite(aligned) && aligned >= 0) delay = Math.max(aligned, hinted ?? 0);
    const fitted: FittedSleep | undefined = lastWasFinal ? undefined : fitToDeadline(atMs, delay, cfg.maxWaitMs);
    if (fitted === undefined)
      throw new WaitTimeoutError<O>({ maxWaitMs: cfg.maxWaitMs, elapsedMs: atMs, attempts: attempt, observed, lastReason: reason, lastObservation });
    lastWasFinal = fitted.final;
    await sleep(fitted.sleepMs, signal).catch((error: unknown) => {
      throw signal?.aborted ? aborted() : error;
    });
  }
}

/** Checks every option up front and reports all problems at once. */
function resolveOptions<O>(options: WaiterOptions<O>) {
  const { add, done, fail } = collectIssues("wait options");
  if (options === null || typeof options !== "object") return fail("options", "type", "must be an object");
  const ms = (name: "minDelayMs" | "maxDelayMs" | "maxWaitMs"): number => {
    const value: unknown = options[name] ?? WAITER_DEFAULTS[name];
    if (typeof value !== "number") add(name, "type", "must be a number of milliseconds");
    else if (!Number.isFinite(value)) add(name, "finite", `must be finite, got ${value}`);
    else if (value <= 0) add(name, "exclusiveMinimum", `must be > 0, got ${value}`);
    else if (value > MAX_TIMER_MS) add(name, "maximum", `must be ≤ ${MAX_TIMER_MS} (2^31−1, one timer), got ${value}`);
    else return value;
    return Number.NaN;
  };
  const [minDelayMs, maxDelayMs, maxWaitMs] = (["minDelayMs", "maxDelayMs", "maxWaitMs"] as const).map(ms) as [number, number, number];
  if (maxDelayMs < minDelayMs) add("maxDelayMs", "minimum", `must be ≥ minDelayMs (${minDelayMs}), got ${maxDelayMs}`);
  const maxObserved: unknown = options.maxObserved ?? WAITER_DEFAULTS.maxObserved;
  if (!Number.isSafeInteger(maxObserved) || (maxObserved as number) < 0) add("maxObserved", "type", "must be an integer ≥ 0");
  for (const name of ["onProgress", "alignDelay", "now", "random"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function") add(name, "type", "must be a function");
  }
  const signal = options.signal as Partial<AbortSignal> | undefined;
  if (signal !== undefined && !(typeof signal?.aborted === "boolean" && typeof signal.addEventListener === "function"))
    add("signal", "type", "must be an AbortSignal");
  done();
  const { onProgress, alignDelay, goneReason, now = Date.now, random = Math.random } = options;
  return {
    minDelayMs,
    maxDelayMs,
    maxWaitMs,
    maxObserved: maxObserved as number,
    onProgress,
    alignDelay,
    goneReason,
    now,
    random,
    elapsedOffsetMs: options.elapsedOffsetMs ?? 0,
  };
}

/** What progress compares between polls: the result as JSON without counters; `undefined` (a change) if unserialisable. */
/** Status, reason and pending texts come from the server's answer: each is cut to 200 characters. */
function clip<T extends string | undefined>(text: T): T {
  return (text !== undefined && text.length > 200 ? `${text.slice(0, 197)}...` : text) as T;
}

/** At most 20 pending entries, the rest counted, so a summary stays small whatever the acceptor lists. */
function clipList(items: readonly string[]): string[] {
  const kept = items.slice(0, items.length > 20 ? 19 : 20).map((item) => clip(item));
  return items.length > 20 ? [...kept, `and ${items.length - 19} more`] : kept;
}

function progressKey(result: PollResult<unknown>): string | undefined {
  try {
    return JSON.stringify({ ...result, attempt: 0, elapsedMs: 0 });
  } catch {
    return undefined;
  }
}
