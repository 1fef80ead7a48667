import { afterEach, describe, expect, it, vi } from "vitest";
import { ValidationError } from "../src/errors.js";
import { type ClientOptions, regionalEndpoint, resolveClientOptions } from "../src/options.js";

/** The issues resolveClientOptions reports for `options` (an APIG client with a project id unless overridden). */
function issuesOf(options: ClientOptions): readonly unknown[] {
  try {
    resolveClientOptions("apig", { projectId: "p1", region: "cn-north-4", ...options }, true);
  } catch (err) {
    if (err instanceof ValidationError) return err.issues;
    throw err;
  }
  return [];
}

describe("region ids", () => {
  it.each([
    ["cn-north-4", "https://apig.cn-north-4.myhuaweicloud.com"],
    ["xy-1", "https://apig.xy-1.myhuaweicloud.com"],
    ["la-south-2", "https://apig.la-south-2.myhuaweicloud.com"],
    ["ap-southeast-x9-12", "https://apig.ap-southeast-x9-12.myhuaweicloud.com"],
    ["eu-west-101", "https://apig.eu-west-101.myhuaweicloud.eu"],
  ])("accepts %s", (region, endpoint) => {
    expect(regionalEndpoint("apig", region)).toBe(endpoint);
    expect(resolveClientOptions("apig", { projectId: "p1", region }, true).baseUrl).toBe(endpoint);
  });

  it.each(["c-north-4", "1cn-north-4", "Cn-north-4", "cn-north-4x", "cn-north-4-", "cn-north", "cn--4", "cn-north-x", "-cn-4"])(
    "refuses %j, naming the region field and the pattern",
    (region) => {
      const message = `must be a region id such as cn-north-4 (got ${JSON.stringify(region)})`;
      let thrown: unknown;
      try {
        regionalEndpoint("apig", region);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).issues).toEqual([{ path: "region", keyword: "pattern", message }]);
      expect(issuesOf({ region })).toEqual([{ path: "region", keyword: "pattern", message }]);
    },
  );
});

describe("endpoints", () => {
  it.each(["http://127.10.200.1:8080", "http://127.255.255.254"])("takes %s as loopback, plain http allowed", (endpoint) => {
    expect(resolveClientOptions("apig", { projectId: "p1", endpoint }, true).baseUrl).toBe(endpoint);
  });

  it.each(["https://user@h.example.org", "https://:pass@h.example.org", "https://user:pass@h.example.org"])("refuses credentials in %s", (endpoint) => {
    const credentials = { path: "endpoint", keyword: "format", message: "must not carry credentials" };
    expect(issuesOf({ endpoint })).toEqual([credentials]);
    expect(issuesOf({ iamEndpoint: endpoint })).toEqual([{ ...credentials, path: "iamEndpoint" }]);
  });
});

describe("numeric limits", () => {
  it("accepts maxRetries 0 to 10 and refuses 11", () => {
    expect(resolveClientOptions("apig", { projectId: "p1", region: "cn-north-4", maxRetries: 10 }, true).maxRetries).toBe(10);
    expect(resolveClientOptions("apig", { projectId: "p1", region: "cn-north-4", maxRetries: 0 }, true).maxRetries).toBe(0);
    expect(issuesOf({ maxRetries: 11 })).toEqual([{ path: "maxRetries", keyword: "maximum", message: "must be an integer from 0 to 10" }]);
  });

  it("accepts timeoutMs 1 to 2^31 - 1 (the largest timer delay) and refuses 2^31", () => {
    const timeout = (timeoutMs: number) => resolveClientOptions("apig", { projectId: "p1", region: "cn-north-4", timeoutMs }, true).timeoutMs;
    expect(timeout(1)).toBe(1);
    expect(timeout(2 ** 31 - 1)).toBe(2_147_483_647);
    const refused = [{ path: "timeoutMs", keyword: "maximum", message: "must be an integer from 1 to 2147483647" }];
    expect(issuesOf({ timeoutMs: 2 ** 31 })).toEqual(refused);
    expect(issuesOf({ timeoutMs: 2 ** 31 + 1 })).toEqual(refused);
  });

  it("accepts maxResponseBytes up to 256 MiB and refuses more, naming the field and the range", () => {
    const limit = (maxResponseBytes: number) =>
      resolveClientOptions("apig", { projectId: "p1", region: "cn-north-4", maxResponseBytes }, true).maxResponseBytes;
    expect(limit(2 ** 28)).toBe(268_435_456);
    const refused = [{ path: "maxResponseBytes", keyword: "maximum", message: "must be an integer from 1 to 268435456" }];
    expect(issuesOf({ maxResponseBytes: 2 ** 28 + 1 })).toEqual(refused);
    expect(issuesOf({ maxResponseBytes: 0 })).toEqual(refused);
    expect(issuesOf({ maxResponseBytes: 1.5 })).toEqual(refused);
  });
});

