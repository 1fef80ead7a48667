/**
 * Spec self-consistency tests for the hand-written OpenAPI 3.1 documents in `openapi/`.
 *
 * Every example in every spec (media-type `examples`/`example`, parameter and header examples, and
 * schema `examples`) is validated against its own schema with Ajv in JSON Schema 2020-12 mode,
 * with formats on. `#/components/...` references are resolved by registering each document under
 * a private base URI and rewriting local references to absolute ones.
 *
 * The structural checks pin the conventions the SDK relies on: OpenAPI 3.1 with the 2020-12
 * dialect, documented operations, named examples on every response, closed request bodies and
 * open response bodies.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { ValidateFunction } from "ajv";

// Both packages are CommonJS with `module.exports = fn; exports.default = fn`; under NodeNext the
// default import is typed as the module object, so take `.default`, which exists at runtime too.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

type Obj = Record<string, unknown>;

const SPEC_NAMES = ["apig", "dds", "iam"] as const;
type SpecName = (typeof SPEC_NAMES)[number];

const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;
const DIALECT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asObj(value: unknown, what: string): Obj {
  if (!isObj(value)) throw new Error(`${what} is not an object`);
  return value;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** A loaded spec plus an Ajv instance that knows its components. */
class Spec {
  readonly doc: Obj;
  readonly base: string;
  private readonly ajv: InstanceType<typeof Ajv2020>;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly name: SpecName) {
    const url = new URL(`../../openapi/${name}.yaml`, import.meta.url);
    this.doc = asObj(parse(readFileSync(url, "utf8")), `${name}.yaml`);
    this.base = `https://hwc-gateways.invalid/openapi/${name}.json`;
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    // OpenAPI's `password` format is a UI hint, not a constraint.
    this.ajv.addFormat("password", true);
    const components = isObj(this.doc["components"]) ? this.doc["components"] : {};
    this.ajv.addSchema({ $id: this.base, components: this.absolutize(components) });
  }

  /** Rewrites every local `$ref: '#/...'` into `<base>#/...` so Ajv resolves it against the registered document. */
  absolutize(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((item) => this.absolutize(item));
    if (!isObj(node)) return node;
    const out: Obj = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `${this.base}${value}` : this.absolutize(value);
    }
    return out;
  }

  /** Follows a JSON pointer such as `#/components/responses/NotFound` inside the document. */
  pointer(ref: string): unknown {
    if (!ref.startsWith("#/")) throw new Error(`${this.name}: only local refs are supported, got ${ref}`);
    let node: unknown = this.doc;
    for (const raw of ref.slice(2).split("/")) {
      const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      if (!isObj(node) || !(part in node)) throw new Error(`${this.name}: unresolvable ref ${ref}`);
      node = node[part];
    }
    return node;
  }

  /** Resolves an OpenAPI object that may be a `$ref` (responses, parameters, headers, examples, request bodies). */
  deref(node: unknown): Obj {
    let current = node;
    for (let hops = 0; hops < 20; hops += 1) {
      if (isObj(current) && typeof current["$ref"] === "string") {
        current = this.pointer(current["$ref"]);
      } else {
        return asObj(current, `${this.name}: resolved object`);
      }
    }
    throw new Error(`${this.name}: $ref chain too long`);
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

  /** Every operation: path, method, the operation and its effective parameters. */
  operations(): { path: string; method: string; op: Obj; parameters: Obj[] }[] {
    const result: { path: string; method: string; op: Obj; parameters: Obj[] }[] = [];
    const paths = asObj(this.doc["paths"], `${this.name}: paths`);
    for (const [path, rawItem] of Object.entries(paths)) {
      const item = this.deref(rawItem);
      const shared = Array.isArray(item["parameters"]) ? item["parameters"].map((p) => this.deref(p)) : [];
      for (const method of HTTP_METHODS) {
        const rawOp = item[method];
        if (!isObj(rawOp)) continue;
        const own = Array.isArray(rawOp["parameters"]) ? rawOp["parameters"].map((p) => this.deref(p)) : [];
        const byKey = new Map<string, Obj>();
        for (const p of [...shared, ...own]) byKey.set(`${String(p["in"])}:${String(p["name"])}`, p);
        result.push({ path, method: method.toUpperCase(), op: rawOp, parameters: [...byKey.values()] });
      }
    }
    return result;
  }
}

interface ExampleCase {
  name: string;
  schema: unknown;
  value: unknown;
}

