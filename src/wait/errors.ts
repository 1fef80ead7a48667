/**
 * Errors a wait ends with when it does not succeed. An abort rejects with the SDK-wide `AbortError`
 * (from `../errors.js`) instead, and invalid options with `ValidationError`.
 */
import { HuaweiCloudError } from "../errors.js";
import type { PollResult } from "./waiter.js";

/** What {@link JobFailedError} is built from. */
export interface JobFailedErrorInit<O = unknown> {
  /** Why the acceptor declared failure, e.g. `gateway status is UpdateFailed`. */
  reason: string;
  /** The polls made, oldest first (the last `maxObserved` only). */
  observed: readonly PollResult<O>[];
  /** The last observation a poll returned, if any poll returned one. */
  lastObservation?: O | undefined;
  /** The resource's own terminal status, e.g. the gateway status `UpdateFailed`, for callers to branch on. */
  status?: string | undefined;
  /** The error that was classified as a failure, when a poll threw. */
  cause?: unknown;
}

/**
 * The awaited job or resource reached a terminal failure: the acceptor (or `classifyError`) answered `failure`.
 * Retrying the wait will not help; the operation itself failed.
 */
export class JobFailedError<O = unknown> extends HuaweiCloudError {
  override name = "JobFailedError";
  /** Why the acceptor declared failure. */
  readonly reason: string;
  /** The resource's terminal status when the acceptor named one (e.g. `UpdateFailed`), else `undefined`. */
  readonly status: string | undefined;
  /** The polls made, oldest first; capped to the waiter's `maxObserved` most recent. */
  readonly observed: readonly PollResult<O>[];
  /** The last observation a poll returned, or `undefined` if every poll threw. */
  readonly lastObservation: O | undefined;

  constructor(init: JobFailedErrorInit<O>) {
    const status = init.status ? ` (status ${init.status})` : "";
    super(`wait failed${status}: ${init.reason}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.reason = init.reason;
    this.status = init.status;
    this.observed = init.observed;
    this.lastObservation = init.lastObservation;
  }
}

/** What {@link WaitTimeoutError} is built from. */
export interface WaitTimeoutErrorInit<O = unknown> {
  /** The budget that ran out, in ms. */
  maxWaitMs: number;
  /** Time from the start of the wait to the last poll's answer, in ms. */
  elapsedMs: number;
  /** How many polls were made. */
  attempts: number;
  /** The polls made, oldest first (the last `maxObserved` only). */
  observed: readonly PollResult<O>[];
  /** The acceptor's reason on the last poll, if it gave one. */
  lastReason?: string | undefined;
  /** The last observation a poll returned, if any. */
  lastObservation?: O | undefined;
}

/**
 * The wait's `maxWaitMs` budget ran out while the resource was still in progress. The final poll happened just
 * before the deadline; `observed` and `lastReason` say what the resource was doing. The operation itself may
 * still complete later.
 */
export class WaitTimeoutError<O = unknown> extends HuaweiCloudError {
  override name = "WaitTimeoutError";
  /** The budget that ran out, in ms. */
  readonly maxWaitMs: number;
  /** Time from the start of the wait to the last poll's answer, in ms. */
  readonly elapsedMs: number;
  /** How many polls were made. */
  readonly attempts: number;
  /** The polls made, oldest first; capped to the waiter's `maxObserved` most recent. */
  readonly observed: readonly PollResult<O>[];
  /** The acceptor's reason on the last poll, or `undefined` if it gave none. */
  readonly lastReason: string | undefined;
  /** The last observation a poll returned, or `undefined` if every poll threw. */
  readonly lastObservation: O | undefined;

  constructor(init: WaitTimeoutErrorInit<O>) {
    const last = init.lastReason ? `; last state: ${init.lastReason}` : "";
    super(`gave up waiting after ${init.elapsedMs} ms and ${init.attempts} polls (maxWaitMs ${init.maxWaitMs})${last}`);
    this.maxWaitMs = init.maxWaitMs;
    this.elapsedMs = init.elapsedMs;
    this.attempts = init.attempts;
    this.observed = init.observed;
    this.lastReason = init.lastReason;
    this.lastObservation = init.lastObservation;
  }
}
