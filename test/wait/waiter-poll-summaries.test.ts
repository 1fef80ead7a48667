import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConnectionError, InternalServerError, NotFoundError } from "../../src/errors.js";
import { JobFailedError, type PollResult, WaitTimeoutError } from "../../src/wait/errors.js";
import { type PollContext, type PollOutcome, type Verdict, waitUntil } from "../../src/wait/waiter.js";

/**
 * What a wait tells its caller besides the value: the error of a broken poll or acceptor, how an abort reads, the
 * summaries in `observed` and progress (which keys they have, their pending lists), and progress for answers that
 * cannot be compared as JSON.
 */

/** Settles a promise into a plain record so fake timers can be advanced without an unhandled rejection. */
function track<T>(promise: Promise<T>) {
  const state: { status: "pending" | "fulfilled" | "rejected"; value?: T; error?: unknown } = { status: "pending" };
  promise.then(
    (value) => Object.assign(state, { status: "fulfilled", value }),
    (error: unknown) => Object.assign(state, { status: "rejected", error }),
  );
  return state;
}

const init = { requestId: "r1", body: {}, headers: {}, method: "GET", url: "https://x/v2/p/apic/instances/i" };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("waitUntil: a broken poll or acceptor is reported as such", () => {
  it("a poll that resolves without an outcome rejects a TypeError saying so", async () => {
    const poll = async () => undefined as unknown as PollOutcome<string>;
    await expect(waitUntil(poll, () => ({ state: "success" }))).rejects.toThrow(new TypeError("waitUntil: poll resolved without an outcome"));
  });

  it("an acceptor that returns no valid verdict rejects a TypeError saying so", async () => {
    const poll = async () => ({ observation: "x" });
    for (const verdict of [{ state: "done" }, undefined, null, {}]) {
      await expect(waitUntil(poll, () => verdict as unknown as Verdict)).rejects.toThrow(
        new TypeError("waitUntil: the acceptor returned no valid { state } result"),
      );
    }
  });

  it("an SDK error thrown by the acceptor ends the wait with it, even when it would be retryable from a poll", async () => {
    const retryable = Object.assign(new ConnectionError("acceptor bug"), { retryable: true });
    const gone = new NotFoundError({ status: 404, code: "APIC.7302", message: "not found", ...init });
    for (const error of [retryable, gone]) {
      const poll = vi.fn(async () => ({ observation: "x" }));
      const wait = track(
        waitUntil(
          poll,
          () => {
            throw error;
          },
          { goneReason: "instance deleted", maxWaitMs: 10_000 },
        ),
      );
      await vi.advanceTimersByTimeAsync(10_000);
      expect(wait.status).toBe("rejected");
      expect(wait.error).toBe(error);
      expect(poll).toHaveBeenCalledTimes(1);
    }
  });
});

