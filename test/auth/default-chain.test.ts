import net from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultCredentials } from "../../src/auth/default-chain.js";
import { CredentialsError } from "../../src/errors.js";
import { createDdsClient } from "../../src/services/dds.js";
import { scriptedServers } from "../helpers/scripted-server.js";
import { credentialAnswer, metadataServers, send, SECRET } from "./credential-fixtures.js";

const CHAIN_ENV = [
  "HUAWEICLOUD_SDK_AK",
  "HUAWEICLOUD_SDK_SK",
  "HUAWEICLOUD_SDK_SECURITY_TOKEN",
  "HUAWEICLOUD_SDK_PROJECT_ID",
  "HUAWEICLOUD_SDK_IDP_ID",
  "HUAWEICLOUD_SDK_ID_TOKEN_FILE",
  "HC_CONTAINER_CREDENTIALS_FULL_URI",
  "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE",
  "HUAWEICLOUD_SDK_METADATA_DISABLED",
  "HUAWEICLOUD_SDK_METADATA_ENDPOINT",
  "HUAWEICLOUD_SDK_IAM_ENDPOINT",
];
const start = metadataServers();
const startPlain = scriptedServers();
let dir: string;

beforeEach(() => {
  for (const name of CHAIN_ENV) vi.stubEnv(name, "");
  dir = mkdtempSync(join(tmpdir(), "hwgw-chain-"));
  vi.stubEnv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", join(dir, "absent"));
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe("defaultCredentials", () => {
  it("takes the environment first", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_AK", "ENVAK");
    vi.stubEnv("HUAWEICLOUD_SDK_SK", SECRET);
    writeFileSync(join(dir, "absent"), `[basic]\nak = PROFILEAK\nsk = ${SECRET}\n`);
    expect((await defaultCredentials().describe()).provider).toBe("environment");
  });

  it("then the profile file, then the metadata service", async () => {
    writeFileSync(join(dir, "absent"), `[basic]\nak = PROFILEAK\nsk = ${SECRET}\nproject_id = p-9\n`);
    expect(await defaultCredentials().describe()).toMatchObject({ provider: "profile", projectId: "p-9" });
    rmSync(join(dir, "absent"));
    const server = await start((_req, res) => send(res, 200, credentialAnswer(3_600_000)));
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", server.url);
    expect((await defaultCredentials().describe()).provider).toBe("metadata");
  });

  it("then pod identity, the metadata service being down", async () => {
    const down = await start(() => {});
    const downUrl = down.url;
    await down.close();
    const agent = await startPlain((req, res) =>
      req.headers.authorization === "pod-token" ? send(res, 200, credentialAnswer(3_600_000)) : send(res, 401, "no"),
    );
    writeFileSync(join(dir, "pod-token"), "pod-token\n");
    vi.stubEnv("HC_CONTAINER_CREDENTIALS_FULL_URI", `${agent.url}/v1/credentials`);
    vi.stubEnv("HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", join(dir, "pod-token"));
    const auth = defaultCredentials({ metadata: { endpoint: downUrl, timeoutMs: 200 } });
    expect((await auth.describe()).provider).toBe("podIdentity");
    expect(agent.requests[0]).toMatchObject({ method: "POST", url: "/v1/credentials", body: "{}" });
  });

  it("names every provider tried and why each gave nothing", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_DISABLED", "true");
    const err = (await defaultCredentials()
      .describe()
      .catch((e: unknown) => e)) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.tried).toEqual([
      { provider: "environment", reason: "neither HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK nor HUAWEICLOUD_SDK_IDP_ID/HUAWEICLOUD_SDK_ID_TOKEN_FILE is set" },
      { provider: "profile", reason: `no credentials file at ${join(dir, "absent")}` },
      { provider: "metadata", reason: "turned off by HUAWEICLOUD_SDK_METADATA_DISABLED" },
      { provider: "podIdentity", reason: "HC_CONTAINER_CREDENTIALS_FULL_URI and HC_CONTAINER_AUTHORIZATION_TOKEN_FILE must both be set" },
    ]);
    expect(err.message).toMatch(/^no credentials found by the default chain: environment: neither /);
  });

  it("stops at a provider that is configured but broken, without a secret, asking no later one", async () => {
    const server = await start((_req, res) => send(res, 200, credentialAnswer(3_600_000)));
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", server.url);
    vi.stubEnv("HUAWEICLOUD_SDK_SK", SECRET);
    const half = (await defaultCredentials()
      .describe()
      .catch((e: unknown) => e)) as CredentialsError;
    expect(half.message).toBe("the environment provider is configured but failed: environment: HUAWEICLOUD_SDK_SK is set but HUAWEICLOUD_SDK_AK is not");
    expect(inspect(half) + JSON.stringify(half)).not.toContain(SECRET);
    vi.stubEnv("HUAWEICLOUD_SDK_SK", "");
    writeFileSync(join(dir, "absent"), `[basic]\nak = A\nsk ${SECRET}\n`);
    const malformed = (await defaultCredentials()
      .describe()
      .catch((e: unknown) => e)) as CredentialsError;
    expect(malformed.tried.map((t) => t.provider)).toEqual(["environment", "profile"]);
    expect(malformed.message).toContain(`profile: ${join(dir, "absent")}:3: expected [section], key = value, or a # comment`);
    expect(inspect(malformed)).not.toContain(SECRET);
    expect(server.requests).toHaveLength(0);
  });

  it("walks the chain once for concurrent first calls, and sticks to the provider found", async () => {
    const server = await start((_req, res) => send(res, 200, credentialAnswer(3_600_000)));
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", server.url);
    const auth = defaultCredentials();
    await Promise.all(Array.from({ length: 5 }, () => auth.describe()));
    expect(server.requests).toHaveLength(2);
    vi.stubEnv("HUAWEICLOUD_SDK_AK", "LATEAK");
    vi.stubEnv("HUAWEICLOUD_SDK_SK", SECRET);
    expect((await auth.describe()).provider).toBe("metadata");
  });

  it("with HUAWEICLOUD_SDK_METADATA_DISABLED set, a client without auth opens no connection to 169.254.169.254", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_DISABLED", "true");
    const urls: string[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return new Response("{}", { status: 500 });
    };
    // Both the fetch the SDK is given and every TCP connection of this process are watched.
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    const dds = createDdsClient({ projectId: "p", region: "cn-north-4", fetch, logLevel: "off" });
    const err = await dds.listInstances().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect((err as CredentialsError).tried.map((t) => t.provider)).toEqual(["environment", "profile", "metadata", "podIdentity"]);
    expect(urls).toEqual([]);
    expect(connect).not.toHaveBeenCalled();
    // The watch works: a real request is seen by it.
    const server = await startPlain((_req, res) => send(res, 200, {}));
    await globalThis.fetch(server.url);
    expect(connect).toHaveBeenCalled();
  });
});