/** Named and single examples of a media type, parameter or header object. */
function examplesOf(spec: Spec, holder: Obj): { label: string; value: unknown }[] {
  const found: { label: string; value: unknown }[] = [];
  if ("example" in holder) found.push({ label: "example", value: holder["example"] });
  if (isObj(holder["examples"])) {
    for (const [exampleName, rawExample] of Object.entries(holder["examples"])) {
      const example = spec.deref(rawExample);
      if ("value" in example) found.push({ label: exampleName, value: example["value"] });
    }
  }
  return found;
}

/** Visits a schema and its subschemas (not following `$ref`), calling `visit` with a readable location. */
function walkSchema(node: unknown, location: string, visit: (schema: Obj, location: string) => void): void {
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
    if (Array.isArray(list)) list.forEach((sub, i) => walkSchema(sub, `${location}/${key}/${i}`, visit));
  }
}

/** Visits a schema and everything it references, following `$ref` once per target. */
function walkSchemaDeep(spec: Spec, node: unknown, location: string, visit: (schema: Obj, location: string) => void, seen = new Set<string>()): void {
  walkSchema(node, location, (schema, where) => {
    visit(schema, where);
    const ref = schema["$ref"];
    if (typeof ref === "string" && !seen.has(ref)) {
      seen.add(ref);
      walkSchemaDeep(spec, spec.pointer(ref), ref, visit, seen);
    }
  });
}

function collectExampleCases(spec: Spec): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const schemaRoots: { schema: unknown; location: string }[] = [];

  for (const { path, method, op, parameters } of spec.operations()) {
    const prefix = `${spec.name} ${method} ${path}`;
    for (const parameter of parameters) {
      schemaRoots.push({ schema: parameter["schema"], location: `${prefix} parameter ${String(parameter["name"])}` });
      for (const { label, value } of examplesOf(spec, parameter)) {
        cases.push({ name: `${prefix} parameter ${String(parameter["in"])}:${String(parameter["name"])} ${label}`, schema: parameter["schema"], value });
      }
    }
    if (op["requestBody"] !== undefined) {
      const body = spec.deref(op["requestBody"]);
      for (const [mediaType, rawMedia] of Object.entries(asObj(body["content"], `${prefix} request content`))) {
        const media = asObj(rawMedia, `${prefix} request ${mediaType}`);
        for (const { label, value } of examplesOf(spec, media)) {
          cases.push({ name: `${prefix} request ${mediaType} ${label}`, schema: media["schema"], value });
        }
      }
    }
    for (const [status, rawResponse] of Object.entries(asObj(op["responses"], `${prefix} responses`))) {
      const response = spec.deref(rawResponse);
      if (isObj(response["headers"])) {
        for (const [headerName, rawHeader] of Object.entries(response["headers"])) {
          const header = spec.deref(rawHeader);
          for (const { label, value } of examplesOf(spec, header)) {
            cases.push({ name: `${prefix} ${status} header ${headerName} ${label}`, schema: header["schema"], value });
          }
        }
      }
      if (isObj(response["content"])) {
        for (const [mediaType, rawMedia] of Object.entries(response["content"])) {
          const media = asObj(rawMedia, `${prefix} ${status} ${mediaType}`);
          for (const { label, value } of examplesOf(spec, media)) {
            cases.push({ name: `${prefix} ${status} ${label}`, schema: media["schema"], value });
          }
        }
      }
    }
  }

  // Schema-level `examples` (and the OpenAPI 3.0 `example`) anywhere in component or inline schemas.
  const components = isObj(spec.doc["components"]) ? spec.doc["components"] : {};
  if (isObj(components["schemas"])) {
    for (const [schemaName, schema] of Object.entries(components["schemas"])) {
      schemaRoots.push({ schema, location: `${spec.name} #/components/schemas/${schemaName}` });
    }
  }
  for (const { schema, location } of schemaRoots) {
    walkSchema(schema, location, (sub, where) => {
      if (Array.isArray(sub["examples"])) {
        sub["examples"].forEach((value, i) => cases.push({ name: `${where} schema examples[${i}]`, schema: sub, value }));
      }
      if ("example" in sub) cases.push({ name: `${where} schema example`, schema: sub, value: sub["example"] });
    });
  }
  return cases;
}

const specs = Object.fromEntries(SPEC_NAMES.map((name) => [name, new Spec(name)])) as Record<SpecName, Spec>;

