import { describe, expect, it } from "vitest";
import { AbortError } from "../../src/errors.js";
import { createPollCoalescer } from "../../src/wait/coalesce.js";
import { deferred } from "../helpers/deferred.js";

/** A coalescer on a hand-moved clock. */
function onClock(options: { maxAgeMs?: number; slotMs?: number }) {
  const clock = { t: 0 };
  const coalescer = createPollCoalescer<string>({ ...options, now: () => clock.t });
  return { clock, coalescer };
}

describe("createPollCoalescer: how long a key is kept", () => {
  it("a request all callers left keeps its key a retention from its start", async () => {
    const { clock, coalescer } = onClock({ slotMs: 1000 });
    const answer = deferred<string>();
    const caller = new AbortController();
    const polled = coalescer.poll("k", () => answer.promise, caller.signal).catch((e: unknown) => e);
    caller.abort();
    await expect(polled).resolves.toBeInstanceOf(AbortError);
    expect(coalescer.size).toBe(1); // the grid stays for the next wait's nextSlot
    expect(coalescer.nextSlot("k", 900)).toBe(1000); // a slot after the request it started
    clock.t = 999;
    answer.resolve("late"); // detached: settles nothing
    await answer.promise;
    expect(coalescer.size).toBe(1);
  });

  it("each caller joining a running request extends the key's retention", async () => {
    const { clock, coalescer } = onClock({ slotMs: 1000 });
    const answer = deferred<string>();
    const fn = () => answer.promise;
    const [first, second] = [new AbortController(), new AbortController()];
    const polls = [coalescer.poll("k", fn, first.signal).catch(() => "aborted")];
    clock.t = 600;
    polls.push(coalescer.poll("k", fn, second.signal).catch(() => "aborted"));
    first.abort();
    second.abort(); // every caller left: the request is detached, the key kept from the last join
    await expect(Promise.all(polls)).resolves.toEqual(["aborted", "aborted"]);
    clock.t = 1200;
    expect(coalescer.size).toBe(1);
    clock.t = 1599;
    expect(coalescer.size).toBe(1);
    clock.t = 1600;
    expect(coalescer.size).toBe(0);
  });

  it("a slow request keeps its key a retention from when it settled, not from when it started", async () => {
    const { clock, coalescer } = onClock({ slotMs: 1000 });
    const answer = deferred<string>();
    const polled = coalescer.poll("k", () => answer.promise);
    clock.t = 5000;
    answer.resolve("done");
    await expect(polled).resolves.toBe("done");
    expect(coalescer.size).toBe(1);
    clock.t = 5999;
    expect(coalescer.size).toBe(1);
    clock.t = 6000;
    expect(coalescer.size).toBe(0);
  });

  it("reusing a cached outcome extends the key's retention", async () => {
    const { clock, coalescer } = onClock({ maxAgeMs: 1000 });
    let calls = 0;
    const fn = async () => `answer ${++calls}`;
    await expect(coalescer.poll("k", fn)).resolves.toBe("answer 1");
    clock.t = 999;
    await expect(coalescer.poll("k", fn)).resolves.toBe("answer 1"); // reused
    clock.t = 1500;
    expect(coalescer.size).toBe(1);
    clock.t = 1998;
    expect(coalescer.size).toBe(1);
    clock.t = 1999; // 999 + maxAgeMs
    expect(coalescer.size).toBe(0);
    expect(calls).toBe(1);
  });

  it("a planned wake-up keeps its key until a retention after it", async () => {
    const { clock, coalescer } = onClock({ slotMs: 1000 });
    await coalescer.poll("k", async () => "first");
    expect(coalescer.nextSlot("k", 5000)).toBe(5000);
    clock.t = 4500;
    expect(coalescer.size).toBe(1);
    expect(coalescer.nextSlot("k", 600)).toBe(500); // still joins the wake-up at 5000
    clock.t = 5999;
    expect(coalescer.size).toBe(1);
    clock.t = 6000;
    expect(coalescer.size).toBe(0);
  });
});

describe("createPollCoalescer: a request detached by invalidate()", () => {
  it("settling neither ends nor replaces the request started after invalidate()", async () => {
    const { coalescer } = onClock({ maxAgeMs: 10_000 });
    const [old, fresh] = [deferred<string>(), deferred<string>()];
    const fn = (answer: { promise: Promise<string> }) => {
      calls++;
      return answer.promise;
    };
    let calls = 0;
    const before = coalescer.poll("k", () => fn(old));
    coalescer.invalidate("k");
    const after = coalescer.poll("k", () => fn(fresh));
    old.resolve("pre-change");
    await expect(before).resolves.toBe("pre-change");
    // the pre-change answer is neither cached nor did it end the running request: a new caller joins that
    const joined = coalescer.poll("k", () => fn(deferred<string>()));
    expect(calls).toBe(2);
    fresh.resolve("post-change");
    await expect(after).resolves.toBe("post-change");
    await expect(joined).resolves.toBe("post-change");
    await expect(coalescer.poll("k", () => fn(deferred<string>()))).resolves.toBe("post-change"); // cached
    expect(calls).toBe(2);
  });

  it("its callers all aborting leaves the request started after invalidate() running and joinable", async () => {
    const { coalescer } = onClock({ slotMs: 1000 }); // the key (and its grid) outlives invalidate()
    const [old, fresh] = [deferred<string>(), deferred<string>()];
    let calls = 0;
    const fn = (answer: { promise: Promise<string> }) => {
      calls++;
      return answer.promise;
    };
    const caller = new AbortController();
    const before = coalescer.poll("k", () => fn(old), caller.signal).catch((e: unknown) => e);
    coalescer.invalidate("k");
    const after = coalescer.poll("k", () => fn(fresh));
    caller.abort();
    await expect(before).resolves.toBeInstanceOf(AbortError);
    const joined = coalescer.poll("k", () => fn(deferred<string>()));
    expect(calls).toBe(2);
    fresh.resolve("post-change");
    await expect(Promise.all([after, joined])).resolves.toEqual(["post-change", "post-change"]);
  });
});

describe("createPollCoalescer: maxAgeMs 0", () => {
  it("never reuses an outcome, even when the clock steps back", async () => {
    const { clock, coalescer } = onClock({ maxAgeMs: 0 });
    let calls = 0;
    const fn = async () => `answer ${++calls}`;
    clock.t = 10_000;
    await expect(coalescer.poll("k", fn)).resolves.toBe("answer 1");
    clock.t = 9000; // e.g. NTP stepped the wall clock back
    await expect(coalescer.poll("k", fn)).resolves.toBe("answer 2");
    expect(calls).toBe(2);
  });
});