describe("waitUntil: an abort reads as the wait's", () => {
  it("an abort during a poll rejects 'the wait was aborted', with the reason's text and as cause", async () => {
    const controller = new AbortController();
    const poll = (_ctx: PollContext) => new Promise<PollOutcome<string>>(() => undefined); // never answers
    const wait = track(waitUntil(poll, () => ({ state: "success" }), { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    const reason = new Error("user cancelled");
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.error).toMatchObject({ name: "AbortError", message: "the wait was aborted: user cancelled", cause: reason });
  });

  it("an abort during a poll whose request then fails retryably still reads as the wait's abort", async () => {
    const controller = new AbortController();
    const poll = (ctx: PollContext) =>
      new Promise<PollOutcome<string>>((_, reject) => {
        ctx.signal.addEventListener("abort", () => reject(Object.assign(new ConnectionError("request aborted"), { retryable: true })), { once: true });
      });
    const wait = track(waitUntil(poll, () => ({ state: "success" }), { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("closing"));
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.error).toMatchObject({ name: "AbortError", message: "the wait was aborted: closing" });
  });

  it("an abort during a sleep reads the same", async () => {
    const controller = new AbortController();
    const wait = track(
      waitUntil(
        async () => ({ observation: "x" }),
        () => ({ state: "retry" }),
        { signal: controller.signal },
      ),
    );
    await vi.advanceTimersByTimeAsync(100);
    controller.abort(new Error("stop"));
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.error).toMatchObject({ name: "AbortError", message: "the wait was aborted: stop" });
  });
});

describe("waitUntil: summaries carry only what applies", () => {
  it("a success has no reason, even when the acceptor gave one or listed pending items, and no error", async () => {
    const events: PollResult<string>[] = [];
    const accept = (): Verdict => ({ state: "success", status: "RUNNING", reason: "all done", pending: ["late listener"] });
    const result = await waitUntil(async () => ({ observation: "x" }), accept, { onProgress: (r) => events.push(r) });
    expect(result.observed).toStrictEqual([{ attempt: 1, elapsedMs: 0, state: "success", status: "RUNNING", pending: ["late listener"] }]);
    expect(events).toStrictEqual([{ attempt: 1, elapsedMs: 0, state: "success", status: "RUNNING", pending: ["late listener"], observation: "x" }]);
  });

  it("a retry without reason or pending items has no reason key; one with pending items uses them as its reason", async () => {
    const verdicts: Verdict[] = [{ state: "retry", status: "UPDATING" }, { state: "retry", pending: ["node 1", "node 2"] }, { state: "success" }];
    const wait = track(
      waitUntil(
        async () => ({ observation: "x" }),
        () => verdicts.shift() as Verdict,
        { minDelayMs: 10, maxDelayMs: 10 },
      ),
    );
    await vi.advanceTimersByTimeAsync(20);
    expect(wait.value?.observed).toStrictEqual([
      { attempt: 1, elapsedMs: 0, state: "retry", status: "UPDATING", pending: [] },
      { attempt: 2, elapsedMs: 10, state: "retry", status: "unknown", pending: ["node 1", "node 2"], reason: "node 1; node 2" },
      { attempt: 3, elapsedMs: 20, state: "success", status: "unknown", pending: [] },
    ]);
  });

  it("a failure without reason or pending items fails with the reason 'failed'", async () => {
    const wait = waitUntil(
      async () => ({ observation: "x" }),
      () => ({ state: "failure", status: "ERROR" }),
    );
    await expect(wait).rejects.toBeInstanceOf(JobFailedError);
    await expect(wait).rejects.toMatchObject({ reason: "failed", status: "ERROR", message: "wait failed (status ERROR): failed" });
  });

  it("a poll error without an error code is summarised by its status alone", async () => {
    let calls = 0;
    const poll = async (): Promise<PollOutcome<string>> => {
      if (++calls === 1) throw Object.assign(new InternalServerError({ status: 503, code: undefined, message: "unavailable", ...init }), { retryable: true });
      return { observation: "x" };
    };
    const wait = track(waitUntil(poll, () => ({ state: "success" }), { random: () => 0 }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(wait.value?.observed[0]).toMatchObject({ state: "retry", reason: "poll answered 503; polling again" });
  });
});

describe("waitUntil: pending lists keep up to 20 entries", () => {
  const pendingOf = async (count: number) => {
    const pending = Array.from({ length: count }, (_, i) => `item ${i + 1}`);
    const result = await waitUntil(
      async () => ({ observation: "x" }),
      () => ({ state: "success", pending }),
    );
    return result.observed[0]?.pending;
  };

  it("keeps exactly 20 entries as they are", async () => {
    const kept = await pendingOf(20);
    expect(kept).toHaveLength(20);
    expect(kept?.at(-1)).toBe("item 20");
  });

  it("keeps 19 of 21 entries and counts the other 2", async () => {
    const kept = await pendingOf(21);
    expect(kept).toHaveLength(20);
    expect(kept?.slice(17)).toEqual(["item 18", "item 19", "and 2 more"]);
  });
});

describe("waitUntil: progress for answers that are not JSON", () => {
  it("reports every poll when the result cannot be compared as JSON (a BigInt in the answer)", async () => {
    const attempts: number[] = [];
    let n = 0;
    const accept = (): Verdict => (++n >= 3 ? { state: "success" } : { state: "retry", reason: "busy" });
    const wait = track(
      waitUntil(async () => ({ observation: { size: 1n } }), accept, { minDelayMs: 10, maxDelayMs: 10, onProgress: (r) => attempts.push(r.attempt) }),
    );
    await vi.advanceTimersByTimeAsync(20);
    expect(wait.status).toBe("fulfilled");
    expect(attempts).toEqual([1, 2, 3]);
  });
});

describe("waitUntil: alignDelay answers at the edges", () => {
  const run = async (alignDelay: (d: number) => number, successAt: number, advanceMs: number) => {
    const times: number[] = [];
    const poll = async (ctx: PollContext): Promise<PollOutcome<string>> => {
      times.push(ctx.elapsedMs);
      return { observation: "x" };
    };
    const wait = track(waitUntil(poll, (): Verdict => ({ state: times.length >= successAt ? "success" : "retry" }), { alignDelay, random: () => 0 }));
    await vi.advanceTimersByTimeAsync(advanceMs);
    return { times, wait };
  };

  it("0 is a valid answer: the next poll is at once", async () => {
    const { times, wait } = await run(() => 0, 2, 0);
    expect(times).toEqual([0, 0]);
    expect(wait.status).toBe("fulfilled");
  });

  it("a negative answer is ignored: the schedule's delay stays", async () => {
    const { times, wait } = await run(() => -100, 3, 4000);
    expect(times).toEqual([0, 2000, 4000]);
    expect(wait.status).toBe("fulfilled");
  });

  it("an infinite answer is ignored, rather than sleeping until the last poll before the deadline", async () => {
    const { times, wait } = await run(() => Number.POSITIVE_INFINITY, 3, 4000);
    expect(times).toEqual([0, 2000, 4000]);
    expect(wait.status).toBe("fulfilled");
  });

  it("ignored answers still end in a timeout at the deadline like any wait", async () => {
    const wait = track(
      waitUntil(
        async () => ({ observation: "x" }),
        () => ({ state: "retry" }),
        { alignDelay: () => -1, maxWaitMs: 5000 },
      ),
    );
    await vi.advanceTimersByTimeAsync(5000);
    expect(wait.error).toBeInstanceOf(WaitTimeoutError);
  });
});
