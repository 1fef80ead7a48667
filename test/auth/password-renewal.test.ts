/** passwordAuth's token cache driven directly: when it renews, and which 401 drops which token. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { passwordAuth } from "../../src/auth/password.js";
import { ValidationError } from "../../src/errors.js";
import type { AuthContext, AuthRequest } from "../../src/options.js";

afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 3_600_000;

/** A fetch that plays IAM: tokens T1, T2… issued now, valid `lifetimeMs`. */
function fakeIam(lifetimeMs = 24 * HOUR) {
  const calls: string[] = [];
  const fetch = (async (input: Request | string | URL) => {
    calls.push(String(input instanceof Request ? input.url : input));
    const now = Date.now();
    const body = { token: { issued_at: new Date(now).toISOString(), expires_at: new Date(now + lifetimeMs).toISOString(), methods: ["password"] } };
    return new Response(JSON.stringify(body), { status: 201, headers: { "content-type": "application/json", "x-subject-token": `T${calls.length}` } });
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

function setup(refreshBeforeMs?: number, lifetimeMs?: number) {
  const iam = fakeIam(lifetimeMs);
  const auth = passwordAuth({
    domainName: "acct",
    userName: "alice",
    password: "s3cret",
    projectName: "cn-north-4",
    iamEndpoint: "http://127.0.0.1:9",
    ...(refreshBeforeMs === undefined ? {} : { refreshBeforeMs }),
  });
  const noop = () => undefined;
  const context: AuthContext = { fetch: iam.fetch, projectId: "p1", signal: undefined, logger: { error: noop, warn: noop, info: noop, debug: noop } };
  const sign = async (): Promise<AuthRequest> => {
    const request = { method: "GET", url: new URL("https://dds.example.com/v3/p1/instances"), headers: new Headers(), body: undefined };
    await auth.authenticate(request, context);
    return request;
  };
  return { iam, auth, context, sign };
}

describe("passwordAuth's token cache", () => {
  it("drops only the token the 401 carried: a late 401 for an old token keeps the newer one", async () => {
    const { iam, auth, context, sign } = setup();
    const first = await sign();
    expect(first.headers.get("X-Auth-Token")).toBe("T1");
    expect(await auth.onUnauthorized?.(first, context)).toBe(true);
    const second = await sign();
    expect(second.headers.get("X-Auth-Token")).toBe("T2");
    // The first request's 401 arrives again (a concurrent call): T2 must survive it.
    expect(await auth.onUnauthorized?.(first, context)).toBe(true);
    expect((await sign()).headers.get("X-Auth-Token")).toBe("T2");
    expect(iam.calls).toHaveLength(2);
  });

  it("answers a 401 with nothing cached (before any token, or twice for one token) without failing", async () => {
    const { iam, auth, context, sign } = setup();
    const unsigned = { method: "GET", url: new URL("https://dds.example.com/"), headers: new Headers(), body: undefined };
    expect(await auth.onUnauthorized?.(unsigned, context)).toBe(true);
    const first = await sign();
    expect(await auth.onUnauthorized?.(first, context)).toBe(true);
    expect(await auth.onUnauthorized?.(first, context)).toBe(true);
    expect((await sign()).headers.get("X-Auth-Token")).toBe("T2");
    expect(iam.calls).toHaveLength(2);
  });

  it("renews exactly at the refresh time (lifetime less refreshBeforeMs), not a millisecond later", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.parse("2030-01-01T00:00:00Z");
    vi.setSystemTime(t0);
    const { iam, sign } = setup(10 * 60_000, HOUR);
    await sign();
    const refreshAt = t0 + HOUR - 10 * 60_000;
    vi.setSystemTime(refreshAt - 1);
    expect((await sign()).headers.get("X-Auth-Token")).toBe("T1");
    vi.setSystemTime(refreshAt);
    expect((await sign()).headers.get("X-Auth-Token")).toBe("T2");
    expect(iam.calls).toHaveLength(2);
  });

  it("reports IAM client option problems as passwordAuth's, under the names passwordAuth takes", () => {
    let err: unknown;
    try {
      passwordAuth({ domainName: "a", userName: "u", password: "p", projectName: "cn-north-4", iamEndpoint: "http://10.0.0.1", maxRetries: -1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/^passwordAuth: auth\.iamEndpoint /);
    expect((err as ValidationError).issues.map((i) => i.path)).toEqual(expect.arrayContaining(["auth.iamEndpoint", "auth.maxRetries"]));
  });
});