for (const name of SPEC_NAMES) {
  const spec = specs[name];

  describe(`${name}.yaml examples`, () => {
    const cases = collectExampleCases(spec);

    it("has examples to check", () => {
      expect(cases.length).toBeGreaterThan(0);
    });

    for (const testCase of cases) {
      it(testCase.name, () => {
        expect(testCase.schema, "example has no schema next to it").toBeDefined();
        expect(spec.check(testCase.schema, testCase.value)).toBeNull();
      });
    }
  });

  describe(`${name}.yaml structure`, () => {
    it("is OpenAPI 3.1 with the JSON Schema 2020-12 dialect", () => {
      expect(String(spec.doc["openapi"])).toMatch(/^3\.1\.\d+$/);
      expect(spec.doc["jsonSchemaDialect"]).toBe(DIALECT_2020_12);
    });

    it("documents every operation with operationId, summary and description", () => {
      const operations = spec.operations();
      expect(operations.length).toBeGreaterThan(0);
      for (const { path, method, op } of operations) {
        for (const field of ["operationId", "summary", "description"]) {
          const value = op[field];
          expect(typeof value === "string" && value.trim().length > 0, `${method} ${path} lacks ${field}`).toBe(true);
        }
      }
    });

    it("gives every response body and request body at least one named example", () => {
      for (const { path, method, op } of spec.operations()) {
        const holders: { where: string; content: unknown }[] = [];
        if (op["requestBody"] !== undefined) holders.push({ where: "request", content: spec.deref(op["requestBody"])["content"] });
        for (const [status, rawResponse] of Object.entries(asObj(op["responses"], "responses"))) {
          const response = spec.deref(rawResponse);
          expect(isObj(response["content"]), `${method} ${path} ${status} has no content`).toBe(true);
          holders.push({ where: status, content: response["content"] });
        }
        for (const { where, content } of holders) {
          for (const [mediaType, rawMedia] of Object.entries(asObj(content, `${method} ${path} ${where} content`))) {
            const media = asObj(rawMedia, mediaType);
            const named = isObj(media["examples"]) ? Object.entries(media["examples"]) : [];
            expect(named.length, `${method} ${path} ${where} ${mediaType} has no named example`).toBeGreaterThan(0);
            for (const [exampleName, rawExample] of named) {
              const example = spec.deref(rawExample);
              expect(typeof example["summary"], `${method} ${path} ${where} ${exampleName} summary`).toBe("string");
              expect("value" in example, `${method} ${path} ${where} ${exampleName} value`).toBe(true);
            }
          }
        }
      }
    });

    it("documents X-Request-Id on every response and Retry-After on 429", () => {
      for (const { path, method, op } of spec.operations()) {
        for (const [status, rawResponse] of Object.entries(asObj(op["responses"], "responses"))) {
          const headers = spec.deref(rawResponse)["headers"];
          expect(isObj(headers) && "X-Request-Id" in headers, `${method} ${path} ${status} X-Request-Id`).toBe(true);
          if (status === "429") {
            expect(isObj(headers) && "Retry-After" in headers, `${method} ${path} 429 Retry-After`).toBe(true);
          }
        }
      }
    });

    it("closes request body schemas and keeps response body schemas open", () => {
      for (const { path, method, op } of spec.operations()) {
        if (op["requestBody"] !== undefined) {
          const content = asObj(spec.deref(op["requestBody"])["content"], "request content");
          for (const rawMedia of Object.values(content)) {
            walkSchemaDeep(spec, asObj(rawMedia, "media")["schema"], `${method} ${path} request`, (schema, where) => {
              if (schema["type"] === "object") {
                expect(schema["additionalProperties"], `${where} must set additionalProperties: false`).toBe(false);
              }
            });
          }
        }
        for (const [status, rawResponse] of Object.entries(asObj(op["responses"], "responses"))) {
          const content = spec.deref(rawResponse)["content"];
          if (!isObj(content)) continue;
          for (const rawMedia of Object.values(content)) {
            walkSchemaDeep(spec, asObj(rawMedia, "media")["schema"], `${method} ${path} ${status}`, (schema, where) => {
              expect(schema["additionalProperties"], `${where} must stay open`).not.toBe(false);
            });
          }
        }
      }
    });

    it("bounds every free-form string with maxLength and every array with maxItems", () => {
      const components = asObj(spec.doc["components"], "components");
      const roots: { schema: unknown; location: string }[] = [];
      if (isObj(components["schemas"])) {
        for (const [schemaName, schema] of Object.entries(components["schemas"])) roots.push({ schema, location: `#/components/schemas/${schemaName}` });
      }
      for (const { path, method, parameters } of spec.operations()) {
        for (const p of parameters) roots.push({ schema: p["schema"], location: `${method} ${path} ${String(p["name"])}` });
      }
      for (const { schema, location } of roots) {
        walkSchema(schema, location, (sub, where) => {
          const types = Array.isArray(sub["type"]) ? sub["type"] : [sub["type"]];
          if (types.includes("string") && sub["enum"] === undefined && sub["const"] === undefined) {
            expect(typeof sub["maxLength"], `${where} needs maxLength`).toBe("number");
          }
          if (types.includes("array")) {
            expect(typeof sub["maxItems"], `${where} needs maxItems`).toBe("number");
          }
        });
      }
    });
  });
}

