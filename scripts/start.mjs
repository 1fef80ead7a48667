// `npm start`: the whole flow offline: an embedded emulator, then `hwgw demo` through the SDK (see
// src/cli/commands/demo.ts). The CLI is bundled with esbuild on the fly, so this works right after `npm ci`
// without a package build.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "node_modules", ".cache", "hwc-gateways");
mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, "hwgw.mjs");
await build({
  entryPoints: [path.join(root, "src/cli/index.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile,
  logLevel: "warning",
});

const child = spawn(process.execPath, [outfile, "demo", ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
