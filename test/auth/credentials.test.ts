import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { credentialsFromAnswer, credentialsStrategy } from "../../src/auth/credentials.js";
import { CredentialsError, TimeoutError } from "../../src/errors.js";
import type { AuthContext } from "../../src/options.js";
import { accessOf, loader, request } from "./credential-fixtures.js";

const warnings: string[] = [];
const logger = { error() {}, warn: (m: string) => void warnings.push(m), info() {}, debug() {} };
const context: AuthContext = { fetch: globalThis.fetch, projectId: undefined, signal: undefined, logger };
const MINUTE = 60_000;

beforeEach(() => {
  warnings.length = 0;
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterEach(() => vi.useRealTimers());

describe("credentialsStrategy (the cache behind every provider)", () => {
  it("shares one load among concurrent first calls", async () => {
    const { load } = loader(60 * MINUTE);
    const auth = credentialsStrategy("test", load);
    const requests = Array.from({ length: 10 }, request);
    await Promise.all(requests.map((r) => auth.authenticate(r, context)));
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(requests.map(accessOf))).toEqual(new Set(["TMP1"]));
  });

  it("refreshes 40 minutes before expiry by default, once for concurrent calls", async () => {
    const { load } = loader(120 * MINUTE);
    const auth = credentialsStrategy("test", load);
    await auth.authenticate(request(), context);
    vi.advanceTimersByTime(79 * MINUTE);
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2 * MINUTE); // 81 min: inside the 40 min margin
    const requests = Array.from({ length: 5 }, request);
    await Promise.all(requests.map((r) => auth.authenticate(r, context)));
    expect(load).toHaveBeenCalledTimes(2);
    expect(requests.map(accessOf)).toEqual(["TMP2", "TMP2", "TMP2", "TMP2", "TMP2"]);
  });

  it("caps the margin at half the lifetime of short-lived credentials", async () => {
    const { load } = loader(10 * MINUTE);
    const auth = credentialsStrategy("test", load);
    await auth.authenticate(request(), context);
    vi.advanceTimersByTime(4 * MINUTE);
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2 * MINUTE);
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("keeps the old credentials while a failed refresh is retried with backoff, then fails once they expired", async () => {
    const { load, state } = loader(60 * MINUTE);
    const auth = credentialsStrategy("test", load);
    await auth.authenticate(request(), context);
    vi.advanceTimersByTime(31 * MINUTE);
    state.fail = true;
    const r = request();
    await auth.authenticate(r, context);
    expect(accessOf(r)).toBe("TMP1");
    expect(warnings[0]).toMatch(/^test credentials: refresh failed \(TimeoutError\); old ones kept, next try in \d+ ms$/);
    // Within the backoff nothing is loaded again.
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(61_000);
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(30 * MINUTE); // past expiry
    await expect(auth.authenticate(request(), context)).rejects.toBeInstanceOf(TimeoutError);
    state.fail = false;
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(5);
  });

  it("on a 401 drops the temporary credentials the request carried, so the resend loads new ones", async () => {
    const { load } = loader(60 * MINUTE);
    const auth = credentialsStrategy("test", load);
    const first = request();
    await auth.authenticate(first, context);
    expect(await auth.onUnauthorized?.(first, context)).toBe(true);
    const again = request();
    await auth.authenticate(again, context);
    expect(accessOf(again)).toBe("TMP2");
    // A 401 of a request sent with keys already replaced drops nothing.
    expect(await auth.onUnauthorized?.(first, context)).toBe(true);
    await auth.authenticate(request(), context);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("treats a 401 as final for long-lived keys", async () => {
    const auth = credentialsStrategy("test", async () => ({ accessKeyId: "AK", secretAccessKey: "long-lived-secret" }));
    const r = request();
    await auth.authenticate(r, context);
    expect(await auth.onUnauthorized?.(r, context)).toBe(false);
  });

  it("refuses unusable keys naming the field, not the value", async () => {
    const auth = credentialsStrategy("test", async () => ({ accessKeyId: "A K", secretAccessKey: "secret\nwith-newline" }));
    const err = (await auth.authenticate(request(), context).catch((e: unknown) => e)) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe("test supplied unusable credentials (auth.accessKeyId, auth.secretAccessKey)");
    expect(inspect(err)).not.toContain("secret\nwith");
  });

  it("reads the official answer shapes", () => {
    const at = "2030-01-01T00:00:00.000000Z";
    expect(credentialsFromAnswer("x", { credentials: { accessKeyId: "A", secretAccessKey: "S", securityToken: "T", expiration: at } })).toEqual({
      accessKeyId: "A",
      secretAccessKey: "S",
      securityToken: "T",
      expiresAt: at,
    });
    expect(() => credentialsFromAnswer("x", null)).toThrow("x answered without access, secret, securitytoken, expires_at");
  });

  it("reads an answer's JSON text only when told it is text: a parsed answer that is a string is not decoded again", () => {
    const answer = { credential: { access: "A", secret: "S", securitytoken: "T", expires_at: "2030-01-01T00:00:00Z" } };
    expect(credentialsFromAnswer("x", JSON.stringify(answer), true)).toMatchObject({ accessKeyId: "A", securityToken: "T" });
    expect(() => credentialsFromAnswer("x", "{not json", true)).toThrow("x answered a body that is not JSON");
    expect(() => credentialsFromAnswer("x", JSON.stringify(answer))).toThrow("x answered without access, secret, securitytoken, expires_at");
  });
});
