import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { credentialsFromAnswer, credentialsStrategy, envVar, isNotConfigured, notConfigured, type ProvidedCredentials } from "../../src/auth/credentials.js";
import { AbortError, CredentialsError, TimeoutError, ValidationError } from "../../src/errors.js";
import type { AuthContext } from "../../src/options.js";
import { accessOf, loader, request } from "./credential-fixtures.js";

const warnings: string[] = [];
const logger = { error() {}, warn: (m: string) => void warnings.push(m), info() {}, debug() {} };
const context: AuthContext = { fetch: globalThis.fetch, projectId: undefined, signal: undefined, logger };
const MINUTE = 60_000;
const failure = async (p: Promise<unknown>) => (await p.catch((e: unknown) => e)) as Error;

beforeEach(() => {
  warnings.length = 0;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2030-01-01T00:00:00.000Z"));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("credentialsStrategy refreshBeforeMs", () => {
  it("refuses a negative, NaN or infinite margin with a ValidationError naming the option", () => {
    for (const refreshBeforeMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      let err: unknown;
      try {
        credentialsStrategy("test", loader(MINUTE).load, { refreshBeforeMs });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).message).toBe("test: refreshBeforeMs must be a finite number ≥ 0");
      expect((err as ValidationError).issues).toEqual([{ path: "refreshBeforeMs", keyword: "minimum", message: "must be a finite number ≥ 0" }]);
    }
  });

  it("accepts a margin of 0 and then uses the credentials until the moment they expire", async () => {
    const { load } = loader(60 * MINUTE);
    const auth = credentialsStrategy("test", load, { refreshBeforeMs: 0 });
    await auth.authenticate(request(), context);
    vi.advanceTimersByTime(60 * MINUTE - 1);
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("refreshes exactly refreshBeforeMs before expiry when that is under half the lifetime", async () => {
    const { load } = loader(60 * MINUTE);
    const auth = credentialsStrategy("test", load, { refreshBeforeMs: 10 * MINUTE });
    await auth.authenticate(request(), context);
    vi.advanceTimersByTime(50 * MINUTE - 1);
    const before = request();
    await auth.authenticate(before, context);
    expect(accessOf(before)).toBe("TMP1");
    vi.advanceTimersByTime(1);
    const at = request();
    await auth.authenticate(at, context);
    expect(accessOf(at)).toBe("TMP2");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("treats null options as the defaults", async () => {
    const { load } = loader(120 * MINUTE);
    const auth = credentialsStrategy("test", load, null as never);
    await auth.authenticate(request(), context);
    vi.advanceTimersByTime(80 * MINUTE - 1);
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe("credentialsStrategy failures", () => {
  it("stops keeping old credentials at the very millisecond they expire", async () => {
    const { load, state } = loader(60 * MINUTE);
    const auth = credentialsStrategy("test", load);
    await auth.authenticate(request(), context);
    state.fail = true;
    vi.advanceTimersByTime(60 * MINUTE);
    expect(await failure(auth.authenticate(request(), context))).toBeInstanceOf(TimeoutError);
    expect(warnings).toEqual([]);
  });

  it("doubles the backoff ceiling with each failed refresh in a row", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.9999);
    const { load, state } = loader(60 * MINUTE);
    const auth = credentialsStrategy("test", load);
    await auth.authenticate(request(), context);
    state.fail = true;
    vi.advanceTimersByTime(30 * MINUTE);
    await auth.authenticate(request(), context);
    vi.advanceTimersByTime(1000);
    await auth.authenticate(request(), context);
    vi.advanceTimersByTime(1999);
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(1);
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(4);
    expect(warnings.map((w) => /next try in (\d+) ms/.exec(w)?.[1])).toEqual(["1000", "2000", "4000"]);
  });

  it("wraps a loader's plain error in a CredentialsError naming the provider, keeping it as the cause", async () => {
    const cause = new Error("socket hang up");
    const auth = credentialsStrategy("test", async () => {
      throw cause;
    });
    const err = (await failure(auth.authenticate(request(), context))) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe("test credentials could not be loaded");
    expect(err.tried).toEqual([]);
    expect(err.cause).toBe(cause);
  });

  it("reports a loader answering nothing as unusable credentials, not a TypeError", async () => {
    const auth = credentialsStrategy("test", async () => null as unknown as ProvidedCredentials);
    const err = await failure(auth.describe());
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/^test supplied unusable credentials \(/);
  });

  it("refuses an expiry time that is no date", async () => {
    const auth = credentialsStrategy("test", async () => ({ accessKeyId: "AK", secretAccessKey: "secret-value-xxxxxxxx", expiresAt: "soon" }));
    const err = await failure(auth.authenticate(request(), context));
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe("test supplied credentials with an unreadable expiry time");
  });

  it("names the provider's credentials request when the caller's signal was already aborted", async () => {
    const { load } = loader(60 * MINUTE);
    const auth = credentialsStrategy("test", load);
    const err = await failure(auth.authenticate(request(), { ...context, signal: AbortSignal.abort() }));
    expect(err).toBeInstanceOf(AbortError);
    expect(err.message).toMatch(/^the test credentials request was aborted/);
    expect(load).not.toHaveBeenCalled();
  });
});

describe("credentialsStrategy onUnauthorized", () => {
  it("keeps the credentials on a 401 of a request that carried no AK/SK signature", async () => {
    const { load } = loader(60 * MINUTE);
    const auth = credentialsStrategy("test", load);
    expect(await auth.onUnauthorized?.(request(), context)).toBe(true);
    await auth.authenticate(request(), context);
    expect(await auth.onUnauthorized?.(request(), context)).toBe(true);
    const next = request();
    await auth.authenticate(next, context);
    expect(accessOf(next)).toBe("TMP1");
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe("isNotConfigured", () => {
  it("is true only for errors made by notConfigured", () => {
    expect(isNotConfigured(notConfigured("nothing here"))).toBe(true);
    expect(isNotConfigured(new CredentialsError("broken"))).toBe(false);
    expect(isNotConfigured(new Error("other"))).toBe(false);
    expect(isNotConfigured(null)).toBe(false);
    expect(isNotConfigured("nothing here")).toBe(false);
  });
});

describe("envVar", () => {
  it("reads the given environment, an empty value counting as unset", () => {
    expect(envVar("A", { A: "value" })).toBe("value");
    expect(envVar("A", { A: "" })).toBeUndefined();
    expect(envVar("A", {})).toBeUndefined();
  });

  it("finds nothing where there is no process (browsers, workerd without nodejs_compat)", () => {
    const saved = globalThis.process;
    let value: string | undefined = "not read";
    try {
      (globalThis as { process?: unknown }).process = undefined;
      value = envVar("PATH");
    } finally {
      globalThis.process = saved;
    }
    expect(value).toBeUndefined();
  });
});

describe("credentialsFromAnswer", () => {
  const at = "2030-01-01T06:00:00Z";
  const flat = { access: "A", secret: "S", securitytoken: "T", expires_at: at };
  it("reads the top level when credential or credentials is not an object", () => {
    const expected = { accessKeyId: "A", secretAccessKey: "S", securityToken: "T", expiresAt: at };
    expect(credentialsFromAnswer("x", { credential: "none", ...flat })).toEqual(expected);
    expect(credentialsFromAnswer("x", { credentials: "none", ...flat })).toEqual(expected);
  });
});
