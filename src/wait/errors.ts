/**
 * What a poll saw, and the errors a wait ends with when it does not succeed (an abort rejects with the SDK-wide
 * `AbortError`, invalid options with `ValidationError`). The waiter imports this file, never the reverse.
 */
import { HuaweiCloudError } from "../errors.js";

/**
 * What one poll saw and concluded: the one type from the waiter to its callers. The waiter records it
 * (`observed` of results and errors), `onProgress` receives it, and the CLI renders it.
 */
export interface PollResult<O = unknown> {
  /** 1-based number of the poll within this wait call. */
  attempt: number;
  /** When the poll answered, in ms since the operation started (for a service wait, across a resume too). */
  elapsedMs: number;
  /** What the poll concluded. */
  state: "success" | "failure" | "retry";
  /** The resource's status on this poll; when the poll threw, the last one seen; `unknown` before any. */
  status: string;
  /** What is still missing before success, e.g. `192.0.2.10 still registered`; empty on success. */
  pending: string[];
  /** Why the wait fails (`failure`) or goes on (`retry`); absent on success. */
  reason?: string;
  /** `Name: message` of the error the poll threw (at most 200 characters), when it threw. */
  error?: string;
  /** What the poll observed; absent when it threw. */
  observation?: O;
}

/** What {@link JobFailedError} is built from; the fields mean what they mean there. */
export type JobFailedErrorInit<O = unknown> = Pick<JobFailedError<O>, "reason" | "observed"> &
  Partial<Pick<JobFailedError<O>, "lastObservation" | "status">> & {
    /** The error that was classified as a failure, when a poll threw. */
    cause?: unknown;
  };

/** The awaited job or resource reached a terminal failure; waiting again will not help, the operation failed. */
export class JobFailedError<O = unknown> extends HuaweiCloudError {
  override name = "JobFailedError";
  /** Why the acceptor declared failure, e.g. `gateway status is UpdateFailed`. */
  readonly reason: string;
  /** The resource's terminal status when the acceptor named one (e.g. `UpdateFailed`), for callers to branch on. */
  readonly status: string | undefined;
  /** The polls made, oldest first; the waiter's `maxObserved` most recent only. */
  readonly observed: readonly PollResult<O>[];
  /** The last observation a poll returned, or `undefined` if every poll threw. */
  readonly lastObservation: O | undefined;

  constructor(init: JobFailedErrorInit<O>) {
    super(`wait failed${init.status ? ` (status ${init.status})` : ""}: ${init.reason}`, init.cause === undefined ? undefined : { cause: init.cause });
    ({ reason: this.reason, status: this.status, observed: this.observed, lastObservation: this.lastObservation } = init);
  }
}

/** What {@link WaitTimeoutError} is built from; the fields mean what they mean there. */
export type WaitTimeoutErrorInit<O = unknown> = Pick<WaitTimeoutError<O>, "maxWaitMs" | "elapsedMs" | "attempts" | "observed"> &
  Partial<Pick<WaitTimeoutError<O>, "lastReason" | "lastObservation">>;

/**
 * `maxWaitMs` ran out while the resource was still in progress, after a final poll just before the deadline. The
 * operation itself may still complete later; `observed` and `lastReason` say what the resource was doing.
 */
export class WaitTimeoutError<O = unknown> extends HuaweiCloudError {
  override name = "WaitTimeoutError";
  /** The budget that ran out, in ms. */
  readonly maxWaitMs: number;
  /** Time from the start of the wait to the last poll's answer, in ms. */
  readonly elapsedMs: number;
  /** How many polls were made. */
  readonly attempts: number;
  /** The polls made, oldest first; the waiter's `maxObserved` most recent only. */
  readonly observed: readonly PollResult<O>[];
  /** The acceptor's reason on the last poll, or `undefined` if it gave none. */
  readonly lastReason: string | undefined;
  /** The last observation a poll returned, or `undefined` if every poll threw. */
  readonly lastObservation: O | undefined;

  constructor(init: WaitTimeoutErrorInit<O>) {
    const last = init.lastReason ? `; last state: ${init.lastReason}` : "";
    super(`gave up waiting after ${init.elapsedMs} ms and ${init.attempts} polls (maxWaitMs ${init.maxWaitMs})${last}`);
    ({ maxWaitMs: this.maxWaitMs, elapsedMs: this.elapsedMs, attempts: this.attempts, observed: this.observed } = init);
    ({ lastReason: this.lastReason, lastObservation: this.lastObservation } = init);
  }
}
