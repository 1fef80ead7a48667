// `npm run generate`: the specs in openapi/ → generated/, per API: typed paths (`<api>.ts`, openapi-typescript),
// input validators (`validators/<api>.js`, Ajv standalone) and the operation table (`operations/<api>.js`) that the
// API's client hands its transport to look every request up in; plus the types they share (operation-types.d.ts).
// Output is deterministic, so `git status --porcelain generated/` after this script is the drift check.
//
//   node scripts/generate.mjs [--specs <dir> --out <dir>]
//
// `--specs` takes every `<name>.yaml` in that directory instead of the project's specs (a throwaway copy in a
// test); `--out` writes there instead of generated/.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { SPECS } from "./prism.mjs";
import { generateValidators } from "./generate-validators.mjs";
import { loadSpecFile, retryFacts } from "./spec-model.mjs";

const root = path.resolve(import.meta.dirname, "..");
const QUERY_TYPES = new Set(["integer", "number", "boolean", "array"]);

function parseArgs(argv) {
  const opts = { specs: undefined, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(specs|out)(?:=(.*))?$/.exec(argv[i]);
    const value = m ? (m[2] ?? argv[++i]) : undefined;
    if (!m || !value) {
      console.error(`generate: bad argument ${argv[i]}\nusage: node scripts/generate.mjs [--specs <dir> --out <dir>]`);
      process.exit(2);
    }
    opts[m[1]] = path.resolve(value);
  }
  return opts;
}

