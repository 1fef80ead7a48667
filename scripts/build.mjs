// `npm run build`: the publishable package in dist/, built with tsup (esbuild for code, rollup-plugin-dts for types).
//
//   dist/index.js      + index.d.ts        ESM  (import condition)
//   dist/index.cjs     + index.d.cts       CJS  (require condition)
//   dist/emulator.js   + emulator.d.ts     ESM  } only when src/emulator/index.ts exists (Node-only subpath
//   dist/emulator.cjs  + emulator.d.cts    CJS  }   `hwc-gateways/emulator`)
//   dist/cli.js                            ESM with a shebang, only when src/cli/index.ts exists (bin `hwgw`)
//   dist/chunks/*                          code shared between entries (one set for ESM, one for CJS)
//
// Everything under src/ and generated/ is bundled (the Ajv validators in generated/validators/ included; the
// generated modules have no top-level side effects, so a consumer's bundler drops the services it does not use);
// the runtime dependencies in package.json (openapi-fetch only) stay imports. No sourcemaps, no minification:
// the code shipped is readable as it is, and consumers' bundlers minify.
//
//   node scripts/build.mjs [--if-stale]
//
// --if-stale: do nothing when dist/ is newer than every input and has every entry the sources call for (the package
// tests and the bench use it). Builds never overlap: a second one waits on .tmp/build.lock. The new dist/ is built
// aside and swapped in at the end, so readers of dist/ never see it half-written.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";

const root = path.resolve(import.meta.dirname, "..");
const at = (...p) => path.join(root, ...p);
const distDir = at("dist");
const ifStale = process.argv.includes("--if-stale");

const LIBRARY_ENTRIES = [
  { name: "index", src: "src/index.ts", required: true },
  { name: "emulator", src: "src/emulator/index.ts" },
];
const CLI = "src/cli/index.ts";
const INPUTS = ["src", "generated", "package.json", "tsconfig.json", "scripts/build.mjs"];

function currentEntries() {
  const entries = {};
  for (const { name, src, required } of LIBRARY_ENTRIES) if (required || existsSync(at(src))) entries[name] = src;
  return { entries, hasCli: existsSync(at(CLI)) };
}

function expectedOutputs({ entries, hasCli }) {
  const out = Object.keys(entries).flatMap((n) => [`${n}.js`, `${n}.cjs`, `${n}.d.ts`, `${n}.d.cts`]);
  if (hasCli) out.push("cli.js");
  return out;
}

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  // A directory's own mtime changes when a file in it is deleted or renamed.
  return Math.max(s.mtimeMs, ...readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

/** Why dist/ must be rebuilt, or undefined when it is current. */
function staleReason() {
  const layout = currentEntries();
  const outputs = expectedOutputs(layout);
  const missing = outputs.find((f) => !existsSync(path.join(distDir, f)));
  if (missing) return `dist/${missing} is missing`;
  for (const { name } of LIBRARY_ENTRIES) {
    if (!layout.entries[name] && existsSync(path.join(distDir, `${name}.js`))) return `dist/${name}.js has no source any more`;
  }
  if (!layout.hasCli && existsSync(path.join(distDir, "cli.js"))) return "dist/cli.js has no source any more";
  const built = Math.min(...outputs.map((f) => statSync(path.join(distDir, f)).mtimeMs));
  const changed = INPUTS.find((i) => newestMtime(at(i)) > built);
  return changed ? `${changed} changed since the last build` : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// One build at a time (parallel test files, a bench and a manual build may all ask at once).

const LOCK = at(".tmp", "build.lock");

function lockHolderAlive() {
  try {
    process.kill(Number(readFileSync(path.join(LOCK, "pid"), "utf8")), 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

async function acquireLock() {
  mkdirSync(at(".tmp"), { recursive: true });
  const deadline = Date.now() + 300_000;
  let told = false;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, "pid"), String(process.pid));
      return;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
    // A holder that died (killed run) would block forever; a fresh lock may not have its pid file yet.
    if (since !== undefined && Date.now() - since > 2_000 && !lockHolderAlive()) {
      rmSync(LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`build: gave up waiting for ${LOCK}`);
    if (!told) console.log("build: another build is running; waiting for it");
    told = true;
    await delay(250);
  }
}

function releaseLock() {
  try {
    if (readFileSync(path.join(LOCK, "pid"), "utf8") === String(process.pid)) rmSync(LOCK, { recursive: true, force: true });
  } catch {
    // not held
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function buildInto(outDir, { entries, hasCli }) {
  const { build } = await import("tsup"); // loaded only when building: --if-stale answers fast
  const pkg = JSON.parse(readFileSync(at("package.json"), "utf8"));
  /** @type {import("tsup").Options} */
  const common = {
    config: false,
    outDir,
    platform: "node",
    target: "node20",
    external: Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }),
    // Keep `node:` specifiers as written: Node 20 resolves them, and the browser-safety test looks for them.
    removeNodeProtocol: false,
    sourcemap: false,
    minify: false,
    shims: false,
    silent: true,
    splitting: true,
    esbuildOptions(options) {
      options.chunkNames = "chunks/[name]-[hash]";
    },
  };

  // ESM: the library entries and the CLI in one build, so modules they share (errors, auth, clients) exist once,
  // in dist/chunks/, and `instanceof` holds between what the CLI, the emulator and the SDK create.
  // Declarations: .d.ts for the library entries (the `import` condition).
  await build({ ...common, entry: { ...entries, ...(hasCli ? { cli: CLI } : {}) }, format: ["esm"], dts: { entry: entries } });
  // CJS: the library entries only (the CLI is ESM-only), with .d.cts declarations (the `require` condition).
  await build({ ...common, entry: entries, format: ["cjs"], dts: true });

  if (hasCli) {
    const file = path.join(outDir, "cli.js");
    const code = readFileSync(file, "utf8");
    // esbuild keeps a shebang the source starts with; add one when it has none.
    if (!code.startsWith("#!")) writeFileSync(file, `#!/usr/bin/env node\n${code}`);
    chmodSync(file, 0o755);
  }
}

const cleanup = () => releaseLock();
process.on("exit", cleanup);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

if (ifStale && !staleReason()) process.exit(0);
await acquireLock();
const started = Date.now();
const staging = at(".tmp", `dist-${process.pid}`);
try {
  const reason = staleReason();
  if (ifStale && !reason) process.exit(0); // built by whoever held the lock
  const layout = currentEntries();
  if (!layout.entries.emulator) console.log("build: src/emulator/index.ts does not exist; building without the emulator entry");
  if (!layout.hasCli) console.log(`build: ${CLI} does not exist; building without the CLI`);
  rmSync(staging, { recursive: true, force: true });
  await buildInto(staging, layout);
  const old = at(".tmp", `dist-old-${process.pid}`);
  if (existsSync(distDir)) renameSync(distDir, old);
  renameSync(staging, distDir);
  rmSync(old, { recursive: true, force: true });
  const names = [...Object.keys(layout.entries), ...(layout.hasCli ? ["cli"] : [])];
  console.log(`build: dist/ (${names.join(", ")}) in ${Date.now() - started} ms${ifStale ? ` (${reason})` : ""}`);
} finally {
  rmSync(staging, { recursive: true, force: true });
  releaseLock();
}
