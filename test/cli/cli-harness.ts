import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { defaultSeed, startEmulator, type Emulator } from "../../src/emulator/index.js";

const root = path.resolve(import.meta.dirname, "../..");

/** Bundles src/cli/index.ts into one runnable file, as the package build does, without building the package. */
export async function bundleCli(): Promise<{ file: string; dispose(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), "hwgw-cli-"));
  const file = path.join(dir, "hwgw.mjs");
  await build({
    entryPoints: [path.join(root, "src/cli/index.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: file,
    logLevel: "silent",
  });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * What keeps the default credential chain of a CLI under test on this machine and off its owner's files: the
 * metadata provider off (never 169.254.169.254) and a profile path that does not exist.
 */
export const CHAIN_OFF_MACHINE = { HUAWEICLOUD_SDK_METADATA_DISABLED: "true", HUAWEICLOUD_SDK_CREDENTIALS_FILE: "/nonexistent/hwgw-test/credentials" };

/** An emulator with quick jobs, and the environment a user would export to use it. */
export async function emulatorWithEnv(jobDelayMs = 1200): Promise<{ emulator: Emulator; env: Record<string, string> }> {
  const emulator = await startEmulator({ port: 0, jobDelayMs, ddsSettleMs: 600 });
  const key = defaultSeed().accessKeys?.[0];
  if (!key) throw new Error("the default seed has no AK/SK pair");
  return {
    emulator,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/root",
      HWGW_ENDPOINT: emulator.url,
      HUAWEICLOUD_SDK_PROJECT_ID: emulator.projectId,
      HUAWEICLOUD_SDK_AK: key.accessKeyId,
      HUAWEICLOUD_SDK_SK: key.secretAccessKey,
      ...CHAIN_OFF_MACHINE,
    },
  };
}

/** Runs the bundled CLI as a plain process (no terminal). */
export function runCli(file: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
