/**
 * The operation table's lookup and request check, driven in-process: retry facts of an unmatched request, path
 * templates with literal text next to parameters, endpoint path prefixes, and the query read back from the URL to
 * the types the spec gives it (what a `raw` call sends when the caller's own query is not known).
 */
import { describe, expect, it } from "vitest";
import { operations as ddsOperations } from "../../generated/operations/dds.js";
import type { GeneratedValidator, OperationEntry } from "../../generated/operation-types.js";
import { ValidationError } from "../../src/errors.js";
import { operationLookup, unmatchedFacts, validateRequest } from "../../src/internal/operations.js";

/** A validator that accepts everything and keeps what it was given. */
function recorder(): GeneratedValidator & { seen: unknown[] } {
  const seen: unknown[] = [];
  return Object.assign(
    (data: unknown) => {
      seen.push(data);
      return true;
    },
    { errors: null, seen },
  );
}

function entry(path: string, more: Partial<OperationEntry> = {}, validate: GeneratedValidator = recorder()): OperationEntry {
  return {
    api: "t",
    operationId: `Op ${path}`,
    method: "GET",
    path,
    requestContentType: null,
    bodyRequired: false,
    query: {},
    retry: { safeToRepeat: true, busyErrorCodes: [] },
    loadValidator: async () => validate,
    ...more,
  };
}

async function thrown(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** The query the operation's validator is given for `search` (no caller query: read back from the URL). */
async function queryFromUrl(search: string, types: OperationEntry["query"]): Promise<unknown> {
  const validate = recorder();
  const op = entry("/q", { query: types }, validate);
  await validateRequest({ entry: op, path: {} }, new URL(`https://example.invalid/q${search}`), undefined);
  expect(validate.seen).toHaveLength(1);
  return (validate.seen[0] as { query: unknown }).query;
}

describe("retry facts of a request no operation matches", () => {
  it("only GET and HEAD are safe to repeat, and no error code counts as busy", () => {
    expect(unmatchedFacts("GET")).toStrictEqual({ safeToRepeat: true, busyErrorCodes: [] });
    expect(unmatchedFacts("HEAD")).toStrictEqual({ safeToRepeat: true, busyErrorCodes: [] });
    expect(unmatchedFacts("POST")).toStrictEqual({ safeToRepeat: false, busyErrorCodes: [] });
    expect(unmatchedFacts("DELETE")).toStrictEqual({ safeToRepeat: false, busyErrorCodes: [] });
  });
});

describe("looking requests up by template", () => {
  it("a segment with text around braces is literal, not a parameter", () => {
    const find = operationLookup([entry("/a/x{id}"), entry("/b/{id}x")]);
    expect(find("GET", "/a/x{id}")).toStrictEqual({ entry: expect.objectContaining({ path: "/a/x{id}" }), path: {} });
    expect(find("GET", "/b/{id}x")).toStrictEqual({ entry: expect.objectContaining({ path: "/b/{id}x" }), path: {} });
    expect(find("GET", "/a/x7")).toBeUndefined();
    expect(find("GET", "/a/other")).toBeUndefined();
    expect(find("GET", "/b/7x")).toBeUndefined();
    expect(find("GET", "/b/other")).toBeUndefined();
  });

  it("regex characters in a template's literal text match only themselves", () => {
    const find = operationLookup([entry("/v1.0/a+b/{id}")]);
    expect(find("GET", "/v1.0/a+b/7")?.path).toStrictEqual({ id: "7" });
    expect(find("GET", "/v1x0/a+b/7")).toBeUndefined();
    expect(find("GET", "/v10/ab/7")).toBeUndefined();
  });

  it("a parameter that is not valid percent-encoding is passed on as written", () => {
    const find = operationLookup([entry("/a/{id}")]);
    expect(find("GET", "/a/%E0%A4%A")?.path).toStrictEqual({ id: "%E0%A4%A" });
    expect(find("GET", "/a/100%")?.path).toStrictEqual({ id: "100%" });
    expect(find("GET", "/a/%C3%A9")?.path).toStrictEqual({ id: "é" });
  });

  it("an endpoint path with trailing slashes is cut off whole", () => {
    const find = operationLookup([entry("/a/{id}")], "https://example.invalid/pre//");
    expect(find("GET", "/pre/a/7")?.path).toStrictEqual({ id: "7" });
  });

  it("a request outside the endpoint's path matches nothing, even when the rest would", () => {
    const find = operationLookup([entry("/a/{id}")], "https://example.invalid/pre");
    expect(find("GET", "/pre/a/7")?.path).toStrictEqual({ id: "7" });
    expect(find("GET", "/xyz/a/7")).toBeUndefined();
    expect(find("GET", "/prea/7")).toBeUndefined();
  });
});

describe("the query read back from the URL", () => {
  it("integers and numbers become numbers: signs, decimals and exponents", async () => {
    const url = "?i=5&n=1.5&neg=-12&dec=1.25&e1=1e3&e2=1E%2B3&e3=2e-10&e4=12e10";
    const types = { i: "integer", n: "number", neg: "integer", dec: "number", e1: "number", e2: "number", e3: "number", e4: "integer" } as const;
    expect(await queryFromUrl(url, types)).toStrictEqual({ i: 5, n: 1.5, neg: -12, dec: 1.25, e1: 1000, e2: 1000, e3: 2e-10, e4: 12e10 });
  });

  it("text that does not read as a number stays text for the validator to name", async () => {
    const url = "?a=x5&b=5x&c=1.&d=.5&e=1e&f=--1&g=1.x&h=1ex&i=ten&j=";
    const types = {
      a: "integer",
      b: "integer",
      c: "number",
      d: "number",
      e: "number",
      f: "integer",
      g: "number",
      h: "number",
      i: "integer",
      j: "integer",
    } as const;
    expect(await queryFromUrl(url, types)).toStrictEqual({ a: "x5", b: "5x", c: "1.", d: ".5", e: "1e", f: "--1", g: "1.x", h: "1ex", i: "ten", j: "" });
  });

  it("booleans become booleans; other text stays text", async () => {
    expect(await queryFromUrl("?t=true&f=false&y=yes&u=TRUE", { t: "boolean", f: "boolean", y: "boolean", u: "boolean" })).toStrictEqual({
      t: true,
      f: false,
      y: "yes",
      u: "TRUE",
    });
  });

  it("parameters the spec types as strings stay text, however they read", async () => {
    expect(await queryFromUrl("?n=5&t=true&f=false&x=abc&e=", {})).toStrictEqual({ n: "5", t: "true", f: "false", x: "abc", e: "" });
  });

  it("arrays are lists even with one value, and any repeated parameter is a list of every value", async () => {
    expect(await queryFromUrl("?ids=a&tags=x&tags=y&n=1&n=2", { ids: "array", n: "integer" })).toStrictEqual({ ids: ["a"], tags: ["x", "y"], n: ["1", "2"] });
    expect(await queryFromUrl("?ids=a&ids=b", { ids: "array" })).toStrictEqual({ ids: ["a", "b"] });
  });

  it("the generated ListInstances check reads limit and offset as integers from the URL", async () => {
    const list = ddsOperations.find((o) => o.operationId === "ListInstances")!;
    const match = { entry: list, path: { project_id: "p1" } };
    await expect(validateRequest(match, new URL("https://example.invalid/v3/p1/instances?limit=10&offset=0"), undefined)).resolves.toBeUndefined();
    const err = await thrown(() => validateRequest(match, new URL("https://example.invalid/v3/p1/instances?limit=ten&offset=1.5"), undefined));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path).sort()).toEqual(["limit", "offset"]);
  });
});

