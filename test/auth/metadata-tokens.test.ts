// metadataCredentials' session token and securitykey answers, with the metadata service as a stubbed fetch (no
// network): which token answers mean "ask without a token", which fail, when a token is reused, and how a failed or
// unreadable securitykey answer is reported.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { metadataCredentials } from "../../src/auth/metadata.js";
import { CredentialsError } from "../../src/errors.js";
import { credentialAnswer } from "./credential-fixtures.js";

const ENDPOINT = "http://127.0.0.1:1";

beforeEach(() => {
  vi.stubEnv("HUAWEICLOUD_SDK_METADATA_DISABLED", "");
  vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", "");
});
afterEach(() => vi.unstubAllEnvs());

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** A metadata service as a fetch: `token` and `key` answer the n-th session token and securitykey request. */
function service(token: (n: number) => Response, key: (n: number) => Response = () => Response.json(credentialAnswer(3_600_000))) {
  const calls: Call[] = [];
  let tokens = 0;
  let keys = 0;
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const call = { method: init?.method ?? "GET", url: String(url), headers: { ...(init?.headers as Record<string, string>) } };
    calls.push(call);
    return call.url === `${ENDPOINT}/meta-data/latest/api/token` ? token(++tokens) : key(++keys);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("should have failed"),
    (e: unknown) => e as Error,
  );

describe("metadata session token", () => {
  it.each([404, 405, 503])("asks the securitykey without a token when the token request answers %i (with a body)", async (status) => {
    const { fetch, calls } = service(() => new Response("no tokens here", { status }));
    await expect(metadataCredentials({ endpoint: ENDPOINT, fetch }).describe()).resolves.toMatchObject({ provider: "metadata" });
    expect(calls.map((c) => c.method)).toEqual(["PUT", "GET"]);
    expect(calls[1]?.headers).toEqual({});
  });

  it.each([400, 500])("fails when the token request answers %i", async (status) => {
    const { fetch, calls } = service(() => new Response("nope", { status }));
    const err = await failure(metadataCredentials({ endpoint: ENDPOINT, fetch }).describe());
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe(`metadata: session token request answered ${status}`);
    expect(calls).toHaveLength(1);
  });

  it("fails when the token request answers 200 with an empty body", async () => {
    const { fetch, calls } = service(() => new Response("", { status: 200 }));
    const err = await failure(metadataCredentials({ endpoint: ENDPOINT, fetch }).describe());
    expect(err.message).toBe("metadata: session token request answered 200");
    expect(calls).toHaveLength(1);
  });

  it("sends the session token without the whitespace around it", async () => {
    const { fetch, calls } = service((n) => new Response(`\n session-${n}\t\n`));
    await metadataCredentials({ endpoint: ENDPOINT, fetch }).describe();
    expect(calls[1]?.headers).toEqual({ "X-Metadata-Token": "session-1" });
  });

  it("reuses the session token for the next securitykey request instead of asking for a new one", async () => {
    // Already expired: every describe() loads the credentials again.
    const { fetch, calls } = service(
      (n) => new Response(`session-${n}`),
      () => Response.json(credentialAnswer(-60_000)),
    );
    const auth = metadataCredentials({ endpoint: ENDPOINT, fetch });
    await auth.describe();
    await auth.describe();
    expect(calls.map((c) => c.headers["X-Metadata-Token"] ?? c.method)).toEqual(["PUT", "session-1", "session-1"]);
  });

  it("asks for a token again on the next load when the service had none to give", async () => {
    const { fetch, calls } = service(
      () => new Response("", { status: 404 }),
      () => Response.json(credentialAnswer(-60_000)),
    );
    const auth = metadataCredentials({ endpoint: ENDPOINT, fetch });
    await auth.describe();
    await auth.describe();
    expect(calls.map((c) => c.method)).toEqual(["PUT", "GET", "PUT", "GET"]);
  });

  it("drops trailing slashes of the endpoint before adding the paths", async () => {
    const { fetch, calls } = service(() => new Response("tok"));
    await metadataCredentials({ endpoint: `${ENDPOINT}//`, fetch }).describe();
    expect(calls.map((c) => c.url)).toEqual([`${ENDPOINT}/meta-data/latest/api/token`, `${ENDPOINT}/openstack/latest/securitykey`]);
  });
});

describe("metadata securitykey answers", () => {
  it("reports a failed securitykey answer by its status alone when the service says nothing of an agency", async () => {
    const { fetch } = service(
      () => new Response("tok"),
      () => new Response("internal error", { status: 500 }),
    );
    const err = await failure(metadataCredentials({ endpoint: ENDPOINT, fetch }).describe());
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe("metadata: securitykey answered 500");
  });

  it("refuses a securitykey answer that is not JSON, saying so", async () => {
    const { fetch } = service(
      () => new Response("tok"),
      () => new Response("<html>captive portal</html>"),
    );
    const err = await failure(metadataCredentials({ endpoint: ENDPOINT, fetch }).describe());
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe("metadata answered a body that is not JSON");
  });
});
