import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { metadataCredentials } from "../../src/auth/metadata.js";
import { AbortError, CredentialsError, ValidationError } from "../../src/errors.js";
import type { AuthContext } from "../../src/options.js";
import { credentialAnswer, metadataServers, send, SECRET, SECURITY_TOKEN } from "./credential-fixtures.js";

const start = metadataServers();
const logs: string[] = [];
const logger = {
  error: (m: string) => void logs.push(m),
  warn: (m: string) => void logs.push(m),
  info: (m: string) => void logs.push(m),
  debug: (m: string) => void logs.push(m),
};
const context = (extra: Partial<AuthContext> = {}): AuthContext => ({ fetch: globalThis.fetch, projectId: "p1", signal: undefined, logger, ...extra });
const request = () => ({ method: "GET", url: new URL("http://127.0.0.1/v2/p1/x"), headers: new Headers(), body: undefined });

beforeEach(() => {
  logs.length = 0;
  vi.stubEnv("HUAWEICLOUD_SDK_METADATA_DISABLED", "");
  vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", "");
});
afterEach(() => vi.unstubAllEnvs());

describe("metadataCredentials", () => {
  it("gets a session token, then the securitykey with it, and signs with the temporary keys and X-Security-Token", async () => {
    const server = await start((_req, res) => send(res, 200, credentialAnswer(3_600_000)));
    const auth = metadataCredentials({ endpoint: server.url });
    const req = request();
    await auth.authenticate(req, context());
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["PUT /meta-data/latest/api/token", "GET /openstack/latest/securitykey"]);
    expect(server.requests[0]?.headers["x-metadata-token-ttl-seconds"]).toBe("21600");
    expect(server.requests[1]?.headers["x-metadata-token"]).toBe("session-1");
    expect(req.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=TMPAK\d+, SignedHeaders=[^,]*x-security-token/);
    expect(req.headers.get("X-Security-Token")).toMatch(new RegExp(`^${SECURITY_TOKEN}`));
    expect(req.headers.get("X-Project-Id")).toBe("p1");
    const info = await auth.describe();
    expect(info.provider).toBe("metadata");
    expect(Date.parse(info.expiresAt as string)).toBeGreaterThan(Date.now());
    expect(JSON.stringify(info) + inspect(auth) + String(auth)).not.toContain(SECRET);
  });

  it("cuts off an endless securitykey answer at 64 KiB while reading, instead of reading until the timeout", async () => {
    const server = await start((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = "x".repeat(16 * 1024);
      const timer = setInterval(() => res.write(chunk), 1);
      res.on("close", () => clearInterval(timer));
    });
    const err = await metadataCredentials({ endpoint: server.url, timeoutMs: 20_000 })
      .describe()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect((err as Error).message).toMatch(/securitykey answered more than 65536 bytes/);
  });

  it("reads its endpoint from HUAWEICLOUD_SDK_METADATA_ENDPOINT", async () => {
    const server = await start((_req, res) => send(res, 200, credentialAnswer(3_600_000)));
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", server.url);
    await metadataCredentials().describe();
    expect(server.requests).toHaveLength(2);
  });

  it("asks for a new session token once when the securitykey answers 401", async () => {
    const server = await start((_req, res, n) => (n === 1 ? send(res, 401, "token expired") : send(res, 200, credentialAnswer(3_600_000))));
    await metadataCredentials({ endpoint: server.url }).describe();
    expect(server.requests.map((r) => r.headers["x-metadata-token"] ?? r.method)).toEqual(["PUT", "session-1", "PUT", "session-2"]);
  });

  it("says when the instance has no agency, without asking for another session token", async () => {
    const server = await start((_req, res) => send(res, 401, "Please configure Cloud Service Agency first"));
    const err = await metadataCredentials({ endpoint: server.url })
      .describe()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect((err as Error).message).toMatch(/securitykey answered 401: the instance has no agency/);
    expect(server.requests).toHaveLength(2);
  });

  it("times out a slow metadata service with its own short timeout", async () => {
    const server = await start(() => {}); // never answers the securitykey
    const err = await metadataCredentials({ endpoint: server.url, timeoutMs: 100 })
      .describe()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect((err as Error).message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/openstack\/latest\/securitykey gave no complete answer within 100 ms/);
    expect((err as Error).cause).toMatchObject({ name: "TimeoutError" });
  });

  it("reports a metadata service that is down as a CredentialsError", async () => {
    const server = await start(() => {});
    const url = server.url;
    await server.close();
    const err = await metadataCredentials({ endpoint: url })
      .describe()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect((err as Error).message).toMatch(/^metadata: PUT http:\/\/127\.0\.0\.1:\d+\/meta-data\/latest\/api\/token failed/);
  });

  it("refuses a redirect instead of following it", async () => {
    const target = await start((_req, res) => send(res, 200, credentialAnswer(3_600_000)));
    const server = await start((_req, res) => send(res, 302, "", { location: `${target.url}/openstack/latest/securitykey` }));
    const err = await metadataCredentials({ endpoint: server.url })
      .describe()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect((err as Error).message).toMatch(/answered a redirect \(302\), which is refused/);
    expect(target.requests).toHaveLength(0);
  });

  it("honours the call's signal", async () => {
    const server = await start(() => {});
    const controller = new AbortController();
    const pending = metadataCredentials({ endpoint: server.url, timeoutMs: 60_000 }).authenticate(request(), context({ signal: controller.signal }));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });

  it("refuses a broken answer naming the missing fields, never the values", async () => {
    const server = await start((_req, res) => send(res, 200, { credential: { access: "AK", secret: SECRET } }));
    const err = (await metadataCredentials({ endpoint: server.url })
      .describe()
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toBe("metadata answered without securitytoken, expires_at");
    expect(inspect(err)).not.toContain(SECRET);
  });

  it("is turned off by HUAWEICLOUD_SDK_METADATA_DISABLED, sending nothing", async () => {
    const server = await start((_req, res) => send(res, 200, credentialAnswer(3_600_000)));
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_DISABLED", "true");
    await expect(metadataCredentials({ endpoint: server.url }).describe()).rejects.toThrow(/turned off by HUAWEICLOUD_SDK_METADATA_DISABLED/);
    expect(server.requests).toHaveLength(0);
  });

  it("checks its options before any I/O", () => {
    expect(() => metadataCredentials({ endpoint: "ftp://x", timeoutMs: 0 })).toThrow(ValidationError);
  });
});
