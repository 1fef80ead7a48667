/**
 * The example gate behind test/spec/examples.test.ts and test/spec/self-test.test.ts: the shared spec model of
 * scripts/spec-model.mjs plus an Ajv 2020-12 instance that knows the document's components, and the collection of
 * every example next to its schema. `exampleProblems` is the gate as one function, so the self-test can run it on
 * mutated documents.
 */
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { loadProjectSpec, SpecModel, SPEC_NAMES as NAMES, type Obj, type SpecName } from "../../scripts/spec-model.mjs";

export type { Obj, SpecName };
export const SPEC_NAMES = NAMES;

// Both packages are CommonJS with `module.exports = fn; exports.default = fn`; under NodeNext the
// default import is typed as the module object, so take `.default`, which exists at runtime too.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export const DIALECT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

export function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asObj(value: unknown, what: string): Obj {
  if (!isObj(value)) throw new Error(`${what} is not an object`);
  return value;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** A spec model plus an Ajv instance that knows its components. */
export class Spec extends SpecModel {
  readonly base: string;
  private readonly ajv: InstanceType<typeof Ajv2020>;
  private readonly cache = new Map<string, ValidateFunction>();

  /** Loads `openapi/<name>.yaml`, or takes an already parsed (for example mutated) document. */
  constructor(name: SpecName, doc?: unknown) {
    super(doc ?? loadProjectSpec(name).doc, name);
    this.base = `https://hwc-gateways.invalid/openapi/${name}.json`;
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    // OpenAPI's `password` format is a UI hint, not a constraint.
    this.ajv.addFormat("password", true);
    const components = isObj(this.doc.components) ? this.doc.components : {};
    this.ajv.addSchema({ $id: this.base, components: this.absolutize(components) });
  }

  /** Rewrites every local `$ref: '#/...'` into `<base>#/...` so Ajv resolves it against the registered document. */
  absolutize(node: unknown): unknown {
    return this.rewriteRefs(node, (ref) => (ref.startsWith("#/") ? `${this.base}${ref}` : ref));
  }

  /** Resolves an OpenAPI object that may be a `$ref`, and insists that it is an object. */
  override deref(node: unknown): Obj {
    return asObj(super.deref(node), `${this.name}: resolved object`);
  }

  validator(schema: unknown): ValidateFunction {
    const rewritten = this.absolutize(schema);
    const key = JSON.stringify(rewritten);
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(rewritten as Obj);
      this.cache.set(key, validate);
    }
    return validate;
  }

  /** Returns `null` when `value` is valid, otherwise Ajv's error text. */
  check(schema: unknown, value: unknown): string | null {
    const validate = this.validator(schema);
    return validate(value) ? null : this.ajv.errorsText(validate.errors, { separator: "; " });
  }

  /** Returns the Ajv errors of `value` (empty when valid). */
  errors(schema: unknown, value: unknown): { keyword: string; instancePath: string }[] {
    const validate = this.validator(schema);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => ({ keyword: e.keyword, instancePath: e.instancePath }));
  }
}

export interface ExampleCase {
  name: string;
  schema: unknown;
  value: unknown;
}

/** Named and single examples of a media type, parameter or header object. */
export function examplesOf(spec: Spec, holder: Obj): { label: string; value: unknown }[] {
  const found: { label: string; value: unknown }[] = [];
  if ("example" in holder) found.push({ label: "example", value: holder.example });
  if (isObj(holder.examples)) {
    for (const [exampleName, rawExample] of Object.entries(holder.examples)) {
      const example = spec.deref(rawExample);
      if ("value" in example) found.push({ label: exampleName, value: example.value });
    }
  }
  return found;
}

/** Visits a schema and its subschemas (not following `$ref`), calling `visit` with a readable location. */
export function walkSchema(node: unknown, location: string, visit: (schema: Obj, location: string) => void): void {
  if (!isObj(node)) return;
  visit(node, location);
  for (const key of ["properties", "patternProperties", "$defs", "dependentSchemas"]) {
    const map = node[key];
    if (isObj(map)) for (const [child, sub] of Object.entries(map)) walkSchema(sub, `${location}/${key}/${child}`, visit);
  }
  for (const key of ["items", "additionalProperties", "unevaluatedProperties", "not", "if", "then", "else", "contains", "propertyNames"]) {
    if (isObj(node[key])) walkSchema(node[key], `${location}/${key}`, visit);
  }
  for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"]) {
    const list = node[key];
    if (Array.isArray(list)) for (const [i, sub] of list.entries()) walkSchema(sub, `${location}/${key}/${i}`, visit);
  }
}

