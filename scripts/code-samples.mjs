// Code samples per operation, shown by Redocly as `x-codeSamples` on each operation's page. The samples are source
// files, samples/<operationId>/{sdk.ts,cli.sh,curl.sh}, type-checked and run against the emulator by
// test/docs/samples.test.ts; this module only copies them into a rendered copy of a spec. The specs in openapi/
// stay without samples: they are the contract, the samples are documentation of this SDK, and a sample edit must
// not change the spec hash stamped into generated/.
//
// For scripts/docs.mjs:
//   withCodeSamples(spec, specName) → a deep copy of the parsed OpenAPI document `spec` (the input is not changed)
//     in which every operation has `x-codeSamples: [{ lang, label, source }, …]`, in SAMPLE_KINDS order, the kinds
//     its folder holds. Throws when an operation has no operationId or no sample folder; `specName` names the
//     spec in that error.
//   writeSpecsWithSamples(outDir) → writes <outDir>/<name>.json for each project spec (apig, dds, iam) through
//     withCodeSamples and returns `[{ name, file }]`; `redocly build-docs <file>` renders one.
//   samplesOf(operationId) → `[{ kind, file, lang, label, source }]`, the samples of one operation.
//   CODE_SAMPLE_LANGUAGES → `[{ lang, label }]` for the Redocly config, `openapi.codeSamples.languages`: Redoc
//     shows an x-codeSamples entry only when its `lang` is listed there (the default list has curl but not
//     TypeScript or Shell), in that order, with the first one selected.
//   SAMPLE_KINDS, SAMPLES_DIR: the kinds (file name, lang, label) and the folder.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { HTTP_METHODS, loadProjectSpec, SPEC_NAMES } from "./spec-model.mjs";

const root = path.resolve(import.meta.dirname, "..");

/** Where the samples live: one folder per operationId. */
export const SAMPLES_DIR = path.join(root, "samples");

/** The kinds of sample, in the order the tabs are shown. `lang` picks the highlighter. */
export const SAMPLE_KINDS = Object.freeze([
  Object.freeze({ kind: "sdk", file: "sdk.ts", lang: "TypeScript", label: "TypeScript SDK" }),
  Object.freeze({ kind: "cli", file: "cli.sh", lang: "Shell", label: "hwgw CLI" }),
  Object.freeze({ kind: "curl", file: "curl.sh", lang: "curl", label: "curl" }),
]);

/** What the Redocly config must list under `openapi.codeSamples.languages` for the samples to be shown. */
export const CODE_SAMPLE_LANGUAGES = Object.freeze(SAMPLE_KINDS.map(({ lang, label }) => Object.freeze({ lang, label })));

/** The samples of one operation, read from samples/<operationId>/ (empty when the folder has none). */
export function samplesOf(operationId) {
  if (!/^[A-Za-z0-9_]+$/.test(operationId)) throw new Error(`not an operationId: ${JSON.stringify(operationId)}`);
  const out = [];
  for (const { kind, file, lang, label } of SAMPLE_KINDS) {
    const full = path.join(SAMPLES_DIR, operationId, file);
    if (existsSync(full)) out.push({ kind, file: full, lang, label, source: `${readFileSync(full, "utf8").trimEnd()}\n` });
  }
  return out;
}

/** A copy of `spec` with `x-codeSamples` on every operation; see the header. */
export function withCodeSamples(spec, specName = "spec") {
  const copy = structuredClone(spec);
  for (const [route, item] of Object.entries(copy.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const where = `${specName}: ${method.toUpperCase()} ${route}`;
      if (typeof op.operationId !== "string") throw new Error(`${where} has no operationId, so no samples folder`);
      const samples = samplesOf(op.operationId);
      if (samples.length === 0) throw new Error(`${where}: no samples in samples/${op.operationId}/ (${SAMPLE_KINDS.map((k) => k.file).join(", ")})`);
      op["x-codeSamples"] = samples.map(({ lang, label, source }) => ({ lang, label, source }));
    }
  }
  return copy;
}

/** Writes every project spec with its samples to `outDir` as JSON; returns `[{ name, file }]`. */
export function writeSpecsWithSamples(outDir) {
  mkdirSync(outDir, { recursive: true });
  return SPEC_NAMES.map((name) => {
    const file = path.join(outDir, `${name}.json`);
    writeFileSync(file, `${JSON.stringify(withCodeSamples(loadProjectSpec(name).doc, name), null, 2)}\n`);
    return { name, file };
  });
}
