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
import { describe, expect, it } from "vitest";
import { asObj, clone, collectExampleCases, DIALECT_2020_12, isObj, Spec, SPEC_NAMES, walkSchema, walkSchemaDeep, type SpecName } from "./example-gate.js";

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
      expect(String(spec.doc.openapi)).toMatch(/^3\.1\.\d+$/);
      expect(spec.doc.jsonSchemaDialect).toBe(DIALECT_2020_12);
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
        if (op.requestBody !== undefined) holders.push({ where: "request", content: spec.deref(op.requestBody).content });
        for (const [status, rawResponse] of Object.entries(asObj(op.responses, "responses"))) {
          const response = spec.deref(rawResponse);
          expect(isObj(response.content), `${method} ${path} ${status} has no content`).toBe(true);
          holders.push({ where: status, content: response.content });
        }
        for (const { where, content } of holders) {
          for (const [mediaType, rawMedia] of Object.entries(asObj(content, `${method} ${path} ${where} content`))) {
            const media = asObj(rawMedia, mediaType);
            const named = isObj(media.examples) ? Object.entries(media.examples) : [];
            expect(named.length, `${method} ${path} ${where} ${mediaType} has no named example`).toBeGreaterThan(0);
            for (const [exampleName, rawExample] of named) {
              const example = spec.deref(rawExample);
              expect(typeof example.summary, `${method} ${path} ${where} ${exampleName} summary`).toBe("string");
              expect("value" in example, `${method} ${path} ${where} ${exampleName} value`).toBe(true);
            }
          }
        }
      }
    });

    it("documents X-Request-Id on every response and Retry-After on 429", () => {
      for (const { path, method, op } of spec.operations()) {
        for (const [status, rawResponse] of Object.entries(asObj(op.responses, "responses"))) {
          const headers = spec.deref(rawResponse).headers;
          expect(isObj(headers) && "X-Request-Id" in headers, `${method} ${path} ${status} X-Request-Id`).toBe(true);
          if (status === "429") {
            expect(isObj(headers) && "Retry-After" in headers, `${method} ${path} 429 Retry-After`).toBe(true);
          }
        }
      }
    });

    it("closes request body schemas and keeps response body schemas open", () => {
      for (const { path, method, op } of spec.operations()) {
        if (op.requestBody !== undefined) {
          const content = asObj(spec.deref(op.requestBody).content, "request content");
          for (const rawMedia of Object.values(content)) {
            walkSchemaDeep(spec, asObj(rawMedia, "media").schema, `${method} ${path} request`, (schema, where) => {
              if (schema.type === "object") {
                expect(schema.additionalProperties, `${where} must set additionalProperties: false`).toBe(false);
              }
            });
          }
        }
        for (const [status, rawResponse] of Object.entries(asObj(op.responses, "responses"))) {
          const content = spec.deref(rawResponse).content;
          if (!isObj(content)) continue;
          for (const rawMedia of Object.values(content)) {
            walkSchemaDeep(spec, asObj(rawMedia, "media").schema, `${method} ${path} ${status}`, (schema, where) => {
              expect(schema.additionalProperties, `${where} must stay open`).not.toBe(false);
            });
          }
        }
      }
    });

    it("bounds every free-form string with maxLength and every array with maxItems", () => {
      const components = asObj(spec.doc.components, "components");
      const roots: { schema: unknown; location: string }[] = [];
      if (isObj(components.schemas)) {
        for (const [schemaName, schema] of Object.entries(components.schemas)) roots.push({ schema, location: `#/components/schemas/${schemaName}` });
      }
      for (const { path, method, parameters } of spec.operations()) {
        for (const p of parameters) roots.push({ schema: p.schema, location: `${method} ${path} ${String(p.name)}` });
      }
      for (const { schema, location } of roots) {
        walkSchema(schema, location, (sub, where) => {
          const types = Array.isArray(sub.type) ? sub.type : [sub.type];
          if (types.includes("string") && sub.enum === undefined && sub.const === undefined) {
            expect(typeof sub.maxLength, `${where} needs maxLength`).toBe("number");
          }
          if (types.includes("array")) {
            expect(typeof sub.maxItems, `${where} needs maxItems`).toBe("number");
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
    broken.job_id = String(accepted.job_id).slice(0, 35);
    expect(String(broken.job_id)).toHaveLength(35);
    expect(apig.errors(acceptedSchema, broken)).toContainEqual({ keyword: "minLength", instancePath: "/job_id" });
  });

  // The official models make every response field optional, and so does the spec: a 202 without job_id is valid
  // (the waiter reads the gateway, not the job), but a job_id of the wrong type is not.
  it("accepts a 202 body without job_id, and rejects a job_id that is not a string", () => {
    const without = clone(accepted);
    delete without.job_id;
    expect(apig.check(acceptedSchema, without)).toBeNull();
    const wrongType = clone(accepted);
    wrongType.job_id = 42;
    expect(apig.errors(acceptedSchema, wrongType)).toContainEqual({ keyword: "type", instancePath: "/job_id" });
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
    const elbs = tooMany.elbs;
    if (!Array.isArray(elbs) || elbs.length === 0) throw new Error("request example has no elbs");
    tooMany.elbs = Array.from({ length: 11 }, () => clone(elbs[0] as unknown));
    expect(apig.errors(requestSchema, tooMany)).toContainEqual({ keyword: "maxItems", instancePath: "/elbs" });

    const badIp = clone(body);
    const firstElb = asObj((badIp.elbs as unknown[])[0], "elb");
    firstElb.public_ips = [{ type: "v4", ip: "999.1.1.1" }];
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
    asObj(broken.token, "token").expires_at = "tomorrow";
    expect(iam.errors(schema, broken)).toContainEqual({ keyword: "format", instancePath: "/token/expires_at" });
  });
});
