// `npm test`: every check the project has, in order, then one line `N passed, N failed`.
// CI judges by that line and the exit code, so every step runs even after a failure and each failed step
// counts as one failed test on top of vitest's own counts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const steps = [
  { name: "spec lint (redocly, recommended-strict)", cmd: [bin("redocly"), "lint"] },
  { name: "code lint and format (biome ci, warnings are errors)", cmd: [bin("biome"), "ci", "--error-on-warnings", "."] },
  { name: "generated files match the specs", run: checkGenerated },
  { name: "type-check (tsc, including the type-level tests in test/types)", cmd: [bin("tsc"), "-p", "tsconfig.json"] },
  { name: "breaking changes against openapi/released (npm run spec:diff)", cmd: [process.execPath, path.join(root, "scripts", "spec-diff.mjs")] },
];

let failedSteps = 0;
for (const step of steps) {
  process.stdout.write(`\n▶ ${step.name}\n`);
  const ok = step.run ? step.run() : run(step.cmd);
  if (!ok) {
    failedSteps++;
    process.stdout.write(`✖ ${step.name} failed\n`);
  }
}

// Coverage and its thresholds (vitest.config.ts) judge the whole suite, so a run narrowed by arguments
// (`npm test -- test/auth`) skips them rather than failing on code it never meant to reach.
const args = process.argv.slice(2);
const coverage = args.length === 0 ? ["--coverage"] : [];
process.stdout.write(`\n▶ vitest (unit and contract tests${coverage.length ? ", with coverage thresholds" : ""})\n`);
const tmp = mkdtempSync(path.join(tmpdir(), "hwc-test-"));
const report = path.join(tmp, "vitest.json");
const vitestOk = run([bin("vitest"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...coverage, ...args]);
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  // A suite that fails to load has no tests to count; it must still fail the run.
  if (json.numFailedTestSuites > 0 && failed === 0) failed = json.numFailedTestSuites;
  if (!json.success && failed === 0) failed = 1;
  // Every test passed yet vitest failed: the coverage thresholds were missed (vitest printed which).
  if (!vitestOk && failed === 0) {
    process.stdout.write("✖ vitest failed with every test passing: coverage under its thresholds\n");
    failed = 1;
  }
} catch {
  process.stdout.write("✖ vitest wrote no report\n");
  failed++;
}
rmSync(tmp, { recursive: true, force: true });

if (failedSteps) process.stdout.write(`\n${failedSteps} check step(s) failed (counted below as failed)\n`);
process.stdout.write(`${passed + steps.length - failedSteps} passed, ${failed + failedSteps} failed\n`);
process.exit(failed + failedSteps > 0 ? 1 : 0);

function run(cmd, opts = {}) {
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: "inherit", ...opts });
  return r.status === 0;
}

function checkGenerated() {
  if (!run([process.execPath, path.join(root, "scripts", "generate.mjs")])) return false;
  // --porcelain also lists new untracked files, which `git diff` would miss.
  const r = spawnSync("git", ["status", "--porcelain", "--", "generated"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) {
    process.stdout.write(`git status failed: ${r.stderr}\n`);
    return false;
  }
  if (r.stdout.trim()) {
    process.stdout.write(`generated/ differs from what \`npm run generate\` writes; regenerate and commit:\n${r.stdout}`);
    return false;
  }
  return true;
}
