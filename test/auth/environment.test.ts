import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { environmentCredentials } from "../../src/auth/environment.js";
import { CredentialsError } from "../../src/errors.js";

const SK = "env-secret-key-never-shown-0123456789";
afterEach(() => vi.unstubAllEnvs());

describe("environmentCredentials", () => {
  it("reads the official variable names on the first call, not at creation", async () => {
    const auth = environmentCredentials({ env: {} });
    const env: Record<string, string> = {};
    const late = environmentCredentials({ env });
    Object.assign(env, {
      HUAWEICLOUD_SDK_AK: "ENVAK",
      HUAWEICLOUD_SDK_SK: SK,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: "sts-token-value-xx",
      HUAWEICLOUD_SDK_PROJECT_ID: "p-env",
      HUAWEICLOUD_SDK_DOMAIN_ID: "d-env",
    });
    expect(await late.describe()).toEqual({ provider: "environment", expiresAt: undefined, projectId: "p-env", domainId: "d-env", iamEndpoint: undefined });
    const req = { method: "GET", url: new URL("http://127.0.0.1/x"), headers: new Headers(), body: undefined };
    await late.authenticate(req, { fetch: globalThis.fetch, projectId: undefined, signal: undefined, logger: console });
    expect(req.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=ENVAK, SignedHeaders=[^,]*x-security-token/);
    await expect(auth.describe()).rejects.toBeInstanceOf(CredentialsError);
  });

  it("defaults to process.env", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_AK", "PROCAK");
    vi.stubEnv("HUAWEICLOUD_SDK_SK", SK);
    expect((await environmentCredentials().describe()).provider).toBe("environment");
  });

  it("names a half-set pair, never a value", async () => {
    const err = (await environmentCredentials({ env: { HUAWEICLOUD_SDK_SK: SK } })
      .describe()
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toBe("environment: HUAWEICLOUD_SDK_SK is set but HUAWEICLOUD_SDK_AK is not");
    expect(inspect(err)).not.toContain(SK);
    const bad = (await environmentCredentials({ env: { HUAWEICLOUD_SDK_AK: "AK", HUAWEICLOUD_SDK_SK: `${SK}\n` } })
      .describe()
      .catch((e: unknown) => e)) as Error;
    expect(bad.message).toBe("environment supplied unusable credentials (auth.secretAccessKey)");
    expect(inspect(bad)).not.toContain(SK);
  });
});
