import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { type ClientOptions, DEFAULT_MAX_RESPONSE_BYTES, hideSecrets, type Logger, levelFilteredLogger, resolveClientOptions } from "../src/options.js";

const resolve = (options: ClientOptions) => resolveClientOptions("apig", { projectId: "p1", ...options }, true);

describe("resolveClientOptions defaults", () => {
  it("derives the IAM endpoint from the region, and has none without a region", () => {
    expect(resolve({ region: "cn-north-4" }).iamEndpoint).toBe("https://iam.cn-north-4.myhuaweicloud.com");
    expect(resolve({ region: "eu-west-101", endpoint: "https://apig.example.org" }).iamEndpoint).toBe("https://iam.eu-west-101.myhuaweicloud.eu");
    const noRegion = resolve({ endpoint: "https://apig.example.org" });
    expect(noRegion.iamEndpoint).toBeUndefined();
    expect(noRegion.region).toBeUndefined();
  });

  it("takes an explicit iamEndpoint over the regional one, without its trailing slashes only", () => {
    expect(resolve({ region: "cn-north-4", iamEndpoint: "https://iam.example.org/a/b/" }).iamEndpoint).toBe("https://iam.example.org/a/b");
    expect(resolve({ region: "cn-north-4", iamEndpoint: "https://iam.example.org/base//" }).iamEndpoint).toBe("https://iam.example.org/base");
    expect(resolve({ endpoint: "https://apig.example.org", iamEndpoint: "https://iam.example.org" }).iamEndpoint).toBe("https://iam.example.org");
  });

  it("accepts a plain-http IAM endpoint on a remote host only with allowInsecureHttp: true", () => {
    const got = resolve({ region: "cn-north-4", iamEndpoint: "http://10.0.0.1:8443/", allowInsecureHttp: true });
    expect(got.iamEndpoint).toBe("http://10.0.0.1:8443");
    expect(got.allowInsecureHttp).toBe(true);
    expect(() => resolve({ region: "cn-north-4", iamEndpoint: "http://10.0.0.1:8443/", allowInsecureHttp: false })).toThrow(
      "iamEndpoint uses plain http: for a non-loopback host",
    );
  });

  it("resolves allowInsecureHttp to true only when it is exactly true", () => {
    expect(resolve({ region: "cn-north-4" }).allowInsecureHttp).toBe(false);
    expect(resolve({ region: "cn-north-4", allowInsecureHttp: false }).allowInsecureHttp).toBe(false);
    expect(resolve({ region: "cn-north-4", allowInsecureHttp: "yes" as never }).allowInsecureHttp).toBe(false);
    expect(resolve({ region: "cn-north-4", allowInsecureHttp: true }).allowInsecureHttp).toBe(true);
  });

  it("sends the SDK's product token, followed by the caller's userAgent when given", () => {
    const own = resolve({ region: "cn-north-4" }).userAgent;
    expect(own).toMatch(/^hwc-gateways\/\d+\.\d+\.\d+$/);
    expect(resolve({ region: "cn-north-4", userAgent: "my-app/2.1" }).userAgent).toBe(`${own} my-app/2.1`);
    expect(resolve({ region: "cn-north-4", userAgent: "" }).userAgent).toBe(own);
  });

  it("reads at most 8 MiB of an answer unless told otherwise, and keeps the other defaults", () => {
    const got = resolve({ region: "cn-north-4" });
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(8_388_608);
    expect(got.maxResponseBytes).toBe(8_388_608);
    expect(got.maxRetries).toBe(2);
    expect(got.timeoutMs).toBe(30_000);
    expect(resolve({ region: "cn-north-4", maxResponseBytes: 1 }).maxResponseBytes).toBe(1);
  });
});

describe("levelFilteredLogger", () => {
  function recorder(): { logger: Logger; calls: [string, string, unknown][] } {
    const calls: [string, string, unknown][] = [];
    const at = (level: string) => (message: string, details?: Record<string, unknown>) => void calls.push([level, message, details]);
    return { logger: { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") }, calls };
  }
  const writeAll = (logger: Logger) => {
    logger.error("e", { n: 1 });
    logger.warn("w", { n: 2 });
    logger.info("i", { n: 3 });
    logger.debug("d", { n: 4 });
  };

  it("at debug passes every level through to the same method with its details", () => {
    const { logger, calls } = recorder();
    writeAll(levelFilteredLogger(logger, "debug"));
    expect(calls).toEqual([
      ["error", "e", { n: 1 }],
      ["warn", "w", { n: 2 }],
      ["info", "i", { n: 3 }],
      ["debug", "d", { n: 4 }],
    ]);
  });

  it.each([
    ["off", []],
    ["error", ["error"]],
    ["warn", ["error", "warn"]],
    ["info", ["error", "warn", "info"]],
  ] as const)("at %s writes only the levels %j", (level, written) => {
    const { logger, calls } = recorder();
    writeAll(levelFilteredLogger(logger, level));
    expect(calls.map(([l]) => l)).toEqual(written);
  });

  it("writes to console when no logger is given", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      levelFilteredLogger(undefined, "error").error("to the console", { a: 1 });
      expect(spy).toHaveBeenCalledWith("to the console", { a: 1 });
    } finally {
      spy.mockRestore();
    }
  });
});

describe("hideSecrets", () => {
  const strategy = () => hideSecrets({ kind: "token", secret: "s3cr3t", authenticate: async () => {} }, "token");

  it("shows only the kind through JSON.stringify, String() and util.inspect", () => {
    const s = strategy();
    expect(JSON.stringify(s)).toBe('{"kind":"token"}');
    expect(JSON.stringify({ auth: s })).toBe('{"auth":{"kind":"token"}}');
    expect(String(s)).toBe("[AuthStrategy token]");
    expect(inspect(s)).toBe("[AuthStrategy token]");
    expect(inspect({ auth: s })).not.toContain("s3cr3t");
  });

  it("adds no enumerable keys: Object.keys and spread copies see only the strategy's own fields", () => {
    const s = strategy();
    expect(Object.keys(s)).toEqual(["kind", "secret", "authenticate"]);
    const copy = { ...s };
    expect(Reflect.ownKeys(copy)).toEqual(["kind", "secret", "authenticate"]);
  });
});
