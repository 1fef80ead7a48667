// One renewal shared by concurrent callers: who starts a fetch, who shares it, and when its signal aborts.
import { describe, expect, it } from "vitest";
import { sharedRenewal } from "../../src/auth/shared-renewal.js";
import { AbortError } from "../../src/errors.js";
import { deferred } from "../helpers/deferred.js";

/** A renewal whose fetches are settled by hand: `fetches[i]` is the i-th start, with the signal it was given. */
function handRenewal() {
  const fetches: { signal: AbortSignal; resolve: (value: string) => void; promise: Promise<string> }[] = [];
  const renew = sharedRenewal((_: undefined, signal: AbortSignal) => {
    const d = deferred<string>();
    fetches.push({ signal, ...d });
    return d.promise;
  }, "the test renewal");
  return { renew, fetches };
}
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("sharedRenewal", () => {
  it("a caller whose signal is already aborted is refused without starting a fetch", async () => {
    const { renew, fetches } = handRenewal();
    const controller = new AbortController();
    controller.abort(new Error("gone"));
    const err = await renew(undefined, controller.signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as Error).message).toBe("the test renewal was aborted: gone");
    expect(fetches).toHaveLength(0);
  });

  it("once its only caller leaves, the fetch is aborted and the next caller starts a fresh one", async () => {
    const { renew, fetches } = handRenewal();
    const a = new AbortController();
    const first = renew(undefined, a.signal);
    a.abort();
    await expect(first).rejects.toBeInstanceOf(AbortError);
    expect(fetches[0]?.signal.aborted).toBe(true);
    const second = renew(undefined, undefined);
    expect(fetches).toHaveLength(2);
    fetches[1]?.resolve("fresh");
    await expect(second).resolves.toBe("fresh");
  });

  it("an abandoned fetch that settles late does not make later callers skip the fetch now shared", async () => {
    const { renew, fetches } = handRenewal();
    const a = new AbortController();
    const abandoned = renew(undefined, a.signal).catch((e: unknown) => e);
    a.abort();
    const b = renew(undefined, undefined);
    fetches[0]?.resolve("stale");
    await settled();
    const c = renew(undefined, undefined);
    expect(fetches).toHaveLength(2);
    fetches[1]?.resolve("current");
    await expect(Promise.all([b, c])).resolves.toEqual(["current", "current"]);
    expect(await abandoned).toBeInstanceOf(AbortError);
  });

  it("a caller leaving a fetch that already settled and was replaced does not drop the newer fetch", async () => {
    const { renew, fetches } = handRenewal();
    const a1 = new AbortController();
    const a2 = new AbortController();
    const left = renew(undefined, a1.signal).catch((e: unknown) => e);
    let b: Promise<string> | undefined;
    // Runs after the settled fetch is forgotten and before the second caller stops listening to its signal.
    const hook = fetches[0]?.promise
      .then(() => undefined)
      .then(() => {
        b = renew(undefined, undefined);
        a2.abort();
      });
    const second = renew(undefined, a2.signal);
    a1.abort();
    fetches[0]?.resolve("first");
    await hook;
    expect(fetches).toHaveLength(2);
    const c = renew(undefined, undefined);
    expect(fetches).toHaveLength(2);
    expect(fetches[1]?.signal.aborted).toBe(false);
    fetches[1]?.resolve("second");
    await expect(Promise.all([second, b, c])).resolves.toEqual(["first", "second", "second"]);
    expect(await left).toBeInstanceOf(AbortError);
  });

  it("a caller whose signal fires abort twice counts as one caller leaving", async () => {
    const { renew, fetches } = handRenewal();
    const a = new AbortController();
    const leaving = renew(undefined, a.signal).catch((e: unknown) => e);
    const staying = renew(undefined, undefined);
    a.abort();
    a.signal.dispatchEvent(new Event("abort"));
    expect(fetches[0]?.signal.aborted).toBe(false);
    fetches[0]?.resolve("kept");
    await expect(staying).resolves.toBe("kept");
    expect(await leaving).toBeInstanceOf(AbortError);
  });

  it("a caller's signal aborting after its fetch settled aborts nothing", async () => {
    const { renew, fetches } = handRenewal();
    const a = new AbortController();
    const done = renew(undefined, a.signal);
    fetches[0]?.resolve("done");
    await expect(done).resolves.toBe("done");
    a.abort();
    expect(fetches[0]?.signal.aborted).toBe(false);
  });
});
