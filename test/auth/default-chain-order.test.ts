import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultCredentials } from "../../src/auth/default-chain.js";
import { AbortError, CredentialsError, ValidationError } from "../../src/errors.js";
import type { Logger } from "../../src/options.js";
import { credentialAnswer, metadataServers, send, SECRET } from "./credential-fixtures.js";

/** Nothing listens there: a provider wrongly sent to it fails at once, on this machine. */
const NOWHERE = "http://127.0.0.1:9";
const PROCESS_ENV = [
  "HUAWEICLOUD_SDK_AK",
  "HUAWEICLOUD_SDK_SK",
  "HUAWEICLOUD_SDK_SECURITY_TOKEN",
  "HUAWEICLOUD_SDK_PROJECT_ID",
  "HUAWEICLOUD_SDK_DOMAIN_ID",
  "HUAWEICLOUD_SDK_IDP_ID",
  "HUAWEICLOUD_SDK_ID_TOKEN_FILE",
  "HUAWEICLOUD_SDK_IAM_ENDPOINT",
  "HC_CONTAINER_CREDENTIALS_FULL_URI",
  "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];
const start = metadataServers();
let dir: string;

beforeEach(() => {
  // process.env holds nothing usable: a provider that wrongly reads it instead of the given env finds nothing,
  // and its metadata provider stays off and pointed at this machine.
  for (const name of PROCESS_ENV) vi.stubEnv(name, "");
  vi.stubEnv("HUAWEICLOUD_SDK_METADATA_DISABLED", "true");
  vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", NOWHERE);
  dir = mkdtempSync(join(tmpdir(), "hwgw-chain-order-"));
  vi.stubEnv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", join(dir, "absent"));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const failure = (promise: Promise<unknown>) => promise.catch((e: unknown) => e) as Promise<CredentialsError>;
const keys = { HUAWEICLOUD_SDK_AK: "CHAINAK", HUAWEICLOUD_SDK_SK: SECRET };

/** A fetch answering as the metadata service does, counting its calls. */
function metadataFetch() {
  const urls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    const url = String(input instanceof Request ? input.url : input);
    urls.push(url);
    if (url.endsWith("/meta-data/latest/api/token")) return new Response("session-x", { status: 200 });
    return new Response(JSON.stringify(credentialAnswer(3_600_000)), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { fetch, urls };
}

describe("defaultCredentials options and order", () => {
  it("hands its env to every provider", async () => {
    const auth = defaultCredentials({ env: { ...keys, HUAWEICLOUD_SDK_PROJECT_ID: "p-given-env" }, metadata: false });
    expect(await auth.describe()).toMatchObject({ provider: "environment", projectId: "p-given-env" });
  });

  it("hands its refreshBeforeMs to the providers, which refuse a negative one", async () => {
    const err = await failure(defaultCredentials({ env: keys, metadata: false, refreshBeforeMs: -1 }).describe());
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as unknown as ValidationError).issues.map((i) => i.path)).toEqual(["refreshBeforeMs"]);
  });

  it("without a refreshBeforeMs of its own, keeps one slipped into a provider's options (untyped JS)", async () => {
    const metadata = { endpoint: NOWHERE, refreshBeforeMs: -1 } as never;
    const err = await failure(defaultCredentials({ env: {}, metadata }).describe());
    expect(err).toBeInstanceOf(ValidationError);
  });

  it("takes null options as none, reading process.env", async () => {
    const auth = defaultCredentials(null as never);
    const err = await failure(auth.describe());
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.tried.map((t) => `${t.provider}: ${t.reason}`)).toEqual([
      "environment: neither HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK nor HUAWEICLOUD_SDK_IDP_ID/HUAWEICLOUD_SDK_ID_TOKEN_FILE is set",
      `profile: no credentials file at ${join(dir, "absent")}`,
      "metadata: turned off by HUAWEICLOUD_SDK_METADATA_DISABLED",
      "podIdentity: HC_CONTAINER_CREDENTIALS_FULL_URI and HC_CONTAINER_AUTHORIZATION_TOKEN_FILE must both be set",
    ]);
  });

  it("hands the profile options to the profile provider", async () => {
    const path = join(dir, "credentials");
    writeFileSync(path, `[basic]\nak = PROFILEAK\nsk = ${SECRET}\nproject_id = p-profile\n`);
    const auth = defaultCredentials({ env: {}, profile: { path }, metadata: false });
    expect(await auth.describe()).toMatchObject({ provider: "profile", projectId: "p-profile" });
  });

  it("with metadata: false asks no metadata service, even one its env names, and says so", async () => {
    const server = await start((_req, res) => send(res, 200, credentialAnswer(3_600_000)));
    const err = await failure(defaultCredentials({ env: { HUAWEICLOUD_SDK_METADATA_ENDPOINT: server.url }, metadata: false }).describe());
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.tried.find((t) => t.provider === "metadata")).toEqual({ provider: "metadata", reason: "left out (metadata: false)" });
    expect(server.requests).toHaveLength(0);
  });

  it("hands the metadata options to the metadata provider", async () => {
    const server = await start((_req, res) => send(res, 200, credentialAnswer(3_600_000)));
    expect((await defaultCredentials({ env: {}, metadata: { endpoint: server.url } }).describe()).provider).toBe("metadata");
    expect(server.requests.map((r) => r.url)).toEqual(["/meta-data/latest/api/token", "/openstack/latest/securitykey"]);
  });

  it("hands the pod identity options to the pod identity provider", async () => {
    const tokenFile = join(dir, "pod-token");
    writeFileSync(tokenFile, "pod-token\n");
    const calls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return new Response(JSON.stringify(credentialAnswer(3_600_000)), { status: 200 });
    };
    const env = { HC_CONTAINER_CREDENTIALS_FULL_URI: `${NOWHERE}/v1/credentials`, HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile };
    expect((await defaultCredentials({ env, metadata: false, podIdentity: { fetch } }).describe()).provider).toBe("podIdentity");
    expect(calls).toEqual([`${NOWHERE}/v1/credentials`]);
  });

  it("asks each provider with the call's fetch and logs which one answered", async () => {
    const { fetch, urls } = metadataFetch();
    const debug: string[] = [];
    const logger: Logger = { error() {}, warn() {}, info() {}, debug: (m) => void debug.push(m) };
    const auth = defaultCredentials({ env: {}, metadata: { endpoint: NOWHERE } });
    expect((await auth.describe({ fetch, logger })).provider).toBe("metadata");
    expect(urls).toEqual([`${NOWHERE}/meta-data/latest/api/token`, `${NOWHERE}/openstack/latest/securitykey`]);
    expect(debug).toContain("credentials from the metadata provider");
  });

  it("lets a provider's AbortError through as it is, not as a broken provider", async () => {
    const aborted = new AbortError("the metadata request was stopped");
    const fetch: typeof globalThis.fetch = async () => {
      throw aborted;
    };
    const err = await failure(defaultCredentials({ env: {}, metadata: { endpoint: NOWHERE, fetch } }).describe());
    expect(err).toBe(aborted);
  });

  it("keeps a reason that does not start with the provider's name whole, the provider's error as the cause", async () => {
    const err = await failure(defaultCredentials({ env: { HUAWEICLOUD_SDK_AK: "AK", HUAWEICLOUD_SDK_SK: `${SECRET}\n` }, metadata: false }).describe());
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.tried).toEqual([{ provider: "environment", reason: "environment supplied unusable credentials (auth.secretAccessKey)" }]);
    expect(err.cause).toBeInstanceOf(CredentialsError);
    expect((err.cause as Error).message).toBe("environment supplied unusable credentials (auth.secretAccessKey)");
  });

  it("names the default chain when a caller gives up waiting for it", async () => {
    const err = await failure(defaultCredentials({ env: keys, metadata: false }).describe({ signal: AbortSignal.abort() }));
    expect(err).toBeInstanceOf(AbortError);
    expect(err.message).toMatch(/^the default credential chain was aborted/);
  });

  it("shows itself as the default strategy, never its provider's keys", async () => {
    const auth = defaultCredentials({ env: keys, metadata: false });
    await auth.describe();
    expect(auth.kind).toBe("default");
    expect(String(auth)).toBe("[AuthStrategy default]");
    expect(inspect(auth)).toBe("[AuthStrategy default]");
    expect(JSON.stringify(auth)).toBe('{"kind":"default"}');
  });

  it("passes a 401 on to the provider found: final for long-lived environment keys", async () => {
    const auth = defaultCredentials({ env: keys, metadata: false });
    const request = { method: "GET", url: new URL(`${NOWHERE}/x`), headers: new Headers(), body: undefined };
    const context = { fetch: globalThis.fetch, projectId: undefined, signal: undefined, logger: { error() {}, warn() {}, info() {}, debug() {} } };
    await auth.authenticate(request, context);
    expect(request.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=CHAINAK,/);
    expect(await auth.onUnauthorized?.(request, context)).toBe(false);
  });
});
