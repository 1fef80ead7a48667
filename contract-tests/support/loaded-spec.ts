/**
 * One spec parsed at test time from the file Prism mocks, with an Ajv 2020 validator that knows its components.
 *
 * Everything here is derived from the YAML; nothing is hand-listed, so a new operation, status or example shows
 * up in the matrices (and in the coverage report) without touching the tests.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { ErrorObject, ValidateFunction } from "ajv";
import { parse } from "yaml";
import { SpecModel } from "../../scripts/spec-model.mjs";
import { ROOT, SPEC_FILES, sha256, type ApiName } from "./spec-files.js";
import {
  isObj,
  type HeaderScheme,
  type NamedExample,
  type Obj,
  type Operation,
  type Parameter,
  type RequestBodySpec,
  type ResponseHeader,
  type ResponseSpec,
} from "./spec-types.js";

// Both packages are CommonJS (`module.exports = fn; exports.default = fn`): under NodeNext take `.default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/**
 * One loaded spec: document, resolution helpers, operations and an Ajv that knows its components. `$ref`
 * resolution and the operation list come from the project's one spec model (scripts/spec-model.mjs), the one the
 * generator uses; this class adds what only the contract tests need (examples, response headers, Ajv).
 */
export class LoadedSpec {
  readonly doc: Obj;
  readonly file: string;
  /** sha256 of the exact bytes parsed (the file Prism mocks). */
  readonly sha256: string;
  readonly operations: Operation[];
  private readonly model: SpecModel;
  private readonly base: string;
  private readonly ajv: InstanceType<typeof Ajv2020>;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly api: ApiName) {
    this.file = SPEC_FILES[api];
    const bytes = readFileSync(path.join(ROOT, this.file));
    this.sha256 = sha256(bytes);
    const doc: unknown = parse(bytes.toString("utf8"));
    if (!isObj(doc)) throw new Error(`${this.file} is not a YAML mapping`);
    this.model = new SpecModel(doc, this.file);
    this.doc = this.model.doc;
    this.base = `https://hwc-gateways.invalid/contract-tests/${api}.json`;
    // Same engine and options as Prism (Ajv 8, 2020-12 dialect per jsonSchemaDialect, all errors, formats).
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    const components = isObj(doc.components) ? doc.components : {};
    this.ajv.addSchema({ $id: this.base, components: this.absolutize(components) });
    this.operations = this.readOperations();
  }

  /** Follows a local JSON pointer such as `#/components/responses/NotFound`. */
  pointer(ref: string): unknown {
    return this.model.pointer(ref);
  }

  /** Resolves an OpenAPI object that may be a `$ref` (parameter, response, header, example, request body). */
  deref(node: unknown): Obj {
    const resolved = this.model.deref(node);
    if (!isObj(resolved)) throw new Error(`${this.file}: expected an object, got ${JSON.stringify(resolved)}`);
    return resolved;
  }

  /** Security schemes of type apiKey-in-header, by scheme name. */
  headerSchemes(): Map<string, HeaderScheme> {
    const out = new Map<string, HeaderScheme>();
    const comps = isObj(this.doc.components) ? this.doc.components : {};
    const schemes = isObj(comps.securitySchemes) ? comps.securitySchemes : {};
    for (const [name, raw] of Object.entries(schemes)) {
      const s = this.deref(raw);
      if (s.type === "apiKey" && s.in === "header" && typeof s.name === "string") out.set(name, { name, header: s.name.toLowerCase() });
    }
    return out;
  }

  /** Validates `value` against `schema` (which may `$ref` this spec's components). Empty array = valid. */
  validate(schema: unknown, value: unknown): ErrorObject[] {
    const rewritten = this.absolutize(schema) as Obj;
    const key = JSON.stringify(rewritten);
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.ajv.compile(rewritten);
      this.cache.set(key, fn);
    }
    return fn(value) ? [] : [...(fn.errors ?? [])];
  }

  /** Ajv errors as one readable line each. */
  static describe(errors: readonly ErrorObject[], prefix = ""): string[] {
    return errors.filter((e) => e.keyword !== "if").map((e) => [prefix.trim(), e.instancePath, e.message ?? e.keyword].filter(Boolean).join(" "));
  }

  operation(operationId: string): Operation {
    const op = this.operations.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`${this.file}: no operation ${operationId}`);
    return op;
  }

  /** Rewrites local `$ref: '#/…'` to `<base>#/…` so Ajv resolves them against the registered components. */
  private absolutize(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((n) => this.absolutize(n));
    if (!isObj(node)) return node;
    const out: Obj = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `${this.base}${v}` : this.absolutize(v);
    return out;
  }

  private examplesOf(holder: Obj): NamedExample[] {
    const out: NamedExample[] = [];
    if (isObj(holder.examples)) {
      for (const [name, raw] of Object.entries(holder.examples)) {
        const ex = this.deref(raw);
        if ("value" in ex) out.push({ name, value: ex.value });
      }
    }
    if ("example" in holder) out.push({ name: "(example)", value: holder.example });
    return out;
  }

  private readOperations(): Operation[] {
    const docSecurity = Array.isArray(this.doc.security) ? (this.doc.security as Obj[]) : [];
    return this.model.operations().map((o) => {
      const op = o.op;
      let requestBody: RequestBodySpec | undefined;
      if (o.requestBody !== undefined) {
        const content = isObj(o.requestBody.content) ? o.requestBody.content : {};
        const json = isObj(content["application/json"]) ? content["application/json"] : undefined;
        requestBody = {
          required: o.requestBody.required === true,
          mediaTypes: Object.keys(content),
          schema: json && isObj(json.schema) ? json.schema : undefined,
          examples: json ? this.examplesOf(json) : [],
        };
      }
      const responses: ResponseSpec[] = Object.entries(o.responses).map(([status, r]) => {
        const headers: ResponseHeader[] = Object.entries(isObj(r.headers) ? r.headers : {}).map(([name, rawHeader]) => {
          const h = this.deref(rawHeader);
          const examples = this.examplesOf(h);
          return { name, required: h.required === true, schema: isObj(h.schema) ? h.schema : {}, example: examples[0]?.value };
        });
        const content = isObj(r.content) ? r.content : {};
        const json = isObj(content["application/json"]) ? content["application/json"] : undefined;
        return { status, headers, schema: json && isObj(json.schema) ? json.schema : undefined, examples: json ? this.examplesOf(json) : [] };
      });
      return {
        api: this.api,
        operationId: String(o.operationId),
        method: o.method as Operation["method"],
        path: o.path,
        parameters: o.parameters.map((p) => ({
          name: String(p.name),
          in: p.in as Parameter["in"],
          required: p.required === true,
          schema: isObj(p.schema) ? p.schema : {},
          example: p.example,
        })),
        requestBody,
        security: Array.isArray(op.security) ? (op.security as Obj[]) : docSecurity,
        responses,
      };
    });
  }
}
