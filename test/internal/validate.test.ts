/**
 * Input validation stays linear in the number of problems and reports a bounded list: many invalid array items
 * once took quadratic time (Ajv merged each referenced schema's errors with `concat`, a new array per item) and
 * produced a message listing every item. Linearity is checked by counting array element moves, never by timing.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { ValidationError } from "../../src/errors.js";
import { createApigClient } from "../../src/services/apig.js";

const INSTANCE = "6a7d71827fd54572b1f31aa9548fcc81";
let fetchCalls = 0;
const client = createApigClient({
  region: "cn-north-4",
  projectId: "0123456789abcdef0123456789abcdef",
  auth: tokenAuth("test-token"),
  maxRetries: 0,
  fetch: async () => {
    fetchCalls++;
    return new Response("{}", { status: 500 });
  },
});

/** A body of `n` ELBs whose ids are too short (each breaks `minLength`), which also breaks `maxItems` (10). */
const badElbs = (n: number) => ({ elbs: Array.from({ length: n }, (_, i) => ({ elb_id: `short-${i}` })) });

/** The ValidationError `deregisterIngressIps` rejects `body` with. */
async function rejection(body: unknown): Promise<ValidationError> {
  const err = await client.deregisterIngressIps(INSTANCE, body as never).catch((e: unknown) => e);
  if (!(err instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(err)}`);
  return err;
}

/**
 * Runs `work` counting every element that lands in an array through `push` or `concat` (all arrays, the
 * validator's error lists included): work that is linear in the input moves a number of elements linear in it.
 */
async function countMoves(work: () => Promise<unknown>): Promise<number> {
  const proto = Array.prototype as unknown as Record<"push" | "concat", (this: unknown[], ...items: unknown[]) => unknown>;
  const { push, concat } = proto;
  let moved = 0;
  proto.push = function (this: unknown[], ...items: unknown[]) {
    moved += items.length;
    return push.apply(this, items);
  };
  proto.concat = function (this: unknown[], ...items: unknown[]) {
    const out = concat.apply(this, items) as unknown[];
    moved += out.length;
    return out;
  };
  try {
    await work();
  } finally {
    proto.push = push;
    proto.concat = concat;
  }
  return moved;
}

describe("validating many invalid items", () => {
  it("100k invalid ELBs: a ValidationError with the first 100 issues and the count of all, no request sent", async () => {
    const err = await rejection(badElbs(100_000));
    expect(fetchCalls).toBe(0);
    expect(err.issues).toHaveLength(100);
    expect(err.totalIssues).toBe(100_001);
    expect(err.issues[0]).toEqual({ path: "elbs", keyword: "maxItems", message: "must have 1–10 items" });
    expect(err.issues.slice(1)).toEqual(
      Array.from({ length: 99 }, (_, i) => ({ path: `elbs[${i}].elb_id`, keyword: "minLength", message: "must have 32–36 characters" })),
    );
    expect(err.message.startsWith("UnregisterIngressIps: elbs must have 1–10 items; elbs[0].elb_id must have 32–36 characters; ")).toBe(true);
    expect(err.message.endsWith("elbs[98].elb_id must have 32–36 characters (and 99901 more)")).toBe(true);
    expect(err.message.length).toBeLessThan(100 * 60);
  });

  it("moves a number of array elements linear in the number of invalid items (10× the items, ≤ 11× the moves)", async () => {
    // 250k also checks that no step spreads one argument per issue (`push(...issues)` overflows the stack past ~120k).
    const small = await countMoves(() => rejection(badElbs(25_000)));
    const large = await countMoves(() => rejection(badElbs(250_000)));
    // Quadratic merging moved ~N²/2 elements: 100× more for 10× the items. Each item costs a few moves.
    expect(large / small).toBeLessThanOrEqual(11);
    expect(large).toBeLessThan(250_000 * 10);
  });

  it("a few problems are all listed, with no count appended", async () => {
    const err = await rejection({ elbs: [{ elb_id: "short" }, { elb_id: 7 }] });
    expect(err.issues).toEqual([
      { path: "elbs[0].elb_id", keyword: "minLength", message: "must have 32–36 characters" },
      { path: "elbs[1].elb_id", keyword: "type", message: "must be a string" },
    ]);
    expect(err.totalIssues).toBe(2);
    expect(err.message).toBe("UnregisterIngressIps: elbs[0].elb_id must have 32–36 characters; elbs[1].elb_id must be a string");
  });

  it("the generated validators merge errors in place, never with concat", () => {
    const dir = path.join(import.meta.dirname, "..", "..", "generated", "validators");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    expect(files).toHaveLength(10);
    const merging = files.filter((f) => {
      const code = readFileSync(path.join(dir, f), "utf8");
      expect(code, f).not.toContain(".concat(");
      return code.includes("vErrors = appendErrors(vErrors, ");
    });
    // The validators of operations whose inputs reference other schemas (every body, here) merge those errors.
    expect(merging.sort()).toEqual(files.filter((f) => !/ShowInstance|UnbindPublicGateway|KeystoneListProjects/.test(f)).sort());
  });
});
