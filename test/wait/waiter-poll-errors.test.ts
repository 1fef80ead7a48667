import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConflictError, ConnectionError, NotFoundError, PermissionDeniedError, RateLimitError } from "../../src/errors.js";
import { JobFailedError } from "../../src/wait/errors.js";
import { type PollContext, type PollOutcome, waitUntil } from "../../src/wait/waiter.js";
import { type Gateway, gatewayAcceptor, track } from "./waiter-fixtures.js";

/** A poll that throws: whether the wait retries, fails or rethrows is judged from the error itself. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("waitUntil: poll errors, judged from the error itself", () => {
  const init = { requestId: "r1", body: {}, headers: {}, method: "GET", url: "https://x/v2/p/apic/instances/i" };
  const notFound = () => new NotFoundError({ status: 404, code: "APIC.7302", message: "instance not found", ...init });

  it("retries an error the transport marked retryable, recording its summary and the last status seen", async () => {
    let calls = 0;
    const poll = async (): Promise<PollOutcome<Gateway>> => {
      calls += 1;
      if (calls === 2) return { observation: { status: "UPDATING" } };
      if (calls <= 3) throw Object.assign(new ConnectionError("GET /x: connection failed (ECONNRESET)"), { retryable: true });
      return { observation: { status: "RUNNING" } };
    };
    const onProgress = vi.fn();
    const wait = track(waitUntil(poll, gatewayAcceptor, { random: () => 0, onProgress }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(wait.value).toMatchObject({ value: { status: "RUNNING" }, attempts: 4 });
    const [first, , third] = wait.value?.observed ?? [];
    expect(first).toEqual({
      attempt: 1,
      elapsedMs: 0,
      state: "retry",
      status: "unknown",
      pending: ["no successful poll yet"],
      reason: "poll answered ConnectionError; polling again",
      error: "ConnectionError: GET /x: connection failed (ECONNRESET)",
    });
    expect(first && "observation" in first).toBe(false);
    expect(third).toMatchObject({ state: "retry", status: "UPDATING", error: expect.stringMatching(/^ConnectionError/) });
    expect(onProgress).toHaveBeenCalledTimes(4);
  });

  it("retries a ConflictError (the resource is busy with the change awaited) even when not retryable", async () => {
    let calls = 0;
    const poll = async (): Promise<PollOutcome<Gateway>> => {
      if (++calls === 1) throw new ConflictError({ status: 409, code: "APIC.7712", message: "locked", ...init });
      return { observation: { status: "RUNNING" } };
    };
    const wait = track(waitUntil(poll, gatewayAcceptor, { random: () => 0 }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(wait.value?.observed[0]).toMatchObject({ state: "retry", reason: "poll answered 409 APIC.7712; polling again" });
    expect(wait.status).toBe("fulfilled");
  });

  it("fails with goneReason on NotFoundError, keeping it as cause", async () => {
    const error = notFound();
    const wait = waitUntil(
      async (): Promise<PollOutcome<Gateway>> => {
        throw error;
      },
      gatewayAcceptor,
      { goneReason: "instance deleted" },
    );
    await expect(wait).rejects.toBeInstanceOf(JobFailedError);
    await expect(wait).rejects.toMatchObject({ reason: "instance deleted", status: undefined, cause: error, lastObservation: undefined });
  });

  it("honours the Retry-After an error carries, also when the transport gave up on it", async () => {
    let calls = 0;
    const times: number[] = [];
    const poll = async (ctx: PollContext): Promise<PollOutcome<Gateway>> => {
      times.push(ctx.elapsedMs);
      if (++calls === 1) {
        throw Object.assign(new RateLimitError({ status: 429, code: "APIGW.0308", message: "throttled", ...init, headers: { "retry-after": "5" } }), {
          retryAfterMs: 5000,
        });
      }
      return { observation: { status: "RUNNING" } };
    };
    const wait = track(waitUntil(poll, gatewayAcceptor));
    await vi.advanceTimersByTimeAsync(5000);
    expect(times).toEqual([0, 5000]);
    expect(wait.status).toBe("fulfilled");
  });

  it("rethrows anything else: a non-retryable error, NotFoundError without goneReason, a non-SDK error", async () => {
    for (const error of [new PermissionDeniedError({ status: 403, code: "APIG.1005", message: "no permission", ...init }), notFound(), new TypeError("bug")]) {
      const failing = async (): Promise<PollOutcome<Gateway>> => {
        throw error;
      };
      await expect(waitUntil(failing, gatewayAcceptor)).rejects.toBe(error);
      const sync = (): Promise<PollOutcome<Gateway>> => {
        throw error;
      };
      await expect(waitUntil(sync, gatewayAcceptor)).rejects.toBe(error);
    }
  });
});
