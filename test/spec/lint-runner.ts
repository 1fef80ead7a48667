/**
 * Runs the two spec linters the way `npm test` does and returns their findings as data, for test/spec/lint.test.ts
 * (the real specs) and test/spec/self-test.test.ts (mutated copies in a temporary directory).
 *
 * - Redocly: `redocly lint <files> --format=json --config <root>/redocly.yaml`; with several files it prints one JSON
 *   report per file back to back, which `splitJsonStream` separates again.
 * - Spectral: `spectral lint <files> --ruleset <root>/.spectral.yaml --format json --fail-severity warn`, written to
 *   a file so the "No results" notice on stdout cannot corrupt the JSON.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";

/** The repository root (where redocly.yaml, .spectral.yaml and node_modules live). */
export const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface RedoclyProblem {
  ruleId: string;
  severity: string;
  message: string;
  pointer: string;
}

export interface RedoclyResult {
  exitCode: number;
  totals: { errors: number; warnings: number; ignored: number };
  problems: RedoclyProblem[];
}

export interface SpectralFinding {
  code: string;
  /** 0 error, 1 warn, 2 info, 3 hint. */
  severity: number;
  message: string;
  path: string;
  source: string;
}

export interface SpectralResult {
  exitCode: number;
  findings: SpectralFinding[];
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Splits Redocly's JSON output, which prints one report per file back to back (`}{`), into the reports. */
export function splitJsonStream(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "{") {
      if (depth++ === 0) start = i;
    } else if (ch === "}" && --depth === 0) {
      out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out;
}

/**
 * Lints spec files (relative to `root`) with Redocly under `root`'s redocly.yaml, in one process; one result per
 * file, in order. The exit code is the process's, shared by all files.
 */
export async function redoclyLint(root: string, files: string[]): Promise<RedoclyResult[]> {
  const r = await run(
    path.join(root, "node_modules", ".bin", "redocly"),
    ["lint", ...files, "--format=json", "--config", path.join(root, "redocly.yaml")],
    root,
  );
  type Report = { totals?: RedoclyResult["totals"]; problems?: { ruleId: string; severity: string; message: string; location?: { pointer?: string }[] }[] };
  let reports: Report[];
  try {
    reports = splitJsonStream(r.stdout) as Report[];
  } catch {
    reports = [];
  }
  if (reports.length !== files.length) {
    throw new Error(`redocly lint printed ${reports.length} JSON reports for ${files.length} files (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return reports.map((report) => ({
    exitCode: r.code,
    totals: report.totals ?? { errors: 0, warnings: 0, ignored: 0 },
    problems: (report.problems ?? []).map((p) => ({ ruleId: p.ruleId, severity: p.severity, message: p.message, pointer: p.location?.[0]?.pointer ?? "" })),
  }));
}

/** Lints spec files (relative to `root`) with Spectral under `root`'s .spectral.yaml; findings of every severity. */
export async function spectralLint(root: string, files: string[]): Promise<SpectralResult> {
  const out = mkdtempSync(path.join(tmpdir(), "hwc-spectral-"));
  const report = path.join(out, "spectral.json");
  try {
    const r = await run(
      path.join(root, "node_modules", ".bin", "spectral"),
      ["lint", ...files, "--ruleset", path.join(root, ".spectral.yaml"), "--format", "json", "--output", report, "--fail-severity", "warn"],
      root,
    );
    let raw: { code: string; severity: number; message: string; path: (string | number)[]; source?: string }[];
    try {
      raw = JSON.parse(readFileSync(report, "utf8")) as typeof raw;
    } catch {
      throw new Error(`spectral lint wrote no JSON report (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
    return {
      exitCode: r.code,
      findings: raw.map((f) => ({
        code: String(f.code),
        severity: f.severity,
        message: f.message,
        path: f.path.join("."),
        source: path.relative(root, f.source ?? ""),
      })),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * A throw-away copy of the lint setup: redocly.yaml, .spectral.yaml and a node_modules symlink, plus the given spec
 * files under openapi/. Spectral resolves the OWASP ruleset and its `overrides` relative to the ruleset file, so the
 * copy has the repository's layout. Files may be named `<spec>.<variant>.yaml` so several variants of one spec are
 * linted in one process; for those the `overrides` file patterns `openapi/<spec>.yaml` are widened to
 * `openapi/<spec>.*.yaml` (rules, severities and pointers stay exactly as in the repository's ruleset).
 */
export function lintSandbox(specs: Record<string, string>): { root: string; dispose: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), "hwc-spec-selftest-"));
  try {
    cpSync(path.join(REPO_ROOT, "redocly.yaml"), path.join(root, "redocly.yaml"));
    const ruleset = parse(readFileSync(path.join(REPO_ROOT, ".spectral.yaml"), "utf8")) as { overrides?: { files?: string[] }[] };
    for (const override of ruleset.overrides ?? []) {
      override.files = (override.files ?? []).map((pattern) => {
        const widened = pattern.replace(/^openapi\/([\w-]+)\.yaml(#.*)?$/, "openapi/$1.*.yaml$2");
        if (widened === pattern) throw new Error(`cannot widen the .spectral.yaml override pattern ${pattern}`);
        return widened;
      });
    }
    writeFileSync(path.join(root, ".spectral.yaml"), stringify(ruleset));
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
    mkdirSync(path.join(root, "openapi"));
    for (const [name, text] of Object.entries(specs)) writeFileSync(path.join(root, "openapi", name), text);
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
