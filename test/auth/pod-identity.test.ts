import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { podIdentityCredentials } from "../../src/auth/pod-identity.js";
import { startEmulator, type RequestLogEntry } from "../../src/emulator/index.js";
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
const _tokenFile = (text: string) => {
  const path = join(dir, "id-token");
  writeFileSync(path, text);
  return path;
};

describe("podIdentityCredentials", () => {
  it("posts the token file's content as Authorization and signs with what it answers", async () => {
    const { emu, log } = await emulator();
    const file = join(dir, "pod-token");
    writeFileSync(file, `${emu.podIdentity.token}\n`);
    const env = { HC_CONTAINER_CREDENTIALS_FULL_URI: emu.podIdentity.url, HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: file };
    const apig = createApigClient({ projectId: emu.projectId, endpoint: emu.url, auth: podIdentityCredentials({ env }), logLevel: "off" });
    expect((await apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    expect(log.filter((e) => Number(e.status) >= 400)).toEqual([]);
  });

  it("fails clearly for unset variables, a missing token file, a refused token", async () => {
    const { emu } = await emulator();
    await expect(podIdentityCredentials({ env: {} }).describe()).rejects.toThrow(/must both be set/);
    const env = { HC_CONTAINER_CREDENTIALS_FULL_URI: emu.podIdentity.url, HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(dir, "nope") };
    await expect(podIdentityCredentials({ env }).describe()).rejects.toThrow(/the token file .* is missing, unreadable or empty/);
    writeFileSync(join(dir, "wrong"), "wrong-pod-token");
    const wrong = { ...env, HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(dir, "wrong") };
    await expect(podIdentityCredentials({ env: wrong }).describe()).rejects.toThrow(/^podIdentity: the credentials request answered 401$/);
  });
});
