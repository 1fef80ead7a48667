/** The exact words of sleep's and abortErrorFrom's errors, for every kind of abort reason. */
import { describe, expect, it } from "vitest";
import { AbortError, ValidationError } from "../../src/errors.js";
import { MAX_TIMER_MS, abortErrorFrom, abortable, sleep } from "../../src/internal/sleep.js";

const aborted = (reason: unknown): AbortSignal => {
  const controller = new AbortController();
  controller.abort(reason);
  return controller.signal;
};

describe("abortErrorFrom", () => {
  it("names the operation when told nothing else", () => {
    const error = abortErrorFrom(aborted(new Error("user left")));
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe("the operation was aborted: user left");
  });

  it("appends nothing for a reason that is not an Error, and keeps it as cause", () => {
    expect(abortErrorFrom(aborted("gone"), "the wait")).toMatchObject({ message: "the wait was aborted", cause: "gone" });
    expect(abortErrorFrom(aborted(42)).message).toBe("the operation was aborted");
  });

  it("appends nothing for an object that only looks like an Error", () => {
    const reason = { message: "not an Error" };
    expect(abortErrorFrom(aborted(reason), "the wait")).toMatchObject({ message: "the wait was aborted", cause: reason });
  });

  it("appends nothing for an Error without a message", () => {
    const reason = new Error("");
    expect(abortErrorFrom(aborted(reason), "the wait")).toMatchObject({ message: "the wait was aborted", cause: reason });
  });

  it("describes the default reason of abort() by its DOMException message", () => {
    const signal = AbortSignal.abort();
    expect(abortErrorFrom(signal).message).toBe(`the operation was aborted: ${(signal.reason as Error).message}`);
  });
});

describe("sleep and abortable on an aborted signal", () => {
  it("sleep rejects naming the operation", async () => {
    await expect(sleep(10, aborted("stop"))).rejects.toMatchObject({ name: "AbortError", message: "the operation was aborted", cause: "stop" });
  });

  it("abortable rejects naming what it waited for", async () => {
    await expect(abortable(new Promise(() => undefined), aborted(new Error("late")), "the lookup")).rejects.toMatchObject({
      message: "the lookup was aborted: late",
    });
  });
});

describe("sleep beyond one timer", () => {
  it("refuses with a ValidationError titled sleep that gives the limit and the delay asked for", async () => {
    const error = await sleep(MAX_TIMER_MS + 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(`sleep: ms must be ≤ ${MAX_TIMER_MS}, got ${MAX_TIMER_MS + 1}`);
    expect((error as ValidationError).issues).toEqual([{ path: "ms", keyword: "maximum", message: `must be ≤ 2147483647, got 2147483648` }]);
  });
});
