// `npm run spec:diff`: breaking-change gate. Compares every spec in the base directory (default openapi/released/,
// the last released specs) with the spec of the same name in the revision directory (default openapi/) and fails
// when a major change is not matched by a major bump of `info.version`.
//
//   node scripts/spec-diff.mjs [--base <dir>] [--revision <dir>] [--config <redocly.yaml>]
//
// Two sources of major changes:
//   1. `redocly diff` with the `diff-recommended` rules (extended in redocly.yaml), run with `--fail-on none` and
//      `--format json` so this script decides: a newly required property, a removed enum value, a narrower
//      constraint, a renamed operationId, ... (see the rule list in `redocly diff --help`'s docs).
//   2. Our own check: a component schema of the base that is missing from the revision. Redocly rates a renamed
//      component as a patch, but the generated TypeScript types are named after components, so for SDK users it is
//      a breaking rename (`components["schemas"]["IpDetail"]` stops existing).
// Exit codes: 0 no unbumped major change; 1 a major change without a major version bump (or a removed spec, or a
// version that went backwards); 2 the tool could not run (bad arguments, unreadable spec, Redocly failure).
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { loadSpecFile } from "./spec-model.mjs";

const root = path.resolve(import.meta.dirname, "..");

function parseArgs(argv) {
  const opts = { base: path.join(root, "openapi", "released"), revision: path.join(root, "openapi"), config: path.join(root, "redocly.yaml") };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--(base|revision|config)(?:=(.*))?$/.exec(arg);
    if (!m) usage(`unknown argument ${arg}`);
    const value = m[2] ?? argv[++i];
    if (!value) usage(`--${m[1]} needs a value`);
    opts[m[1]] = path.resolve(value);
  }
  return opts;
}

function usage(problem) {
  console.error(`spec-diff: ${problem}\nusage: node scripts/spec-diff.mjs [--base <dir>] [--revision <dir>] [--config <redocly.yaml>]`);
  process.exit(2);
}

function fail(message) {
  console.error(`spec-diff: ${message}`);
  process.exit(2);
}

/** `1.2.3` (pre-release and build suffixes ignored) → [1, 2, 3]; undefined when not semver. */
function semver(v) {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(String(v ?? ""));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compareVersions(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function redoclyDiff(baseFile, revisionFile, config) {
  const bin = path.join(root, "node_modules", ".bin", "redocly");
  const r = await run(bin, ["diff", baseFile, revisionFile, "--config", config, "--format", "json", "--fail-on", "none"]);
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    fail(`redocly diff ${path.relative(root, baseFile)} ${path.relative(root, revisionFile)} printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  if (r.code !== 0) fail(`redocly diff exited ${r.code}:\n${r.stderr}`);
  if (/No diff rules are on/.test(r.stderr + r.stdout)) fail(`redocly diff runs no rules: ${path.relative(root, config)} must extend diff-recommended`);
  return report;
}

function loadDoc(file) {
  try {
    return loadSpecFile(file).doc;
  } catch (err) {
    fail(err.message);
  }
}

async function compare(name, baseFile, revisionFile, config) {
  const base = loadDoc(baseFile);
  const revision = loadDoc(revisionFile);
  const report = await redoclyDiff(baseFile, revisionFile, config);
  const majors = [];
  const others = { minor: 0, patch: 0 };
  for (const change of report.changes ?? []) {
    if (change.impact === "major") {
      for (const v of change.verdicts ?? []) if (v.impact === "major") majors.push(`${v.message} (${v.ruleId}) at ${v.location?.pointer ?? change.path}`);
    } else if (change.impact in others) {
      others[change.impact]++;
    }
  }
  // Our own check: component schemas are the names of the generated types.
  const baseSchemas = Object.keys(base?.components?.schemas ?? {});
  const revisionSchemas = new Set(Object.keys(revision?.components?.schemas ?? {}));
  for (const schema of baseSchemas) {
    if (!revisionSchemas.has(schema)) {
      majors.push(
        `Component schema \`${schema}\` was renamed or removed; the generated type components["schemas"]["${schema}"] no longer exists (component-schema-removed)`,
      );
    }
  }

  const from = base?.info?.version;
  const to = revision?.info?.version;
  const vFrom = semver(from);
  const vTo = semver(to);
  const problems = [];
  if (!vFrom || !vTo) problems.push(`info.version must be semver in both specs (base ${from}, revision ${to})`);
  else if (compareVersions(vTo, vFrom) < 0) problems.push(`info.version went backwards: ${from} → ${to}`);
  const majorBump = vFrom && vTo && vTo[0] > vFrom[0];
  if (majors.length && !majorBump)
    problems.push(`${majors.length} breaking change(s) need a major bump of info.version (${from} → ${vFrom ? `${vFrom[0] + 1}.0.0` : "?"}), but it is ${to}`);

  const head = `${name}: ${majors.length} major, ${others.minor} minor, ${others.patch} patch; info.version ${from} → ${to}`;
  const lines = [problems.length ? `✖ ${head}` : `✔ ${head}${majors.length ? " (major bump: breaking changes allowed)" : ""}`];
  for (const m of majors) lines.push(`    major: ${m}`);
  for (const p of problems) lines.push(`    ${p}`);
  return { ok: problems.length === 0, text: lines.join("\n") };
}

const opts = parseArgs(process.argv.slice(2));
if (!existsSync(opts.base)) fail(`no base directory ${opts.base}`);
if (!existsSync(opts.revision)) fail(`no revision directory ${opts.revision}`);
if (!existsSync(opts.config)) fail(`no Redocly config ${opts.config}`);
const specs = readdirSync(opts.base)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
if (!specs.length) fail(`no *.yaml in ${opts.base}`);

const results = await Promise.all(
  specs.map(async (file) => {
    const name = path.basename(file, ".yaml");
    const revisionFile = path.join(opts.revision, file);
    if (!existsSync(revisionFile))
      return { ok: false, text: `✖ ${name}: the released spec has no counterpart ${path.relative(root, revisionFile)} (an API was removed)` };
    return compare(name, path.join(opts.base, file), revisionFile, opts.config);
  }),
);
const fresh = readdirSync(opts.revision).filter((f) => f.endsWith(".yaml") && !specs.includes(f));
for (const r of results) console.log(r.text);
for (const f of fresh) console.log(`· ${path.basename(f, ".yaml")}: not released yet, nothing to compare`);
const failed = results.filter((r) => !r.ok).length;
console.log(failed ? `\nspec:diff failed for ${failed} spec(s)` : "\nspec:diff passed");
process.exit(failed ? 1 : 0);
