/**
 * Layer 1, spec quality: both linters pass on every spec with no finding at all (Redocly: 0 errors, 0 warnings under
 * recommended-strict plus our extra rules; Spectral: nothing at warn or above under spectral:oas plus the OWASP
 * ruleset). The rulesets themselves are checked too: what they extend, and that every rule turned off says why.
 * test/spec/self-test.test.ts proves these gates can fail.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { redoclyLint, REPO_ROOT, spectralLint, type RedoclyResult, type SpectralResult } from "./lint-runner.js";
import { SPEC_NAMES } from "./example-gate.js";

const files = SPEC_NAMES.map((name) => `openapi/${name}.yaml`);

describe("redocly lint (recommended-strict + extra rules)", () => {
  let results: RedoclyResult[];
  beforeAll(async () => {
    results = await redoclyLint(REPO_ROOT, files);
  }, 60_000);

  files.forEach((file, i) => {
    it(`${file}: 0 errors, 0 warnings`, () => {
      const result = results[i] as RedoclyResult;
      expect(result.problems.map((p) => `${p.severity} ${p.ruleId} ${p.pointer}: ${p.message}`)).toEqual([]);
      expect(result.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
      expect(result.exitCode).toBe(0);
    });
  });

  it("redocly.yaml extends recommended-strict (lint) and diff-recommended (spec:diff)", () => {
    const config = parse(readFileSync(path.join(REPO_ROOT, "redocly.yaml"), "utf8")) as { extends?: string[] };
    expect(config.extends).toEqual(expect.arrayContaining(["recommended-strict", "diff-recommended"]));
  });
});

describe("spectral lint (spectral:oas + OWASP)", () => {
  let result: SpectralResult;
  beforeAll(async () => {
    result = await spectralLint(REPO_ROOT, files);
  }, 60_000);

  it("reports nothing at warn or above", () => {
    const serious = result.findings.filter((f) => f.severity <= 1);
    expect(serious.map((f) => `${f.source} ${f.code} ${f.path}: ${f.message}`)).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
});

describe(".spectral.yaml", () => {
  const text = readFileSync(path.join(REPO_ROOT, ".spectral.yaml"), "utf8");
  const ruleset = parse(text) as { extends?: string[]; rules?: Record<string, unknown>; overrides?: { rules?: Record<string, unknown> }[] };

  it("extends spectral:oas and the OWASP ruleset", () => {
    expect(ruleset.extends).toEqual(expect.arrayContaining(["spectral:oas", "@stoplight/spectral-owasp-ruleset"]));
  });

  it("gives a one-line reason, in a comment right above it, for every rule it turns off", () => {
    const lines = text.split("\n");
    const offRules: string[] = [];
    lines.forEach((line, i) => {
      const m = /^\s*([\w:@/.-]+):\s*["']?off["']?\s*(#.*)?$/.exec(line);
      if (!m) return;
      offRules.push(m[1] as string);
      const above = lines[i - 1]?.trim() ?? "";
      expect(above, `${m[1]} is turned off without a reason comment above it`).toMatch(/^#\s*\S.{10,}/);
    });
    // Every "off" the YAML parser sees was checked above (no flow-style or multi-line form slipped through).
    const parsedOff = [...Object.entries(ruleset.rules ?? {}), ...(ruleset.overrides ?? []).flatMap((o) => Object.entries(o.rules ?? {}))].filter(
      ([, v]) => v === "off" || v === false,
    );
    expect(offRules.sort()).toEqual(parsedOff.map(([k]) => k).sort());
  });
});
