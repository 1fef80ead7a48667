// metadataCredentials' options and switches: which endpoints, timeouts and token lifetimes it refuses (and with
// which issue), what counts as HUAWEICLOUD_SDK_METADATA_DISABLED, and null options read like none. No request
// leaves 127.0.0.1: the provider gets a stubbed fetch or the local metadata fake.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type MetadataCredentialsOptions, metadataCredentials, metadataDisabled } from "../../src/auth/metadata.js";
import { CredentialsError, ValidationError } from "../../src/errors.js";
import { credentialAnswer, metadataServers, send } from "./credential-fixtures.js";

const start = metadataServers();

beforeEach(() => {
  vi.stubEnv("HUAWEICLOUD_SDK_METADATA_DISABLED", "");
  vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", "");
});
afterEach(() => vi.unstubAllEnvs());

/** A metadata service as a fetch: a session token, then a valid securitykey answer; records the URLs asked. */
function stubService() {
  const urls: string[] = [];
  const fetch = (async (url: string | URL | Request) => {
    urls.push(String(url));
    return String(url).endsWith("/api/token") ? new Response("tok") : new Response(JSON.stringify(credentialAnswer(3_600_000)));
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

const ENDPOINT_ISSUE = { path: "endpoint", keyword: "format", message: "must be an http(s) URL without credentials, query or fragment" };
const TIMEOUT_ISSUE = { path: "timeoutMs", keyword: "maximum", message: "must be an integer from 1 to 60000" };
const TTL_ISSUE = { path: "tokenTtlSeconds", keyword: "maximum", message: "must be an integer from 1 to 21600" };

function refusal(options: MetadataCredentialsOptions): ValidationError {
  try {
    metadataCredentials(options);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return err as ValidationError;
  }
  return expect.unreachable(`accepted ${JSON.stringify(options)}`);
}

describe("metadataCredentials options", () => {
  it.each([
    ["an unparseable endpoint", "not a url"],
    ["a non-http scheme", "ftp://127.0.0.1"],
    ["a scheme merely ending in http", "xhttp://127.0.0.1"],
    ["a user name", "http://user@127.0.0.1"],
    ["a password alone", "http://:pw@127.0.0.1"],
    ["a query", "http://127.0.0.1/?a=1"],
    ["a fragment", "http://127.0.0.1/#top"],
  ])("refuses %s with one endpoint issue, naming metadataCredentials", (_what, endpoint) => {
    const err = refusal({ endpoint });
    expect(err.issues).toEqual([ENDPOINT_ISSUE]);
    expect(err.message).toBe(`metadataCredentials: endpoint ${ENDPOINT_ISSUE.message}`);
  });

  it.each(["http://127.0.0.1:1", "https://127.0.0.1/proxy/"])("accepts the endpoint %s", (endpoint) => {
    expect(() => metadataCredentials({ endpoint })).not.toThrow();
  });

  it.each([0, -1, 1.5, 60_001, Number.NaN])("refuses the timeout %s ms with one timeoutMs issue", (timeoutMs) => {
    const err = refusal({ endpoint: "http://127.0.0.1:1", timeoutMs });
    expect(err.issues).toEqual([TIMEOUT_ISSUE]);
    expect(err.message).toBe(`metadataCredentials: timeoutMs ${TIMEOUT_ISSUE.message}`);
  });

  it.each([1, 60_000])("accepts the timeout %s ms", (timeoutMs) => {
    expect(() => metadataCredentials({ endpoint: "http://127.0.0.1:1", timeoutMs })).not.toThrow();
  });

  it.each([0, -1, 1.5, 21_601])("refuses the session token lifetime %s s with one tokenTtlSeconds issue", (tokenTtlSeconds) => {
    const err = refusal({ endpoint: "http://127.0.0.1:1", tokenTtlSeconds });
    expect(err.issues).toEqual([TTL_ISSUE]);
    expect(err.message).toBe(`metadataCredentials: tokenTtlSeconds ${TTL_ISSUE.message}`);
  });

  it.each([1, 21_600])("accepts the session token lifetime %s s", (tokenTtlSeconds) => {
    expect(() => metadataCredentials({ endpoint: "http://127.0.0.1:1", tokenTtlSeconds })).not.toThrow();
  });

  it("lists every bad option in one error, in option order", () => {
    const err = refusal({ endpoint: "ftp://x", timeoutMs: 0, tokenTtlSeconds: 0 });
    expect(err.issues).toEqual([ENDPOINT_ISSUE, TIMEOUT_ISSUE, TTL_ISSUE]);
  });

  it("asks the tokenTtlSeconds given as X-Metadata-Token-Ttl-Seconds", async () => {
    const server = await start((_req, res) => send(res, 200, credentialAnswer(3_600_000)));
    await metadataCredentials({ endpoint: server.url, tokenTtlSeconds: 1 }).describe();
    expect(server.requests[0]?.headers["x-metadata-token-ttl-seconds"]).toBe("1");
  });

  it("takes null options as none: endpoint from HUAWEICLOUD_SDK_METADATA_ENDPOINT, the context's fetch", async () => {
    const server = await start((_req, res) => send(res, 200, credentialAnswer(3_600_000)));
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", server.url);
    const auth = metadataCredentials(null as unknown as MetadataCredentialsOptions);
    await expect(auth.describe()).resolves.toMatchObject({ provider: "metadata" });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["PUT /meta-data/latest/api/token", "GET /openstack/latest/securitykey"]);
  });

  it("with null options is still turned off by HUAWEICLOUD_SDK_METADATA_DISABLED in process.env", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", "http://127.0.0.1:1");
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_DISABLED", "1");
    const err = await metadataCredentials(null as unknown as MetadataCredentialsOptions)
      .describe()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect((err as Error).message).toBe("metadata: turned off by HUAWEICLOUD_SDK_METADATA_DISABLED");
  });
});

describe("HUAWEICLOUD_SDK_METADATA_DISABLED", () => {
  it.each(["true", "TRUE", "True", "1"])("%s turns the provider off", (value) => {
    expect(metadataDisabled({ HUAWEICLOUD_SDK_METADATA_DISABLED: value })).toBe(true);
  });

  it.each(["", "0", "false", "xtrue", "truex", "01", "10", "yes"])("%j leaves it on", (value) => {
    expect(metadataDisabled({ HUAWEICLOUD_SDK_METADATA_DISABLED: value })).toBe(false);
  });

  it("is off when the variable is unset", () => {
    expect(metadataDisabled({})).toBe(false);
  });

  it.each(["xtrue", "truex", "10", "01"])("set to %j in the env option still lets the provider load", async (value) => {
    const { fetch, urls } = stubService();
    const env = { HUAWEICLOUD_SDK_METADATA_DISABLED: value };
    await expect(metadataCredentials({ endpoint: "http://127.0.0.1:1", fetch, env }).describe()).resolves.toMatchObject({ provider: "metadata" });
    expect(urls).toHaveLength(2);
  });

  it("set to true in the env option turns it off, whatever process.env says", async () => {
    const { fetch, urls } = stubService();
    const env = { HUAWEICLOUD_SDK_METADATA_DISABLED: "true" };
    await expect(metadataCredentials({ endpoint: "http://127.0.0.1:1", fetch, env }).describe()).rejects.toThrow(/turned off/);
    expect(urls).toHaveLength(0);
  });
});
