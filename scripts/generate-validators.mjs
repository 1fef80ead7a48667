// Ajv standalone validators for every operation's inputs (path, query, body), compiled from the specs at
// generation time, so the SDK rejects exactly what the spec rejects without shipping Ajv or the specs.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import standaloneCode from "ajv/dist/standalone/index.js";
import { operationInputSchema } from "./spec-model.mjs";

const ID_ROOT = "https://hwc-gateways.invalid/schemas";
const COMPONENT_SCHEMAS = "#/components/schemas/";
// Only documentation: dropping it keeps the generated code small. A key that holds an object may be a property
// named `description` or `title`, so only the documentation keywords' own shapes are dropped.
const DOC_KEYS = new Set(["description", "examples", "example", "summary", "title", "externalDocs"]);
const isDocOnly = (k, v) => DOC_KEYS.has(k) && (typeof v !== "object" || k === "examples" || k === "example" || k === "externalDocs");

// A JS string literal as Ajv writes them (JSON.stringify): quotes inside are escaped.
const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const SLIMMED = [
  // `schema` (the keyword's own value), `data` (the value checked) and `schemaPath` are `verbose` extras the SDK
  // never reads; `parentSchema` stays: it gives both bounds of a range ("must have 32–36 characters").
  { name: "schema", re: new RegExp(`,schema:(?:${STRING}|[^,{}"]*)(?=,parentSchema:)`, "g") },
  { name: "data", re: /,data(?::data\d+)?(?=\})/g },
  { name: "schemaPath", re: new RegExp(`(?<=[{,])schemaPath:${STRING},`, "g") },
];

/**
 * Drops the error fields nobody reads from every error object of `code`: a third of the validators' size before
 * minification, a tenth after gzip. Each field must go from every error object (one per `keyword:`), or the
 * generation fails rather than ship validators whose errors differ in shape.
 */
function slimErrors(code, name) {
  const errors = code.match(/(?<=[{,])keyword:"/g)?.length ?? 0;
  for (const { name: field, re } of SLIMMED) {
    const found = code.match(re)?.length ?? 0;
    if (found !== errors) throw new Error(`validators of ${name}: ${found} error objects of ${errors} have a ${field} field Ajv wrote as expected`);
    code = code.replace(re, "");
  }
  return code;
}

// Ajv merges a referenced schema's errors into the caller's with `vErrors.concat(…)`: a new array per failing
// item, so N invalid array items cost N²/2 copies (100k items took 40 s). Appending in place keeps it linear.
const CONCAT = /vErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\);/g;
const APPEND_HELPER = "function appendErrors(to,from){if(to===null)return from;for(const e of from)to.push(e);return to;}\n";

/**
 * Rewrites every error merge of `code` to append in place. Fails the generation if Ajv merged errors in any other
 * way, rather than ship validators that are quadratic again.
 */
function linearErrors(code, name) {
  const merges = code.match(/\.concat\(/g)?.length ?? 0;
  const found = code.match(CONCAT)?.length ?? 0;
  if (found !== merges) throw new Error(`validators of ${name}: ${merges - found} of ${merges} error merges in a form Ajv did not write before`);
  return code.replace(CONCAT, "vErrors = appendErrors(vErrors, $1.errors);");
}

/**
 * Writes `validators/<api>/<operationId>.js` and `.d.ts` into `outDir` for each operation of `model`: its validator
 * (export `validate`), over the inputs `operationInputSchema` describes. One Ajv per API compiles them, each module
 * holding only the functions its operation reaches. `source` and `header` make the files' header.
 */
export async function generateValidators({ name, model, outDir, source, header }) {
  // One Ajv per API: schemas and the functions compiled from them never cross into another API's module.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    // parentSchema on errors lets the SDK say "must have 32–36 characters" instead of one bound at a time.
    verbose: true,
    // One function per referenced component instead of a copy at every use site.
    inlineRefs: false,
    code: { source: true, esm: true, lines: false, optimize: true },
  });
  // Regex formats are inlined into the generated code; ajv-formats' date-time is a function that would make the
  // output require() ajv-formats at run time, so an RFC 3339 regex stands in for it.
  addFormats(ajv, ["ipv4", "ipv6", "uri", "email"]);
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dt\d\d:\d\d:\d\d(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i);
  for (const f of ["password", "int32", "int64"]) ajv.addFormat(f, true);
  const operations = [];
  for (const operation of model.operations()) {
    // Each operation schema carries only the components it reaches, under $defs (absolute ids: a relative $ref
    // would resolve against the operation schema's own id); compiling whole components would put every response
    // schema into the generated code too.
    const defs = {};
    const rename = (ref) => {
      if (!ref.startsWith(COMPONENT_SCHEMAS)) return ref;
      const component = ref.slice(COMPONENT_SCHEMAS.length);
      if (!(component in defs)) {
        defs[component] = null;
        defs[component] = model.rewriteRefs(model.pointer(ref), rename, isDocOnly);
      }
      return `#/$defs/${component}`;
    };
    const schema = model.rewriteRefs(operationInputSchema(operation), rename, isDocOnly);
    const id = `${ID_ROOT}/operations/${operation.operationId}`;
    ajv.addSchema({ $id: id, ...schema, $defs: defs });
    operations.push({ id, operationId: operation.operationId, method: operation.method, route: operation.path });
  }
  // One module per operation, loaded by its operation-table entry on first use: importing the SDK compiles no
  // validator, and a bundle holds only the validators of the operations it can send.
  const dir = path.join(outDir, "validators", name);
  mkdirSync(dir, { recursive: true });
  for (const o of operations) {
    const where = `${name} ${o.operationId}`;
    let code = standaloneCode(ajv, { validate: o.id });
    // Ajv's ESM output still require()s its string-length helper; inline an equivalent so the file is
    // self-contained ESM (JSON Schema counts code points, not UTF-16 units).
    code = code.replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, "ucs2length");
    code = slimErrors(code, where);
    code = linearErrors(code, where);
    const leftover = code.match(/require\([^)]*\)/g);
    if (leftover) throw new Error(`standalone validator of ${where} still require()s modules: ${[...new Set(leftover)].join(", ")}`);
    const helper =
      (code.includes("ucs2length") ? `function ucs2length(str){let n=0;for(const _ of str)n++;return n;}\n` : "") +
      (code.includes("appendErrors(") ? APPEND_HELPER : "");
    writeFileSync(path.join(dir, `${o.operationId}.js`), `${header([source])}// @ts-nocheck\n${code.replace(/^"use strict";/, `"use strict";${helper}`)}\n`);
    const dts = [
      header([source]),
      'import type { GeneratedValidator } from "../../operation-types.js";',
      "",
      `/** Inputs of ${name} ${o.operationId}: \`${o.method} ${o.route}\` as { path, query, body }. */`,
      "export declare const validate: GeneratedValidator;",
      "",
    ].join("\n");
    writeFileSync(path.join(dir, `${o.operationId}.d.ts`), dts);
  }
}