/** Visits a schema and everything it references, following `$ref` once per target. */
export function walkSchemaDeep(spec: Spec, node: unknown, location: string, visit: (schema: Obj, location: string) => void, seen = new Set<string>()): void {
  walkSchema(node, location, (schema, where) => {
    visit(schema, where);
    const ref = schema.$ref;
    if (typeof ref === "string" && !seen.has(ref)) {
      seen.add(ref);
      walkSchemaDeep(spec, spec.pointer(ref), ref, visit, seen);
    }
  });
}

export function collectExampleCases(spec: Spec): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const schemaRoots: { schema: unknown; location: string }[] = [];

  for (const { path, method, op, parameters, requestBody, responses } of spec.operations()) {
    const prefix = `${spec.name} ${method} ${path}`;
    for (const parameter of parameters) {
      schemaRoots.push({ schema: parameter.schema, location: `${prefix} parameter ${String(parameter.name)}` });
      for (const { label, value } of examplesOf(spec, parameter)) {
        cases.push({ name: `${prefix} parameter ${String(parameter.in)}:${String(parameter.name)} ${label}`, schema: parameter.schema, value });
      }
    }
    if (requestBody !== undefined) {
      for (const [mediaType, rawMedia] of Object.entries(asObj(requestBody.content, `${prefix} request content`))) {
        const media = asObj(rawMedia, `${prefix} request ${mediaType}`);
        for (const { label, value } of examplesOf(spec, media)) {
          cases.push({ name: `${prefix} request ${mediaType} ${label}`, schema: media.schema, value });
        }
      }
    }
    // A missing responses object is a broken document (the model lists none), not an operation without answers.
    asObj(op.responses, `${prefix} responses`);
    for (const [status, response] of Object.entries(responses)) {
      if (isObj(response.headers)) {
        for (const [headerName, rawHeader] of Object.entries(response.headers)) {
          const header = spec.deref(rawHeader);
          for (const { label, value } of examplesOf(spec, header)) {
            cases.push({ name: `${prefix} ${status} header ${headerName} ${label}`, schema: header.schema, value });
          }
        }
      }
      if (isObj(response.content)) {
        for (const [mediaType, rawMedia] of Object.entries(response.content)) {
          const media = asObj(rawMedia, `${prefix} ${status} ${mediaType}`);
          for (const { label, value } of examplesOf(spec, media)) {
            cases.push({ name: `${prefix} ${status} ${label}`, schema: media.schema, value });
          }
        }
      }
    }
  }

  // Schema-level `examples` (and the OpenAPI 3.0 `example`) anywhere in component or inline schemas.
  const components = isObj(spec.doc.components) ? spec.doc.components : {};
  if (isObj(components.schemas)) {
    for (const [schemaName, schema] of Object.entries(components.schemas)) {
      schemaRoots.push({ schema, location: `${spec.name} #/components/schemas/${schemaName}` });
    }
  }
  for (const { schema, location } of schemaRoots) {
    walkSchema(schema, location, (sub, where) => {
      if (Array.isArray(sub.examples)) {
        for (const [i, value] of sub.examples.entries()) cases.push({ name: `${where} schema examples[${i}]`, schema: sub, value });
      }
      if ("example" in sub) cases.push({ name: `${where} schema example`, schema: sub, value: sub.example });
    });
  }
  return cases;
}

/** Every example of `doc` that does not validate against its schema (or whose schema does not compile), as text. */
export function exampleProblems(name: SpecName, doc?: unknown): string[] {
  const problems: string[] = [];
  let spec: Spec;
  let cases: ExampleCase[];
  try {
    spec = new Spec(name, doc);
    cases = collectExampleCases(spec);
  } catch (err) {
    return [`${name}: ${err instanceof Error ? err.message : String(err)}`];
  }
  for (const c of cases) {
    if (c.schema === undefined) {
      problems.push(`${c.name}: example has no schema next to it`);
      continue;
    }
    try {
      const error = spec.check(c.schema, c.value);
      if (error !== null) problems.push(`${c.name}: ${error}`);
    } catch (err) {
      problems.push(`${c.name}: schema does not compile: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return problems;
}
