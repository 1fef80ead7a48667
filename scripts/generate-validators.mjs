// Ajv standalone validators for every operation's inputs (path, query, body), compiled from the specs at
// generation time, so the SDK rejects exactly what the spec rejects without shipping Ajv or the specs.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import standaloneCode from "ajv/dist/standalone/index.js";
import YAML from "yaml";

const METHODS = ["get", "put", "post", "delete", "patch"];
const ID_ROOT = "https://hwc-gateways.invalid/schemas";
// Only documentation: dropping it keeps the generated code small.
const DOC_KEYS = new Set(["description", "examples", "example", "summary", "title", "externalDocs"]);

export async function generateValidators({ root, outDir, specs, header }) {
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
  const exportsMap = {};
  const operations = [];
  for (const [name, spec] of Object.entries(specs)) {
    const doc = YAML.parse(readFileSync(path.join(root, spec), "utf8"));
    // Absolute ids: a relative $ref would resolve against the operation schema's own id.
    const components = doc.components?.schemas ?? {};
    // Each operation schema carries only the components it reaches, under $defs: compiling whole components
    // would put every response schema into the generated code too.
    const withDefs = (root) => {
      const defs = {};
      const visit = (node) => {
        if (Array.isArray(node)) return node.map(visit);
        if (!node || typeof node !== "object") return node;
        const out = {};
        for (const [k, v] of Object.entries(node)) {
          if (DOC_KEYS.has(k) && (typeof v !== "object" || k === "examples" || k === "example" || k === "externalDocs")) continue;
          if (k === "$ref" && typeof v === "string" && v.startsWith("#/components/schemas/")) {
            const name = v.slice("#/components/schemas/".length);
            if (!(name in defs)) {
              defs[name] = null;
              defs[name] = visit(components[name]);
            }
            out.$ref = `#/$defs/${name}`;
            continue;
          }
          out[k] = visit(v);
        }
        return out;
      };
      const schema = visit(root);
      return { schema, defs };
    };
    const deref = (obj) => {
      let o = obj;
      while (o && o.$ref) o = o.$ref.replace(/^#\//, "").split("/").reduce((acc, k) => acc[k], doc);
      return o;
    };
    for (const [route, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
        const group = (where) => {
          const ps = params.filter((p) => p.in === where);
          return {
            type: "object",
            properties: Object.fromEntries(ps.map((p) => [p.name, p.schema ?? {}])),
            required: ps.filter((p) => p.required).map((p) => p.name),
            additionalProperties: false,
          };
        };
        const input = {
          type: "object",
          properties: { path: group("path"), query: group("query") },
          required: ["path"],
        };
        const body = deref(op.requestBody);
        if (body) {
          input.properties.body = body.content["application/json"].schema;
          if (body.required) input.required.push("body");
        }
        const { schema, defs } = withDefs(input);
        const id = `${ID_ROOT}/operations/${op.operationId}`;
        ajv.addSchema({ $id: id, ...schema, $defs: defs });
        const fn = `validate${op.operationId}`;
        exportsMap[fn] = id;
        operations.push({ fn, operationId: op.operationId, method: method.toUpperCase(), route, api: name });
      }
    }
  }
  let code = standaloneCode(ajv, exportsMap);
  // Ajv's ESM output still require()s its string-length helper; inline an equivalent so the file is
  // self-contained ESM (JSON Schema counts code points, not UTF-16 units).
  code = code.replace(
    /require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g,
    "ucs2length",
  );
  const leftover = code.match(/require\([^)]*\)/g);
  if (leftover) throw new Error(`standalone validators still require() modules: ${[...new Set(leftover)].join(", ")}`);
  const helper = `function ucs2length(str){let n=0;for(const _ of str)n++;return n;}\n`;
  const sources = Object.values(specs);
  writeFileSync(path.join(outDir, "validators.js"), `${header(sources)}// @ts-nocheck\n${code.replace(/^"use strict";/, `"use strict";${helper}`)}\n`);
  const dts = [
    header(sources),
    "/** An Ajv error object, as the generated validators report them. */",
    "export interface GeneratedValidationError { instancePath: string; schemaPath: string; keyword: string; params: Record<string, unknown>; message?: string; parentSchema?: Record<string, unknown>; data?: unknown }",
    "/** A compiled validator: returns true when `data` conforms, else sets `errors`. */",
    "export interface GeneratedValidator { (data: unknown): boolean; errors?: GeneratedValidationError[] | null }",
    ...operations.map((o) => `/** Inputs of ${o.api} ${o.operationId}: \`${o.method} ${o.route}\` as { path, query, body }. */\nexport declare const ${o.fn}: GeneratedValidator;`),
    "",
  ].join("\n");
  writeFileSync(path.join(outDir, "validators.d.ts"), dts);
}
