import { describe, expect, it } from "vitest";
import { ValidationError } from "../src/errors.js";
import { pathParamIssues, regionalEndpoint, resolveClientOptions, type ClientOptions } from "../src/options.js";

function issues(options: ClientOptions, service: "apig" | "dds" | "iam" = "apig"): { message: string; issues: readonly unknown[] } {
  try {
    resolveClientOptions(service, options, true);
  } catch (err) {
    if (err instanceof ValidationError) return { message: err.message, issues: err.issues };
    throw err;
  }
  throw new Error("resolved without issues");
}

describe("resolveClientOptions", () => {
  it("normalises endpoints and derives regional ones", () => {
    expect(resolveClientOptions("apig", { projectId: "p", endpoint: "https://h.example.org/base//" }, true).baseUrl).toBe("https://h.example.org/base");
    expect(resolveClientOptions("dds", { projectId: "p", region: "eu-west-101" }, true).baseUrl).toBe("https://dds.eu-west-101.myhuaweicloud.eu");
    expect(resolveClientOptions("iam", { region: "cn-north-4", endpoint: "http://127.9.9.9:1" }, false).baseUrl).toBe("http://127.9.9.9:1");
    for (const host of ["localhost", "[::1]", "127.0.0.1", "a.localhost"]) {
      expect(resolveClientOptions("apig", { projectId: "p", endpoint: `http://${host}:8080` }, true).baseUrl).toBe(`http://${host}:8080`);
    }
  });

  it.each([
    ["not a url", "endpoint must be an absolute URL such as https://apig.cn-north-4.myhuaweicloud.com"],
    ["ftp://h.example.org", "endpoint must use https: (or http: for a local emulator)"],
    ["http://h.example.org", "endpoint uses plain http: for a non-loopback host; pass allowInsecureHttp: true if you really mean it"],
    ["http://127.0.0.1.example.org", "endpoint uses plain http: for a non-loopback host; pass allowInsecureHttp: true if you really mean it"],
    ["https://u:p@h.example.org", "endpoint must not carry credentials"],
    ["https://h.example.org/?a=1", "endpoint must not have a query string or fragment"],
    ["https://h.example.org/#f", "endpoint must not have a query string or fragment"],
  ])("refuses the endpoint %s", (endpoint, message) => {
    expect(issues({ projectId: "p", endpoint, region: "cn-north-4" })).toEqual({
      message: `createApigClient: ${message}`,
      issues: [{ path: "endpoint", keyword: "format", message: message.slice("endpoint ".length) }],
    });
  });

  it("lists every mistake at once, titled by the factory", () => {
    const bad = { region: "North", maxRetries: 11, timeoutMs: 0, fetch: 1, logLevel: "toString", userAgent: "a\nb", auth: {} } as unknown as ClientOptions;
    const got = issues(bad, "dds");
    // A region is given, so the project id is not required: it would be discovered.
    expect(got.message).toMatch(/^createDdsClient: region must be a region id such as cn-north-4 \(got "North"\); /);
    expect(got.issues).toEqual([
      { path: "region", keyword: "pattern", message: 'must be a region id such as cn-north-4 (got "North")' },
      { path: "maxRetries", keyword: "maximum", message: "must be an integer from 0 to 10" },
      { path: "timeoutMs", keyword: "maximum", message: "must be an integer from 1 to 2147483647" },
      { path: "fetch", keyword: "type", message: "must be a function" },
      { path: "logLevel", keyword: "enum", message: "must be one of off, error, warn, info, debug" },
      { path: "userAgent", keyword: "pattern", message: "must be a string of header characters (no control characters, nothing above U+00FF)" },
      { path: "auth", keyword: "type", message: "must be an auth strategy (tokenAuth, passwordAuth, akskAuth)" },
    ]);
    expect(issues({ projectId: "p" }, "iam").issues).toEqual([{ path: "region", keyword: "required", message: "give region or endpoint" }]);
    // Neither a project id nor a region to discover it by.
    expect(issues({ endpoint: "http://127.0.0.1:9" }, "dds").issues).toEqual([{ path: "projectId", keyword: "required", message: "is required" }]);
    expect(issues({ projectId: "p", region: "cn-north-4", iamEndpoint: "http://10.0.0.1" }, "dds").issues).toEqual([
      { path: "iamEndpoint", keyword: "format", message: "uses plain http: for a non-loopback host; pass allowInsecureHttp: true if you really mean it" },
    ]);
  });

  it("refuses a projectId or userAgent no header can carry, naming the field and not echoing the value", () => {
    for (const projectId of ["p\u0100roject", "proj\u00e9ct", "p\u007f"]) {
      const got = issues({ projectId, region: "cn-north-4" });
      expect(got.issues.map((i) => (i as { path: string }).path)).toContain("projectId");
      expect(got.message).not.toContain(projectId);
    }
    for (const userAgent of ["my-app/1 \u0000", "app\u001b[2J", "app/\u0100", "tab\there"]) {
      const got = issues({ projectId: "p1", region: "cn-north-4", userAgent });
      expect(got.issues).toEqual([{ path: "userAgent", keyword: "pattern", message: expect.stringContaining("header characters") }]);
    }
    expect(() => resolveClientOptions("apig", { projectId: "p1", region: "cn-north-4", userAgent: "caf\u00e9/1.0" }, true)).not.toThrow();
  });

  it("refuses a logger missing a method its level writes, and survives one that throws", () => {
    const got = issues({ projectId: "p1", region: "cn-north-4", logLevel: "info", logger: { error() {}, warn() {} } as never });
    expect(got.issues).toEqual([{ path: "logger.info", keyword: "type", message: 'must be a function (logLevel "info" writes info lines)' }]);
    expect(() => resolveClientOptions("apig", { projectId: "p1", region: "cn-north-4", logger: { error() {}, warn() {} } as never }, true)).not.toThrow();
    const thrower = {
      error: () => {
        throw new TypeError("boom");
      },
      warn: () => {
        throw new TypeError("boom");
      },
      info() {},
      debug() {},
    };
    const { logger } = resolveClientOptions("apig", { projectId: "p1", region: "cn-north-4", logger: thrower }, true);
    expect(() => logger.warn("x")).not.toThrow();
  });

  it("regionalEndpoint throws on its own for a malformed region", () => {
    expect(() => regionalEndpoint("apig", "cn_north")).toThrow(ValidationError);
    expect(() => regionalEndpoint("apig", "cn_north")).toThrow('region must be a region id such as cn-north-4 (got "cn_north")');
  });
});

describe("pathParamIssues", () => {
  it.each<[unknown, string, string]>([
    [undefined, "required", "is required"],
    [7, "type", "must be a string"],
    ["", "minLength", "must not be empty"],
    ...[".", "..", "%2e", "%2E%2e", ".%2e", "%2e."].map((v): [unknown, string, string] => [v, "pattern", "must not be a dot segment (. or ..)"]),
    ...["a/b", "a?b", "a#b", "a\\b"].map((v): [unknown, string, string] => [v, "pattern", "must not contain /, \\, ? or #"]),
    ...["a\u0000", "a\u001f", "a\u007f"].map((v): [unknown, string, string] => [v, "pattern", "must not contain control characters"]),
  ])("%j: %s", (value, keyword, message) => {
    expect(pathParamIssues("id", value)).toEqual([{ path: "id", keyword, message }]);
  });

  it.each(["...", "a.", ".a", "%2e%2e%2e", "%2f", "i1", "0b3e4a5d-1f2c"])("accepts %j", (value) => {
    expect(pathParamIssues("id", value)).toEqual([]);
  });
});
