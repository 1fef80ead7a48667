import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { environmentCredentials } from "../../src/auth/environment.js";
import { federatedCredentials } from "../../src/auth/federated.js";
import { profileCredentials } from "../../src/auth/profile.js";
import { startEmulator, type RequestLogEntry } from "../../src/emulator/index.js";
import { CredentialsError, ValidationError } from "../../src/errors.js";
import { createApigClient } from "../../src/services/apig.js";
import { SEED } from "../emulator/support.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hwgw-fed-"));
  for (const name of ["HUAWEICLOUD_SDK_IAM_ENDPOINT", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_IDP_ID", "HUAWEICLOUD_SDK_ID_TOKEN_FILE"])
    vi.stubEnv(name, "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});
async function emulator() {
  const log: RequestLogEntry[] = [];
  const emu = await startEmulator({ onRequest: (e) => void log.push(e) });
  onTestFinished(() => emu.stop());
  return { emu, log };
}
const tokenFile = (text: string) => {
  const path = join(dir, "id-token");
  writeFileSync(path, text);
  return path;
};

describe("federatedCredentials", () => {
  it("exchanges the ID token for an unscoped token, then temporary AK/SK that the emulator accepts", async () => {
    const { emu, log } = await emulator();
    const auth = federatedCredentials({ idpId: emu.federation.idpId, idTokenFile: tokenFile(`${emu.federation.idToken}\n`), iamEndpoint: emu.url });
    const apig = createApigClient({ projectId: emu.projectId, endpoint: emu.url, auth, logLevel: "off" });
    expect((await apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    expect(log.map((e) => e.operation)).toEqual(["CreateTokenWithIdToken", "CreateTemporaryAccessKeyByToken", "ShowInstance"]);
    const info = await auth.describe();
    expect(info.provider).toBe("federated");
    expect(JSON.stringify(info) + inspect(auth)).not.toContain(emu.federation.idToken);
  });

  it("takes the client's iamEndpoint when it has none of its own", async () => {
    const { emu } = await emulator();
    const auth = federatedCredentials({ idpId: emu.federation.idpId, idTokenFile: tokenFile(emu.federation.idToken) });
    const apig = createApigClient({ projectId: emu.projectId, endpoint: emu.url, iamEndpoint: emu.url, auth, logLevel: "off" });
    expect((await apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
  });

  it("fails with a CredentialsError for a missing or empty token file, or an ID token IAM refuses, never echoing it", async () => {
    const { emu } = await emulator();
    const missing = federatedCredentials({ idpId: emu.federation.idpId, idTokenFile: join(dir, "nope"), iamEndpoint: emu.url });
    await expect(missing.describe()).rejects.toThrow(`federated: the ID token file ${join(dir, "nope")} does not exist`);
    const empty = federatedCredentials({ idpId: emu.federation.idpId, idTokenFile: tokenFile(" \n"), iamEndpoint: emu.url });
    await expect(empty.describe()).rejects.toThrow(/is empty$/);
    const wrong = "eyJ.wrong-id-token-never-shown.sig";
    const refused = federatedCredentials({ idpId: emu.federation.idpId, idTokenFile: tokenFile(wrong), iamEndpoint: emu.url });
    const err = (await refused.describe({ fetch: globalThis.fetch }).catch((e: unknown) => e)) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/^federated: the IAM federation exchange at http:\/\/127\.0\.0\.1:\d+ failed \(AuthenticationError/);
    expect(inspect(err)).not.toContain(wrong);
  });

  it("checks its options before any I/O", () => {
    expect(() => federatedCredentials({ idpId: "", idTokenFile: "", durationSeconds: 10 })).toThrow(ValidationError);
  });
});

describe("environment and profile federation settings", () => {
  it("HUAWEICLOUD_SDK_IDP_ID with HUAWEICLOUD_SDK_ID_TOKEN_FILE wins over AK/SK", async () => {
    const { emu, log } = await emulator();
    vi.stubEnv("HUAWEICLOUD_SDK_IDP_ID", emu.federation.idpId);
    vi.stubEnv("HUAWEICLOUD_SDK_ID_TOKEN_FILE", tokenFile(emu.federation.idToken));
    vi.stubEnv("HUAWEICLOUD_SDK_IAM_ENDPOINT", emu.url);
    vi.stubEnv("HUAWEICLOUD_SDK_AK", SEED.ak);
    vi.stubEnv("HUAWEICLOUD_SDK_SK", SEED.sk);
    const info = await environmentCredentials().describe();
    expect(info.provider).toBe("environment");
    expect(Date.parse(info.expiresAt as string)).toBeGreaterThan(Date.now());
    expect(log.map((e) => e.operation)).toEqual(["CreateTokenWithIdToken", "CreateTemporaryAccessKeyByToken"]);
  });

  it("a profile with idp_id, id_token_file and iam_endpoint federates", async () => {
    const { emu } = await emulator();
    const path = join(dir, "credentials");
    writeFileSync(path, `[basic]\nidp_id = ${emu.federation.idpId}\nid_token_file = ${tokenFile(emu.federation.idToken)}\niam_endpoint = ${emu.url}\n`);
    expect((await profileCredentials({ path }).describe()).expiresAt).toBeDefined();
  });

  it("names the half-set variable pair", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_IDP_ID", "idp");
    await expect(environmentCredentials().describe()).rejects.toThrow("environment: HUAWEICLOUD_SDK_IDP_ID is set but HUAWEICLOUD_SDK_ID_TOKEN_FILE is not");
  });
});
