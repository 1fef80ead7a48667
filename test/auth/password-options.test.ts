/**
 * passwordAuth's own checks, exactly: each option problem with its path, keyword and message, what it accepts at
 * the edges, an already-aborted caller, and what the strategy shows of itself. (Found by Stryker: the behaviour
 * tests in password.test.ts checked paths only.)
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { passwordAuth, type PasswordAuthOptions } from "../../src/auth/password.js";
import { AbortError, ValidationError, type ValidationIssue } from "../../src/errors.js";
import type { AuthContext, AuthRequest } from "../../src/options.js";

const base: PasswordAuthOptions = { domainName: "acct", userName: "alice", password: "s3cret", projectName: "cn-north-4", region: "cn-north-4" };

function refusal(options: unknown): ValidationError {
  try {
    passwordAuth(options as PasswordAuthOptions);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("accepted");
}
const issues = (options: unknown): ValidationIssue[] => [...refusal(options).issues];

describe("passwordAuth options", () => {
  it("names every problem with keyword and message, titled passwordAuth", () => {
    const e = refusal({ domainName: "", userName: 7, refreshBeforeMs: -1 });
    expect(e.issues).toEqual([
      { path: "auth.domainName", keyword: "minLength", message: "must be a non-empty string" },
      { path: "auth.userName", keyword: "minLength", message: "must be a non-empty string" },
      { path: "auth.password", keyword: "minLength", message: "must be a non-empty string" },
      { path: "auth.projectId", keyword: "oneOf", message: "give exactly one of projectId or projectName" },
      { path: "auth.iamEndpoint", keyword: "oneOf", message: "give exactly one of iamEndpoint or region" },
      { path: "auth.refreshBeforeMs", keyword: "minimum", message: "must be a finite number ≥ 0" },
    ]);
    expect(e.message).toMatch(/^passwordAuth: auth\.domainName must be a non-empty string; /);
  });

  it("wants exactly one of iamEndpoint or region", () => {
    expect(issues({ ...base, region: undefined }).map((i) => i.path)).toEqual(["auth.iamEndpoint"]);
    expect(issues({ ...base, iamEndpoint: "https://iam.cn-north-4.myhuaweicloud.com" }).map((i) => i.path)).toEqual(["auth.iamEndpoint"]);
  });

  it("refreshBeforeMs: 0 and more are fine, negative or non-finite are not", () => {
    expect(() => passwordAuth({ ...base, refreshBeforeMs: 0 })).not.toThrow();
    expect(() => passwordAuth({ ...base, refreshBeforeMs: 60_000 })).not.toThrow();
    for (const refreshBeforeMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(issues({ ...base, refreshBeforeMs }).map((i) => i.path)).toEqual(["auth.refreshBeforeMs"]);
    }
  });

  it("credentials go in a JSON body, not a header: any non-empty text is accepted", () => {
    expect(() => passwordAuth({ ...base, domainName: "ä\tb", userName: "名前", password: "p\nw" })).not.toThrow();
  });

  it("an already-aborted caller gets an AbortError and no token request", async () => {
    const auth = passwordAuth(base);
    const controller = new AbortController();
    controller.abort(new Error("caller left"));
    let fetched = 0;
    const context: AuthContext = {
      fetch: (async () => {
        fetched++;
        throw new Error("no request expected");
      }) as typeof fetch,
      projectId: undefined,
      signal: controller.signal,
      logger: { error() {}, warn() {}, info() {}, debug() {} },
    };
    const request = { headers: new Headers() } as AuthRequest;
    const err = await auth.authenticate(request, context).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).message).toBe("the token request was aborted: caller left");
    expect(fetched).toBe(0);
    expect(request.headers.get("X-Auth-Token")).toBeNull();
  });

  it("shows only its kind", () => {
    const auth = passwordAuth(base);
    expect(auth.kind).toBe("password");
    expect(inspect(auth)).toBe("[AuthStrategy password]");
    expect(JSON.stringify(auth)).toBe('{"kind":"password"}');
    expect(String(auth)).not.toContain("s3cret");
  });
});
