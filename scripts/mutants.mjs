// `npm run test:mutants`: tests the tests. Applies hand-made SDK mutants ONE AT A TIME to a temporary copy of the
// repository (the working tree is never modified), runs the tests that should notice, and requires at least one
// failing test per mutant. Prints the kill rate; exits 0 only at 100 %.
//
//   node scripts/mutants.mjs [--only <id>[,<id>…]] [--keep]
//
// Each mutant is a small text replacement on one source file. The replacement must match exactly the expected
// number of times: a mutant that no longer applies (the code moved on) fails the run, so the list is kept honest.
// A baseline run of the same tests on the unmutated copy must pass first, otherwise "killed" would mean nothing.
// A mutant that only breaks loading (a syntax error: suites fail, no test fails) does not count as killed.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/**
 * @typedef {{ id: string, description: string, file: string, find: RegExp, replace: string, count?: number,
 *             unit: string[], contract?: string[] }} Mutant
 * `count`: how many matches the mutant needs (default 1). `unit` / `contract`: test paths per vitest project.
 */
/** @type {Mutant[]} */
const MUTANTS = [
  {
    id: "drop-required-field",
    description: "APIG register/deregister send each ELB without its required elb_id",
    file: "src/services/apig.ts",
    find: /(raw\.PUT\(`[^`]+`, \{ params, )body(,)/,
    replace: "$1body: { ...body, elbs: body.elbs.map(({ elb_id: _dropped, ...elb }) => elb) } as IngressIpsRequest$2",
    unit: ["test/services/apig.test.ts", "test/validation"],
  },
  {
    id: "drop-required-field-dds",
    description: "DDS bindPublicGateway sends the body without its required public_ip_id",
    file: "src/services/dds.ts",
    find: /(raw\.POST\(GATEWAY_PATH, \{ params: params\(instanceId, nodeId\), )body(,)/,
    replace: "$1body: { ...body, public_ip_id: undefined } as unknown as BindPublicGatewayRequest$2",
    unit: ["test/services/dds.test.ts", "test/validation"],
  },
  {
    id: "enum-case",
    description: "APIG register/deregister send the IP version in upper case (v4 → V4, v6 → V6)",
    file: "src/services/apig.ts",
    find: /(raw\.PUT\(`[^`]+`, \{ params, )body(,)/,
    replace: `$1body: JSON.parse(JSON.stringify(body).replace(/"type":"v([46])"/g, '"type":"V$$1"')) as IngressIpsRequest$2`,
    unit: ["test/services/apig.test.ts", "test/validation"],
  },
  {
    id: "double-path-prefix",
    description: "APIG paths start /v2/v2/ instead of /v2/",
    file: "src/services/apig.ts",
    find: /(["`])\/v2\/\{project_id\}/g,
    replace: "$1/v2/v2/{project_id}",
    count: 2,
    unit: ["test/services/apig.test.ts", "test/validation"],
  },
  {
    id: "double-path-prefix-dds",
    description: "DDS public-gateway path starts /v3/v3/ instead of /v3/",
    file: "src/services/dds.ts",
    find: /const GATEWAY_PATH = "\/v3\//,
    replace: 'const GATEWAY_PATH = "/v3/v3/',
    unit: ["test/services/dds.test.ts", "test/validation"],
  },
  {
    id: "swallow-4xx-body",
    description: "the error parser ignores 4xx bodies, so code and message are lost",
    file: "src/internal/error-answer.ts",
    find: /body = JSON\.parse\(text\);/,
    replace: "body = status >= 400 && status < 500 ? null : JSON.parse(text);",
    unit: ["test/services", "test/internal"],
  },
  {
    id: "skip-signing",
    description: "akskAuth adds no Authorization header",
    file: "src/auth/aksk.ts",
    find: /for \(const \[name, value\] of Object\.entries\(added\)\)\s*request\.headers\.set\(name, value\);/,
    replace: 'for (const [name, value] of Object.entries(added)) if (name.toLowerCase() !== "authorization") request.headers.set(name, value);',
    // The emulator verifies AK/SK signatures like the gateway does (test/auth tests the signer, not the strategy).
    unit: ["test/services/apig.test.ts", "test/emulator/iam-auth.test.ts"],
  },
  {
    id: "skip-validation",
    description: "validateInput returns at once, so nothing is validated before I/O",
    file: "src/internal/validate.ts",
    find: /(export function validateInput\([^)]*\)[^{]*\{)/,
    replace: "$1\n  return;",
    unit: ["test/services", "test/validation"],
  },
  {
    id: "raw-unvalidated",
    description: "the transport finds the request's operation but does not validate it, so raw calls skip validation",
    file: "src/internal/transport.ts",
    find: /if \(match\) validateRequest\(/,
    replace: "if (match && false) validateRequest(",
    unit: ["test/internal"],
  },
  {
    id: "ignore-safe-to-repeat",
    description: "every operation counts as safe to repeat, so DDS bind is repeated after a 503",
    file: "src/internal/retry.ts",
    find: /if \(!facts\.safeToRepeat\) return false;/,
    replace: "",
    unit: ["test/internal"],
  },
  {
    id: "ignore-busy-codes",
    description: "the operation's busy error codes are not retried",
    file: "src/internal/retry.ts",
    find: /if \(code !== undefined && facts\.busyErrorCodes\.includes\(code\)\) return true;/,
    replace: "",
    unit: ["test/internal"],
  },
  {
    id: "unmatched-always-safe",
    description: "a request that matches no operation is repeated after a 5xx whatever its method",
    file: "src/internal/operations.ts",
    find: /safeToRepeat: method === "GET" \|\| method === "HEAD"/,
    replace: "safeToRepeat: true",
    unit: ["test/internal"],
  },
  {
    id: "retry-after-unbounded",
    description: "the transport waits for any Retry-After, however long, instead of surfacing one past its bound",
    file: "src/internal/transport.ts",
    find: / && boundRetryAfter\(retryAfterMs, MAX_RETRY_AFTER_MS\) === retryAfterMs;/,
    replace: ";",
    unit: ["test/internal/transport.test.ts"],
  },
  {
    id: "backoff-no-doubling",
    description: "the shared backoff never raises its ceiling, so transport retries and polls stay at the floor",
    file: "src/internal/backoff.ts",
    find: /Math\.min\(maxDelayMs, minDelayMs \* 2 \*\* \(n - 1\)\)/,
    replace: "minDelayMs",
    unit: ["test/internal/backoff.test.ts", "test/internal/transport.test.ts"],
  },
  {
    id: "waiter-ignores-error-retry-after",
    description: "the waiter ignores the retryAfterMs the transport put on a poll's error",
    file: "src/wait/waiter.ts",
    find: /thrown \? thrown\.retryAfterMs : outcome\?\.retryAfterMs/,
    replace: "outcome?.retryAfterMs",
    unit: ["test/wait"],
  },
  {
    id: "waiter-ignores-retryable",
    description: "the waiter ends the wait on an error the transport marked retryable (a 503 after its retries)",
    file: "src/wait/waiter.ts",
    find: /else if \(!error\.retryable && /,
    replace: "else if (",
    unit: ["test/wait"],
  },
];

// Top-level entries never copied: dependencies (linked instead), VCS data, build output and caches.
const SKIP = new Set(["node_modules", ".git", "dist", "site", "coverage", ".tmp"]);

function parseArgs(argv) {
  const opts = { only: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--keep") opts.keep = true;
    else if (argv[i] === "--only") opts.only = new Set(String(argv[++i] ?? "").split(",").filter(Boolean));
    else if (argv[i].startsWith("--only=")) opts.only = new Set(argv[i].slice(7).split(",").filter(Boolean));
    else {
      console.error(`mutants: unknown argument ${argv[i]}\nusage: node scripts/mutants.mjs [--only <id>[,<id>…]] [--keep]`);
      process.exit(2);
    }
  }
  return opts;
}

/** A copy of the repository whose node_modules is a real directory of symlinks, so caches land in the copy. */
function makeSandbox() {
  const dir = mkdtempSync(path.join(tmpdir(), "hwc-mutants-"));
  for (const entry of readdirSync(root)) {
    if (SKIP.has(entry)) continue;
    cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true, verbatimSymlinks: true });
  }
  const modules = path.join(dir, "node_modules");
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(root, "node_modules"))) {
    if (entry === ".vite" || entry === ".cache") continue;
    symlinkSync(path.join(root, "node_modules", entry), path.join(modules, entry));
  }
  return dir;
}

function run(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", CI: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

/** Runs vitest for one project and paths in the sandbox; returns counts and the names of failed tests. */
async function vitest(dir, project, paths, label, bail) {
  const report = path.join(dir, ".tmp", `vitest-${label}-${project}.json`);
  mkdirSync(path.dirname(report), { recursive: true });
  // A mutant needs one failing test: --bail stops at the first, which keeps the whole run short.
  const args = ["run", "--project", project, ...paths, "--reporter=json", `--outputFile=${report}`, ...(bail ? ["--bail=1"] : [])];
  const r = await run(path.join(dir, "node_modules", ".bin", "vitest"), args, dir);
  if (!existsSync(report)) return { ran: false, failedTests: 0, failedSuites: 0, failedNames: [], output: r.output };
  const json = JSON.parse(readFileSync(report, "utf8"));
  const failedNames = [];
  let failedSuites = 0;
  for (const file of json.testResults ?? []) {
    const failedHere = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of failedHere) failedNames.push(`${path.relative(dir, file.name)} › ${a.fullName}`);
    if (file.status === "failed" && failedHere.length === 0) failedSuites++;
  }
  return { ran: true, passed: json.numPassedTests, failedTests: json.numFailedTests, failedSuites, failedNames, total: json.numTotalTests, output: r.output };
}

async function runTests(dir, mutant, label, bail) {
  const results = [await vitest(dir, "unit", mutant.unit, label, bail)];
  if (mutant.contract?.length && !(bail && results[0].failedTests > 0)) results.push(await vitest(dir, "contract", mutant.contract, label, bail));
  return {
    ran: results.every((r) => r.ran),
    total: results.reduce((n, r) => n + (r.total ?? 0), 0),
    failedTests: results.reduce((n, r) => n + r.failedTests, 0),
    failedSuites: results.reduce((n, r) => n + r.failedSuites, 0),
    failedNames: results.flatMap((r) => r.failedNames),
    output: results.map((r) => r.output).join("\n"),
  };
}

const opts = parseArgs(process.argv.slice(2));
const selected = MUTANTS.filter((m) => !opts.only || opts.only.has(m.id));
if (opts.only) for (const id of opts.only) if (!MUTANTS.some((m) => m.id === id)) console.error(`mutants: no mutant ${id}`);
if (!selected.length) process.exit(2);

const started = Date.now();
const dir = makeSandbox();
console.log(`mutants: sandbox ${dir}`);
let exitCode = 0;
try {
  // Baseline: the union of every selected mutant's tests must pass on the unmutated copy.
  const unionUnit = [...new Set(selected.flatMap((m) => m.unit))];
  const unionContract = [...new Set(selected.flatMap((m) => m.contract ?? []))];
  const baseline = await runTests(dir, { unit: unionUnit, contract: unionContract }, "baseline", false);
  if (!baseline.ran || baseline.failedTests || baseline.failedSuites) {
    console.log(`✖ baseline: the tests fail without any mutant (${baseline.failedTests} failed tests, ${baseline.failedSuites} failed suites); fix them first`);
    for (const n of baseline.failedNames.slice(0, 10)) console.log(`    ${n}`);
    if (!baseline.ran || (!baseline.failedTests && baseline.failedSuites)) console.log(baseline.output.slice(-4000));
    process.exitCode = 2;
  } else {
    console.log(`✔ baseline: ${baseline.total} tests pass unmutated (${[...unionUnit, ...unionContract].join(", ")})`);
    let killed = 0;
    for (const mutant of selected) {
      const t0 = Date.now();
      const file = path.join(dir, mutant.file);
      const original = readFileSync(file, "utf8");
      const matches = original.match(mutant.find.global ? mutant.find : new RegExp(mutant.find.source, `${mutant.find.flags}g`)) ?? [];
      const want = mutant.count ?? 1;
      if (matches.length !== want) {
        console.log(`✖ ${mutant.id}: NO LONGER APPLIES: ${mutant.file} has ${matches.length} match(es) of ${mutant.find}, expected ${want}; update the mutant`);
        continue;
      }
      const mutated = original.replace(mutant.find, mutant.replace);
      if (mutated === original) {
        console.log(`✖ ${mutant.id}: the replacement changed nothing in ${mutant.file}`);
        continue;
      }
      writeFileSync(file, mutated);
      try {
        const r = await runTests(dir, mutant, mutant.id, true);
        const secs = ((Date.now() - t0) / 1000).toFixed(1);
        if (r.failedTests > 0) {
          killed++;
          console.log(`✔ ${mutant.id}: killed (${r.failedTests} failing test${r.failedTests === 1 ? "" : "s"} before --bail stopped the run, ${secs} s) — ${mutant.description}`);
          for (const n of r.failedNames.slice(0, 3)) console.log(`    ${n}`);
          if (r.failedNames.length > 3) console.log(`    … and ${r.failedNames.length - 3} more`);
        } else if (r.failedSuites > 0 || !r.ran) {
          console.log(`✖ ${mutant.id}: INVALID, the mutated code does not load (${r.failedSuites} suites failed, no test ran to a verdict) (${secs} s)`);
          console.log(r.output.slice(-3000));
        } else {
          console.log(`✖ ${mutant.id}: SURVIVED: all ${r.total} tests pass (${secs} s) — ${mutant.description}`);
        }
      } finally {
        writeFileSync(file, original);
      }
    }
    const rate = (killed / selected.length) * 100;
    const total = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\nkill rate: ${killed}/${selected.length} = ${rate.toFixed(rate === 100 ? 0 : 1)} % (${total} s)`);
    if (killed !== selected.length) process.exitCode = 1;
  }
} catch (err) {
  console.error(err);
  exitCode = 2;
} finally {
  if (opts.keep) console.log(`mutants: kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
if (exitCode) process.exitCode = exitCode;