describe("the query and body as the validator sees them", () => {
  it("the caller's query is used as typed, without the fields left undefined, and the URL's is not read", async () => {
    const validate = recorder();
    const op = entry("/q", { query: { n: "integer" } }, validate);
    await validateRequest({ entry: op, path: { id: "7" } }, new URL("https://example.invalid/q?n=5&other=1"), undefined, { n: "6", gone: undefined });
    expect(validate.seen).toStrictEqual([{ path: { id: "7" }, query: { n: "6" } }]);
  });

  it("an empty body is no body, for an operation with or without one", async () => {
    for (const requestContentType of [null, "application/json"]) {
      const validate = recorder();
      const op = entry("/b", { requestContentType }, validate);
      await validateRequest({ entry: op, path: {} }, new URL("https://example.invalid/b"), new Uint8Array(0));
      expect(validate.seen).toStrictEqual([{ path: {}, query: {} }]);
    }
  });

  it("a JSON body is parsed for the validator", async () => {
    const validate = recorder();
    const op = entry("/b", { requestContentType: "application/json" }, validate);
    await validateRequest({ entry: op, path: {} }, new URL("https://example.invalid/b"), new TextEncoder().encode('{"a":[1]}'));
    expect(validate.seen).toStrictEqual([{ path: {}, query: {}, body: { a: [1] } }]);
  });

  it("a body for an operation without one, or one that is not JSON, is named with what is expected", async () => {
    const url = new URL("https://example.invalid/b");
    const none = await thrown(() => validateRequest({ entry: entry("/b"), path: {} }, url, new TextEncoder().encode("{}")));
    expect(none).toBeInstanceOf(ValidationError);
    expect((none as ValidationError).issues).toStrictEqual([{ path: "body", keyword: "not", message: "is not expected: the operation has no request body" }]);
    const bad = await thrown(() =>
      validateRequest({ entry: entry("/b", { requestContentType: "application/json" }), path: {} }, url, new TextEncoder().encode("{x")),
    );
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).issues).toStrictEqual([{ path: "body", keyword: "type", message: "must be application/json" }]);
  });
});