export function sha256(file) {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** The header every generated file starts with: its sources (relative to `base`) and their hashes, and a warning. */
function headerFor(base) {
  return (sources) => {
    const lines = sources.map((s) => ` * Source: ${s} (sha256 ${sha256(path.resolve(base, s))})`);
    return `/**\n * GENERATED FILE: DO NOT EDIT. Change the spec and run \`npm run generate\`.\n${lines.join("\n")}\n */\n`;
  };
}

/** The header of the project's own generated files. */
export const generatedHeader = headerFor(root);

/**
 * One row per operation: what the transport needs to find a request's operation and treat it as the spec says.
 * Retry facts come from the operation's `x-hwc-retry` (see `retryFacts` in spec-model.mjs); an operation without
 * them is an error, so nobody adds an operation without deciding whether it is safe to repeat.
 */
export function operationRows(name, file, model) {
  const rows = [];
  for (const operation of model.operations()) {
    const { method, path: route, operationId, parameters, requestBody: body } = operation;
    const where = `${file}: ${method} ${route} (${operationId})`;
    // It names the operation's entry in operations/<api>.js and its validator.
    if (!/^[A-Za-z_$][\w$]*$/.test(operationId) || operationId === "operations")
      throw new Error(`${where}: the operationId must be a JavaScript identifier other than "operations" (it names the generated exports)`);
    const retry = retryFacts(operation, where);
    // Query values arrive as text in the URL; the non-string ones are turned back into what the spec says
    // before validation, so `limit=10` is the integer 10 and `limit=ten` an integer error naming `limit`.
    const query = {};
    for (const p of parameters.filter((q) => q.in === "query")) {
      const type = model.deref(p.schema)?.type;
      if (QUERY_TYPES.has(type)) query[p.name] = type;
    }
    // The media type the SDK sends (openapi-fetch's default JSON), and the one the validators check.
    const contentTypes = Object.keys(body?.content ?? {});
    if (body && !contentTypes.includes("application/json")) throw new Error(`${where}: the request body needs an application/json media type`);
    rows.push({
      api: name,
      operationId,
      method,
      path: route,
      requestContentType: body ? "application/json" : null,
      bodyRequired: body?.required === true,
      query,
      retry,
    });
  }
  return rows;
}

function operationsModule(name, rows, header) {
  // One constant per operation, so a client that sends only some of a spec's operations (the SDK's own IAM calls)
  // takes those entries, and a bundler drops the other validators. Each validator is loaded on first use: importing
  // the SDK compiles none of them (they were half the source a cold import compiled).
  const entries = rows.map(
    (r) =>
      `export const ${r.operationId} = /* @__PURE__ */ Object.freeze({ ${JSON.stringify(r).slice(1, -1)}, loadValidator: () => import("../validators/${name}/${r.operationId}.js").then((m) => m.validate) });`,
  );
  return [
    header,
    `/** The ${name} spec's operations, one entry each, then all of them in spec order. See ${name}.d.ts. */`,
    ...entries,
    // Pure: a bundle that holds every service in one chunk can still drop the tables of the unused ones.
    `export const operations = /* @__PURE__ */ Object.freeze([${rows.map((r) => r.operationId).join(", ")}]);`,
    "",
  ].join("\n");
}

function operationsDeclaration(name, rows, header) {
  return [
    header,
    'import type { OperationEntry } from "../operation-types.js";',
    "",
    ...rows.map((r) => `/** ${name} ${r.operationId}: \`${r.method} ${r.path}\`. */\nexport declare const ${r.operationId}: OperationEntry;`),
    `/** The ${name} spec's operations: ${rows.map((r) => `${r.operationId} (${r.method} ${r.path})`).join(", ")}. */`,
    "export declare const operations: readonly OperationEntry[];",
    "",
  ].join("\n");
}

/** The types every API's table and validators share; declarations only, so no API's module imports another's. */
function operationTypes(header) {
  return [
    header,
    "/** An Ajv error object, as the generated validators report them (without the fields the SDK never reads). */",
    "export interface GeneratedValidationError { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string; parentSchema?: Record<string, unknown> }",
    "/** A compiled validator: returns true when `data` conforms, else sets `errors`. */",
    "export interface GeneratedValidator { (data: unknown): boolean; errors?: GeneratedValidationError[] | null }",
    "/** An operation's `x-hwc-retry`: whether a repeat is harmless, and which error codes mean refused, not applied. */",
    "export interface RetryFacts { readonly safeToRepeat: boolean; readonly busyErrorCodes: readonly string[] }",
    "/** One operation of a spec, as the transport looks requests up. */",
    "export interface OperationEntry {",
    "  /** The spec it comes from (its file name without .yaml). */",
    "  readonly api: string;",
    "  readonly operationId: string;",
    "  /** Upper case: GET, PUT, POST, DELETE, PATCH. */",
    "  readonly method: string;",
    "  /** The path template, as in the spec: `/v3/{project_id}/instances`. */",
    "  readonly path: string;",
    "  /** The request body's media type, or null for an operation without a body. */",
    "  readonly requestContentType: string | null;",
    "  readonly bodyRequired: boolean;",
    "  /** Query parameters that are not strings in the spec, by name: how to read them back from the URL. */",
    '  readonly query: Readonly<Record<string, "integer" | "number" | "boolean" | "array">>;',
    "  readonly retry: RetryFacts;",
    "  /** Loads the operation's input validator (validators/<api>/<operationId>.js, over `{ path, query, body }`). */",
    "  readonly loadValidator: () => Promise<GeneratedValidator>;",
    "}",
    "",
  ].join("\n");
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // Sources are named relative to `base` in the headers: the project root, or the throwaway spec directory.
  const base = opts.specs ?? root;
  const specs = opts.specs
    ? Object.fromEntries(
        readdirSync(opts.specs)
          .filter((f) => f.endsWith(".yaml"))
          .sort()
          .map((f) => [f.slice(0, -5), f]),
      )
    : SPECS;
  const outDir = opts.out ?? path.join(root, "generated");
  const header = headerFor(base);
  mkdirSync(outDir, { recursive: true });

  mkdirSync(path.join(outDir, "operations"), { recursive: true });
  let count = 0;
  for (const [name, spec] of Object.entries(specs)) {
    const file = path.resolve(base, spec);
    const ast = await openapiTS(pathToFileURL(file), { alphabetize: false });
    writeFileSync(path.join(outDir, `${name}.ts`), `${header([spec])}\n${astToString(ast)}`);
    const model = loadSpecFile(file, spec);
    const rows = operationRows(name, spec, model);
    count += rows.length;
    // Per API, so a client of one service bundles only its own table and validators.
    await generateValidators({ name, model, outDir, source: spec, header });
    writeFileSync(path.join(outDir, "operations", `${name}.js`), operationsModule(name, rows, header([spec])));
    writeFileSync(path.join(outDir, "operations", `${name}.d.ts`), operationsDeclaration(name, rows, header([spec])));
  }
  writeFileSync(path.join(outDir, "operation-types.d.ts"), operationTypes(header(Object.values(specs))));
  console.log(`generated ${Object.keys(specs).length} type files, validators and tables of ${count} operations in ${path.relative(root, outDir) || "."}/`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
