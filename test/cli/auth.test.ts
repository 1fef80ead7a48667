import { describe, expect, it, onTestFinished } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/output.js";
import { startEmulator } from "../../src/emulator/index.js";
import { SEED } from "../emulator/support.js";
import { CHAIN_OFF_MACHINE } from "./cli-harness.js";

/** Runs hwgw in process with only `env` as its environment, capturing what it writes. */
async function hwgw(args: string[], env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { ...CHAIN_OFF_MACHINE, ...env } };
  const code = await main(args, io, new AbortController().signal);
  return { code, stdout, stderr };
}
async function emulator(options: Parameters<typeof startEmulator>[0] = {}) {
  const emu = await startEmulator(options);
  onTestFinished(() => emu.stop());
  return emu;
}

describe("hwgw auth show", () => {
  it("names the environment provider and the project found by the IAM lookup, never the secret key", async () => {
    const emu = await emulator();
    const r = await hwgw(["auth", "show", "--region", "cn-north-4", "--endpoint", emu.url, "--iam-endpoint", emu.url], {
      HUAWEICLOUD_SDK_AK: SEED.ak,
      HUAWEICLOUD_SDK_SK: SEED.sk,
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`credentials: environment\nproject id:  ${emu.projectId} (from IAM lookup of the project named cn-north-4)\n`);
    expect(r.stdout + r.stderr).not.toContain(SEED.sk);
  });

  it("shows temporary credentials from the metadata service with their expiry, as JSON too", async () => {
    const emu = await emulator();
    const env = { HUAWEICLOUD_SDK_METADATA_DISABLED: "", HUAWEICLOUD_SDK_METADATA_ENDPOINT: emu.metadataUrl, HUAWEICLOUD_SDK_PROJECT_ID: emu.projectId };
    const r = await hwgw(["auth", "show", "--region", "cn-north-4", "--json"], env);
    expect(r.code).toBe(0);
    const shown = JSON.parse(r.stdout);
    expect(shown).toEqual({
      provider: "metadata",
      temporary: true,
      expiresAt: expect.any(String),
      projectId: emu.projectId,
      projectSource: "HUAWEICLOUD_SDK_PROJECT_ID",
    });
    expect(Date.parse(shown.expiresAt)).toBeGreaterThan(Date.now());
    expect(Object.keys(shown)).not.toContain("secret");
  });

  it("takes the project id from the profile file", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "hwgw-auth-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "credentials"), `[basic]\nak = ${SEED.ak}\nsk = ${SEED.sk}\nproject_id = p-from-profile\n`);
    const r = await hwgw(["auth", "show", "--region", "cn-north-4"], { HUAWEICLOUD_SDK_CREDENTIALS_FILE: join(dir, "credentials") });
    expect(r.stdout).toBe("credentials: profile\nproject id:  p-from-profile (from profile)\n");
  });

  it("exits 2 without credentials, naming every provider tried", async () => {
    const r = await hwgw(["auth", "show", "--region", "cn-north-4"], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: UsageError: no credentials: no credentials found by the default chain: environment: neither .*; profile: no credentials file at \/nonexistent\/hwgw-test\/credentials; metadata: turned off by HUAWEICLOUD_SDK_METADATA_DISABLED; podIdentity: .*must both be set/,
    );
  });

  it("shows a token from HWGW_TOKEN without printing it", async () => {
    const r = await hwgw(["auth", "show", "--region", "cn-north-4", "--project", "p1"], { HWGW_TOKEN: "secret-token-value-xyz" });
    expect(r.stdout).toBe("credentials: token (HWGW_TOKEN)\nproject id:  p1 (from --project)\n");
  });
});
