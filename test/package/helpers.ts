// Shared by the package tests: build dist/ when it is missing or stale, run tools, pack the tarball.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
export const at = (...p: string[]) => path.join(root, ...p);
export const bin = (name: string) => at("node_modules", ".bin", name);

/** Optional entries: built (and checked) only when their source exists. */
export const hasEmulator = () => existsSync(at("src", "emulator", "index.ts"));
export const hasCli = () => existsSync(at("src", "cli", "index.ts"));

/** Files the build must produce from the current sources. */
export function expectedOutputs(): string[] {
  const out = ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts"];
  if (hasEmulator()) out.push("dist/emulator.js", "dist/emulator.cjs", "dist/emulator.d.ts", "dist/emulator.d.cts");
  if (hasCli()) out.push("dist/cli.js");
  return out;
}

/**
 * Builds dist/ unless it is current: `scripts/build.mjs --if-stale` decides, and serialises parallel builds (vitest
 * runs test files in parallel, and a bench or a manual build may run too).
 */
export async function ensureBuilt(): Promise<void> {
  const r = await run(process.execPath, [at("scripts", "build.mjs"), "--if-stale"], { timeoutMs: 400_000 });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop (local servers keep answering). Never throws on exit status. */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? root, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      stderr += `\n[killed after ${opts.timeoutMs} ms]`;
    }, opts.timeoutMs ?? 120_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A fresh temporary directory; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `hwc-${prefix}-`));
}

/** `npm pack` of the built package into `dir`; returns the tarball's path. */
export async function pack(dir: string): Promise<string> {
  const r = await run("npm", ["pack", "--json", "--pack-destination", dir], { timeoutMs: 60_000 });
  if (r.status !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as Array<{ filename: string }>;
  if (!info) throw new Error(`npm pack printed no file:\n${r.stdout}`);
  return path.join(dir, info.filename);
}

/** Installs the packed `tarball` into the project `dir` as a user would (`npm install <file>`). */
export async function installTarball(dir: string, tarball: string): Promise<void> {
  // `--prefer-offline`, not `--offline`: `npm ci` caches tarballs but not the registry metadata a fresh install
  // resolves `openapi-fetch@0.17.0` with, so on a machine whose cache was never warmed `--offline` fails with
  // ENOTCACHED. The registry is the one network CI has; the tarball under test itself is a local file.
  const r = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: dir, timeoutMs: 120_000 });
  if (r.status !== 0) throw new Error(`npm install of the tarball failed in ${dir}:\n${r.stderr}`);
}
