import { describe, expect, it } from "vitest";
import { HuaweiCloudError } from "../../src/errors.js";
import { JobFailedError, WaitTimeoutError } from "../../src/wait/errors.js";
import type { PollResult } from "../../src/wait/errors.js";

const observed: PollResult<{ status: string }>[] = [
  { attempt: 1, elapsedMs: 0, state: "retry", status: "UPDATING", pending: [], reason: "UPDATING", observation: { status: "UPDATING" } },
  { attempt: 2, elapsedMs: 2000, state: "failure", status: "UpdateFailed", pending: [], reason: "UpdateFailed", observation: { status: "UpdateFailed" } },
];

describe("JobFailedError", () => {
  it("extends HuaweiCloudError and carries reason, status, observed, last observation and cause", () => {
    const cause = new Error("underlying");
    const error = new JobFailedError({
      reason: "gateway is UpdateFailed",
      status: "UpdateFailed",
      observed,
      lastObservation: { status: "UpdateFailed" },
      cause,
    });
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("JobFailedError");
    expect(error.message).toBe("wait failed (status UpdateFailed): gateway is UpdateFailed");
    expect(error.reason).toBe("gateway is UpdateFailed");
    expect(error.status).toBe("UpdateFailed");
    expect(error.observed).toBe(observed);
    expect(error.lastObservation).toEqual({ status: "UpdateFailed" });
    expect(error.cause).toBe(cause);
  });

  it("works without status, observation or cause", () => {
    const error = new JobFailedError({ reason: "deleted", observed: [] });
    expect(error.message).toBe("wait failed: deleted");
    expect(error.status).toBeUndefined();
    expect(error.lastObservation).toBeUndefined();
    expect("cause" in error).toBe(false);
  });
});

describe("WaitTimeoutError", () => {
  it("extends HuaweiCloudError and explains the last state", () => {
    const error = new WaitTimeoutError({
      maxWaitMs: 10_000,
      elapsedMs: 9500,
      attempts: 5,
      observed,
      lastReason: "gateway is UPDATING",
      lastObservation: { status: "UPDATING" },
    });
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error.name).toBe("WaitTimeoutError");
    expect(error.message).toBe("gave up waiting after 9500 ms and 5 polls (maxWaitMs 10000); last state: gateway is UPDATING");
    expect(error).toMatchObject({ maxWaitMs: 10_000, elapsedMs: 9500, attempts: 5, lastReason: "gateway is UPDATING" });
    expect(error.observed).toBe(observed);
    expect(error.lastObservation).toEqual({ status: "UPDATING" });
  });

  it("omits the last state when there was no reason", () => {
    const error = new WaitTimeoutError({ maxWaitMs: 1000, elapsedMs: 900, attempts: 2, observed: [] });
    expect(error.message).toBe("gave up waiting after 900 ms and 2 polls (maxWaitMs 1000)");
    expect(error.lastReason).toBeUndefined();
  });
});
