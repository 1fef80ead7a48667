import { describe, expect, it } from "vitest";
import { createPollSharing } from "../../src/wait/coalesce.js";
import { deferred } from "../helpers/deferred.js";

describe("createPollSharing: many slot sizes", () => {
  it("past 16 slot sizes drops only idle coalescers: a running poll stays joinable", async () => {
    const sharing = createPollSharing<string>();
    const { promise: answer, resolve } = deferred<string>();
    let calls = 0;
    const fn = () => {
      calls++;
      return answer;
    };
    const first = sharing.poll("k", 1000, fn, new AbortController().signal);
    for (let slot = 1001; slot <= 1015; slot++) expect(sharing.nextSlot("k", slot, 500)).toBe(500); // 16 slot sizes
    expect(sharing.nextSlot("k", 2000, 500)).toBe(500); // a 17th: the idle ones go
    const joined = sharing.poll("k", 1000, fn, new AbortController().signal);
    expect(calls).toBe(1);
    resolve("ready");
    await expect(Promise.all([first, joined])).resolves.toEqual(["ready", "ready"]);
  });

  it("past 16 slot sizes keeps a cached answer that invalidate() can still drop", async () => {
    const sharing = createPollSharing<string>();
    let calls = 0;
    const fn = async () => `answer ${++calls}`;
    const signal = new AbortController().signal;
    await expect(sharing.poll("k", 60_000, fn, signal)).resolves.toBe("answer 1"); // reused for 30 s
    for (let slot = 1; slot <= 16; slot++) sharing.nextSlot("k", slot, 0);
    await expect(sharing.poll("k", 60_000, fn, signal)).resolves.toBe("answer 1");
    sharing.invalidate("k");
    await expect(sharing.poll("k", 60_000, fn, signal)).resolves.toBe("answer 2");
  });
});
