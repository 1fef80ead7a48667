/**
 * The path parameter checks every request passes before its URL exists: `assertPathParams` (the service methods)
 * and `safePathSerializer` (openapi-fetch's path serializer for every client, `raw` included), which refuses what
 * could retarget a request and otherwise encodes exactly as openapi-fetch does.
 */
import fc from "fast-check";
import { defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { assertPathParams, safePathSerializer } from "../../src/internal/path-params.js";

const TEMPLATE = "/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway";
const GOOD = { project_id: "05041fffa40025702f6dc009cc6f8f33", instance_id: "9136fd2a9fcd405ea4674276ce36dae8in02", node_id: "n1" };

/** The ValidationError `fn` throws. */
function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error("expected a ValidationError");
}

describe("assertPathParams", () => {
  it("passes good ids", () => {
    expect(() => assertPathParams(GOOD)).not.toThrow();
  });

  it("lists every bad parameter in one ValidationError, each by name", () => {
    const err = refusal(() => assertPathParams({ a: "..", b: "x/y", c: "", d: 7, e: undefined, f: "ok" }));
    expect(err.issues.map((i) => [i.path, i.keyword])).toEqual([
      ["a", "pattern"],
      ["b", "pattern"],
      ["c", "minLength"],
      ["d", "type"],
      ["e", "required"],
    ]);
  });
});

describe("safePathSerializer", () => {
  it("fills the template like openapi-fetch's own serializer", () => {
    expect(safePathSerializer(TEMPLATE, GOOD)).toBe(`/v3/${GOOD.project_id}/instances/${GOOD.instance_id}/nodes/n1/public-gateway`);
  });

  it("refuses a template parameter left out instead of sending a literal {name}", () => {
    const { project_id, instance_id } = GOOD;
    const err = refusal(() => safePathSerializer(TEMPLATE, { project_id, instance_id }));
    expect(err.issues).toEqual([{ path: "node_id", keyword: "required", message: "is required" }]);
  });

  it.each(["..", ".", "%2E%2e", "a/b", "a\\b", "a?b", "a#b", "a\u0000b", ""])("refuses %j, which could retarget the request", (value) => {
    const err = refusal(() => safePathSerializer(TEMPLATE, { ...GOOD, node_id: value }));
    expect(err.issues.map((i) => i.path)).toEqual(["node_id"]);
  });

  it("encodes every value it accepts exactly as openapi-fetch does (property)", () => {
    // Anything but the refused separators, control characters and dot segments: spaces, %, unicode, quotes.
    const value = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 12 })
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the values the check refuses are left out here
      .filter((v) => !/[/?#\\\u0000-\u001f\u007f]/.test(v) && !/^(?:\.|%2e){1,2}$/i.test(v));
    fc.assert(
      fc.property(value, value, (instance, node) => {
        const params = { ...GOOD, instance_id: instance, node_id: node };
        expect(safePathSerializer(TEMPLATE, params)).toBe(defaultPathSerializer(TEMPLATE, params));
      }),
    );
  });
});