describe("the example check can fail", () => {
  const apig = specs.apig;
  const dds = specs.dds;
  const iam = specs.iam;

  const acceptedSchema = { $ref: "#/components/schemas/IngressIpsJob" };
  const ipDetailSchema = { $ref: "#/components/schemas/IpDetail" };
  const accepted = asObj(apig.pointer("#/components/responses/IngressIpsAccepted/content/application~1json/examples/jobAssigned/value"), "202 example");

  it("accepts the untouched 202 example (control)", () => {
    expect(apig.check(acceptedSchema, accepted)).toBeNull();
  });

  it("rejects a job_id of 35 characters", () => {
    const broken = clone(accepted);
    broken["job_id"] = String(accepted["job_id"]).slice(0, 35);
    expect(String(broken["job_id"])).toHaveLength(35);
    expect(apig.errors(acceptedSchema, broken)).toContainEqual({ keyword: "minLength", instancePath: "/job_id" });
  });

  it("rejects a 202 body without job_id", () => {
    const broken = clone(accepted);
    delete broken["job_id"];
    expect(apig.errors(acceptedSchema, broken).map((e) => e.keyword)).toContain("required");
  });

  it("accepts matching IP literals (control)", () => {
    expect(apig.check(ipDetailSchema, { type: "v4", ip: "192.0.2.10" })).toBeNull();
    expect(apig.check(ipDetailSchema, { type: "v6", ip: "2001:db8::10" })).toBeNull();
  });

  it("rejects 999.1.1.1 as an IPv4 address", () => {
    expect(apig.errors(ipDetailSchema, { type: "v4", ip: "999.1.1.1" })).toContainEqual({ keyword: "format", instancePath: "/ip" });
  });

  it("rejects an IPv4 literal declared as v6", () => {
    expect(apig.errors(ipDetailSchema, { type: "v6", ip: "192.0.2.10" })).toContainEqual({ keyword: "format", instancePath: "/ip" });
  });

  it("rejects an unknown IP version and extra properties", () => {
    const keywords = apig.errors(ipDetailSchema, { type: "v5", ip: "192.0.2.10", port: 80 }).map((e) => e.keyword);
    expect(keywords).toContain("enum");
    expect(keywords).toContain("additionalProperties");
  });

  it("rejects a broken request example (11 ELBs, bad ip in a nested array)", () => {
    const body = asObj(apig.pointer("#/components/requestBodies/IngressIps/content/application~1json/examples/singlePublicIpv4/value"), "request example");
    const requestSchema = { $ref: "#/components/schemas/IngressIpsRequest" };
    const tooMany = clone(body);
    const elbs = tooMany["elbs"];
    if (!Array.isArray(elbs) || elbs.length === 0) throw new Error("request example has no elbs");
    tooMany["elbs"] = Array.from({ length: 11 }, () => clone(elbs[0] as unknown));
    expect(apig.errors(requestSchema, tooMany)).toContainEqual({ keyword: "maxItems", instancePath: "/elbs" });

    const badIp = clone(body);
    const firstElb = asObj((badIp["elbs"] as unknown[])[0], "elb");
    firstElb["public_ips"] = [{ type: "v4", ip: "999.1.1.1" }];
    expect(apig.errors(requestSchema, badIp)).toContainEqual({ keyword: "format", instancePath: "/elbs/0/public_ips/0/ip" });
  });

  it("rejects a DDS bind body with an out-of-range port or a missing field", () => {
    const schema = { $ref: "#/components/schemas/BindPublicGatewayRequest" };
    const valid = { nat_gateway_id: "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f4c68", public_ip_id: "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25", external_service_port: 8635 };
    expect(dds.check(schema, valid)).toBeNull();
    expect(dds.errors(schema, { ...valid, external_service_port: 65536 })).toContainEqual({ keyword: "maximum", instancePath: "/external_service_port" });
    const { public_ip_id: _omitted, ...missing } = valid;
    expect(dds.errors(schema, missing).map((e) => e.keyword)).toContain("required");
  });

  it("rejects an IAM token body whose expires_at is not a date-time", () => {
    const schema = { $ref: "#/components/schemas/TokenResponse" };
    const example = asObj(iam.pointer("#/paths/~1v3~1auth~1tokens/post/responses/201/content/application~1json/examples/projectScoped/value"), "201 example");
    expect(iam.check(schema, example)).toBeNull();
    const broken = clone(example);
    asObj(broken["token"], "token")["expires_at"] = "tomorrow";
    expect(iam.errors(schema, broken)).toContainEqual({ keyword: "format", instancePath: "/token/expires_at" });
  });
});
