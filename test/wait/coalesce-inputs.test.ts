import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { AbortError, ValidationError } from "../../src/errors.js";
import { createPollCoalescer } from "../../src/wait/coalesce.js";
import { deferred } from "../helpers/deferred.js";

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("createPollCoalescer: option errors", () => {
  it("names the factory, each bad option, the keyword and the value it got", () => {
    const error = thrown(() => createPollCoalescer({ maxAgeMs: -1, slotMs: Number.POSITIVE_INFINITY }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      "createPollCoalescer: maxAgeMs must be a finite number ≥ 0, got -1; slotMs must be a finite number ≥ 0, got Infinity",
    );
    expect((error as ValidationError).issues).toEqual([
      { path: "maxAgeMs", keyword: "minimum", message: "must be a finite number ≥ 0, got -1" },
      { path: "slotMs", keyword: "minimum", message: "must be a finite number ≥ 0, got Infinity" },
    ]);
  });

  it("rejects a value that is not a number, and accepts 0 and finite values", () => {
    const error = thrown(() => createPollCoalescer({ slotMs: "5" as unknown as number }));
    expect((error as ValidationError).issues).toEqual([{ path: "slotMs", keyword: "minimum", message: "must be a finite number ≥ 0, got 5" }]);
    expect(() => createPollCoalescer({ maxAgeMs: 0, slotMs: 0 })).not.toThrow();
    expect(() => createPollCoalescer({ maxAgeMs: 1.5, slotMs: 2500 })).not.toThrow();
  });
});

describe("createPollCoalescer: nextSlot without alignment", () => {
  it("turns a negative, infinite or NaN delay into 0, and never hands out -0", () => {
    for (const coalescer of [createPollCoalescer(), createPollCoalescer({ slotMs: 1000 })]) {
      // the second has no request for "k" yet, so it does not align either
      expect(coalescer.nextSlot("k", -5)).toBe(0);
      expect(coalescer.nextSlot("k", Number.NEGATIVE_INFINITY)).toBe(0);
      expect(coalescer.nextSlot("k", Number.POSITIVE_INFINITY)).toBe(0);
      expect(coalescer.nextSlot("k", Number.NaN)).toBe(0);
      expect(coalescer.nextSlot("k", -0)).toBe(0);
      expect(coalescer.nextSlot("k", 0)).toBe(0);
      expect(coalescer.nextSlot("k", 250)).toBe(250);
    }
  });

  it("with slotMs 0 leaves every delay alone, even for a key it tracks", async () => {
    let clock = 0;
    const coalescer = createPollCoalescer<number>({ maxAgeMs: 10_000, now: () => clock });
    await coalescer.poll("k", async () => 1);
    expect(coalescer.size).toBe(1); // the cached outcome keeps the key
    expect(coalescer.nextSlot("k", 1000)).toBe(1000);
    expect(coalescer.nextSlot("k", 1100)).toBe(1100); // no joining a wake-up 100 ms earlier
    expect(coalescer.nextSlot("k", 900)).toBe(900);
    clock = 500;
    expect(coalescer.nextSlot("k", 600)).toBe(600);
  });
});

describe("createPollCoalescer: abort errors and listeners", () => {
  it("an already-aborted caller is told the poll was aborted, and why", async () => {
    const coalescer = createPollCoalescer<number>();
    const error = await coalescer.poll("k", async () => 1, AbortSignal.abort(new Error("shutting down"))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).message).toBe("the poll was aborted: shutting down");
  });

  it("a caller aborting mid-poll is told the poll was aborted, and leaves no listener on its signal", async () => {
    const coalescer = createPollCoalescer<number>();
    const answer = deferred<number>();
    const fn = async () => answer.promise;
    const leaving = new AbortController();
    const staying = new AbortController();
    const left = coalescer.poll("k", fn, leaving.signal).catch((e: unknown) => e);
    const stays = coalescer.poll("k", fn, staying.signal);
    expect(listeners(leaving.signal)).toBe(2); // its own and the shared request's bookkeeping
    leaving.abort(new Error("user pressed ^C"));
    // both listeners are gone at once, while the shared request is still running
    expect(listeners(leaving.signal)).toBe(0);
    const error = await left;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).message).toBe("the poll was aborted: user pressed ^C");
    expect(listeners(leaving.signal)).toBe(0);
    expect(listeners(staying.signal)).toBe(2);
    answer.resolve(7);
    await expect(stays).resolves.toBe(7);
    expect(listeners(staying.signal)).toBe(0);
  });
});
