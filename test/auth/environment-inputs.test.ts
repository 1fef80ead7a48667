import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { environmentCredentials } from "../../src/auth/environment.js";
import { CredentialsError } from "../../src/errors.js";
import { json, scriptedServers } from "../helpers/scripted-server.js";

const SK = "env-input-secret-key-never-shown-0123";
const ENV_NAMES = ["AK", "SK", "SECURITY_TOKEN", "PROJECT_ID", "DOMAIN_ID", "IAM_ENDPOINT", "IDP_ID", "ID_TOKEN_FILE"].map((n) => `HUAWEICLOUD_SDK_${n}`);
const start = scriptedServers();
let dir: string;

beforeEach(() => {
  // Only what a test sets itself is seen, whatever this machine's environment holds.
  for (const name of ENV_NAMES) vi.stubEnv(name, "");
  dir = mkdtempSync(join(tmpdir(), "hwgw-env-inputs-"));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const failure = (env: Record<string, string>) =>
  environmentCredentials({ env })
    .describe()
    .catch((e: unknown) => e) as Promise<CredentialsError>;

describe("environmentCredentials inputs", () => {
  it("reports HUAWEICLOUD_SDK_IAM_ENDPOINT with the access keys", async () => {
    const env = { HUAWEICLOUD_SDK_AK: "ENVAK", HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_IAM_ENDPOINT: "https://iam.example.test" };
    expect(await environmentCredentials({ env }).describe()).toMatchObject({ provider: "environment", iamEndpoint: "https://iam.example.test" });
  });

  it("reads process.env when given null options", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_AK", "NULLAK");
    vi.stubEnv("HUAWEICLOUD_SDK_SK", SK);
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", "p-null");
    expect(await environmentCredentials(null as never).describe()).toMatchObject({ provider: "environment", projectId: "p-null" });
  });

  it("names HUAWEICLOUD_SDK_SK as missing when only the AK is set", async () => {
    const err = await failure({ HUAWEICLOUD_SDK_AK: "ONLYAK" });
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe("environment: HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not");
  });

  it("names the missing half of the federation pair, whichever it is", async () => {
    const noFile = await failure({ HUAWEICLOUD_SDK_IDP_ID: "idp-1" });
    expect(noFile).toBeInstanceOf(CredentialsError);
    expect(noFile.message).toBe("environment: HUAWEICLOUD_SDK_IDP_ID is set but HUAWEICLOUD_SDK_ID_TOKEN_FILE is not");
    const noIdp = await failure({ HUAWEICLOUD_SDK_ID_TOKEN_FILE: join(dir, "id-token") });
    expect(noIdp).toBeInstanceOf(CredentialsError);
    expect(noIdp.message).toBe("environment: HUAWEICLOUD_SDK_ID_TOKEN_FILE is set but HUAWEICLOUD_SDK_IDP_ID is not");
  });

  it("reads the ID token file named now, after HUAWEICLOUD_SDK_ID_TOKEN_FILE changed", async () => {
    const env: Record<string, string> = { HUAWEICLOUD_SDK_IDP_ID: "idp-1", HUAWEICLOUD_SDK_ID_TOKEN_FILE: join(dir, "first") };
    const auth = environmentCredentials({ env });
    await expect(auth.describe()).rejects.toThrow(`environment: the ID token file ${join(dir, "first")} does not exist`);
    env.HUAWEICLOUD_SDK_ID_TOKEN_FILE = join(dir, "second");
    await expect(auth.describe()).rejects.toThrow(`environment: the ID token file ${join(dir, "second")} does not exist`);
  });

  it("exchanges the ID token at HUAWEICLOUD_SDK_IAM_ENDPOINT, its failure named as the environment's", async () => {
    const iam = await start(json(403, { error_code: "IAM.0001", error_msg: "the identity provider is unknown" }));
    const decoy = await start(json(500, {}));
    writeFileSync(join(dir, "id-token"), "id-token-never-shown\n");
    const env = { HUAWEICLOUD_SDK_IDP_ID: "idp-1", HUAWEICLOUD_SDK_ID_TOKEN_FILE: join(dir, "id-token"), HUAWEICLOUD_SDK_IAM_ENDPOINT: iam.url };
    const err = (await environmentCredentials({ env })
      .describe({ iamEndpoint: decoy.url })
      .catch((e: unknown) => e)) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(new RegExp(`^environment: the IAM federation exchange at ${iam.url} failed`));
    expect(iam.requests[0]).toMatchObject({ method: "POST", url: "/v3.0/OS-AUTH/id-token/tokens" });
    expect(iam.requests[0]?.headers["x-idp-id"]).toBe("idp-1");
    expect(decoy.requests).toHaveLength(0);
  });
});
