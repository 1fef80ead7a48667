// Runs samples the way a reader would: a TypeScript sample bundled as it is (its `hwc-gateways` import bound to
// src/index.ts) and run with node; a shell sample run with bash, with `hwgw` on PATH being the CLI bundled from
// src/cli/. Only the environment differs from a reader's: it points the samples at a local emulator.
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { bundleCli } from "../cli/cli-harness.js";

const root = path.resolve(import.meta.dirname, "..", "..");

/** What a sample run printed and how it ended. */
export interface SampleRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Binds the package name to the source entries, as samples/tsconfig.json does for the type-check. */
const packageName: Plugin = {
  name: "hwc-gateways-from-src",
  setup(b) {
    b.onResolve({ filter: /^hwc-gateways(\/emulator)?$/ }, (args) => ({
      path: path.join(root, args.path === "hwc-gateways" ? "src/index.ts" : "src/emulator/index.ts"),
    }));
  },
};

/** The bundled samples and CLI in a temporary folder; `dispose()` removes it. */
export interface SampleToolbox {
  /** Runs the TypeScript sample `file` (bundled in {@link prepareSamples}) with node. */
  runTs(file: string, env: Record<string, string>): Promise<SampleRun>;
  /** Runs the shell sample `file` with bash, `hwgw` first on PATH. */
  runShell(file: string, env: Record<string, string>): Promise<SampleRun>;
  dispose(): void;
}

/** Bundles `tsFiles` (absolute paths) and the CLI. */
export async function prepareSamples(tsFiles: readonly string[]): Promise<SampleToolbox> {
  const dir = mkdtempSync(path.join(tmpdir(), "hwgw-samples-"));
  const cli = await bundleCli();
  const bin = path.join(dir, "bin");
  const outFor = (file: string) => path.join(dir, "ts", `${path.relative(root, file).replace(/[\\/]/g, "__").replace(/\.ts$/, "")}.mjs`);
  try {
    await Promise.all(
      tsFiles.map((file) =>
        build({
          entryPoints: [file],
          bundle: true,
          platform: "node",
          format: "esm",
          target: "node20",
          outfile: outFor(file),
          logLevel: "silent",
          plugins: [packageName],
        }),
      ),
    );
    mkdirSync(bin);
    writeFileSync(path.join(bin, "hwgw"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(cli.file)} "$@"\n`);
    chmodSync(path.join(bin, "hwgw"), 0o755);
  } catch (err) {
    cli.dispose();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    runTs: (file, env) => run(process.execPath, [outFor(file)], env),
    runShell: (file, env) => run("bash", ["--noprofile", "--norc", file], { ...env, PATH: `${bin}:${env.PATH ?? ""}` }),
    dispose() {
      cli.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function run(cmd: string, args: string[], env: Record<string, string>): Promise<SampleRun> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 60_000, cwd: root }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