describe("option types", () => {
  it("refuses a non-ASCII projectId with the projectId pattern issue", () => {
    expect(issuesOf({ projectId: "proj\u00e9ct" })).toEqual([{ path: "projectId", keyword: "pattern", message: "must be printable ASCII" }]);
  });

  it("reports a non-string projectId as a type issue only, whatever it converts to", () => {
    expect(issuesOf({ projectId: ["proj\u00e9ct"] as never })).toEqual([{ path: "projectId", keyword: "type", message: "must be a string" }]);
  });

  it("refuses a userAgent that is not a string", () => {
    expect(issuesOf({ userAgent: 42 as never })).toEqual([{ path: "userAgent", keyword: "pattern", message: expect.stringContaining("header characters") }]);
  });

  it("reports a null logger as missing the methods its level writes, instead of throwing a TypeError", () => {
    const missing = (l: string) => ({ path: `logger.${l}`, keyword: "type", message: `must be a function (logLevel "warn" writes ${l} lines)` });
    expect(issuesOf({ logger: null as never })).toEqual([missing("error"), missing("warn")]);
  });

  it("reports a null auth as a ValidationError naming auth, instead of throwing a TypeError", () => {
    expect(issuesOf({ auth: null as never })).toEqual([
      { path: "auth", keyword: "type", message: "must be an auth strategy (tokenAuth, passwordAuth, akskAuth)" },
    ]);
  });

  it("refuses a function as auth even when it has an authenticate method", () => {
    const auth = Object.assign(() => {}, { kind: "fn", authenticate: async () => {} });
    expect(issuesOf({ auth: auth as never })).toEqual([
      { path: "auth", keyword: "type", message: "must be an auth strategy (tokenAuth, passwordAuth, akskAuth)" },
    ]);
  });
});

describe("a runtime without a global fetch", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("requires the fetch option, naming the field", () => {
    vi.stubGlobal("fetch", undefined);
    expect(issuesOf({})).toEqual([{ path: "fetch", keyword: "required", message: "is required where the runtime has no global fetch" }]);
  });

  it("works with the fetch option given, and calls that fetch", async () => {
    vi.stubGlobal("fetch", undefined);
    const fetch = vi.fn(async () => new Response("ok"));
    const resolved = resolveClientOptions("apig", { projectId: "p1", region: "cn-north-4", fetch }, true);
    expect(resolved.fetch).toBe(fetch);
    await resolved.fetch("https://apig.cn-north-4.myhuaweicloud.com/x");
    expect(fetch).toHaveBeenCalledOnce();
  });

  it("without the option, goes to the global fetch present at call time", async () => {
    const global = vi.fn(async () => new Response("ok"));
    vi.stubGlobal("fetch", global);
    const resolved = resolveClientOptions("apig", { projectId: "p1", region: "cn-north-4" }, true);
    await resolved.fetch("https://apig.cn-north-4.myhuaweicloud.com/y");
    expect(global).toHaveBeenCalledWith("https://apig.cn-north-4.myhuaweicloud.com/y", undefined);
  });
});
