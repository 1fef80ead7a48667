/**
 * scripts/spec-model.mjs, the one reader of specs the generator, scripts and tests share: pointers with escapes,
 * `$ref` chains, parameters merged the way OpenAPI says, inlining that refuses recursion, the generator's input
 * schema, and the x-hwc-retry facts it insists on.
 */
import { describe, expect, it } from "vitest";
import { loadProjectSpec, operationInputSchema, resolvePointer, retryFacts, SPEC_NAMES, SpecModel, type Obj } from "../../scripts/spec-model.mjs";

const ok = { safeToRepeat: true, busyErrorCodes: ["X.1"] };

/** A small document: a shared path parameter overridden by the operation, a `$ref` chain, a recursive schema. */
function doc(retry: unknown = ok): Obj {
  return {
    openapi: "3.1.0",
    paths: {
      "/a/{id}": {
        parameters: [{ $ref: "#/components/parameters/Id" }, { name: "q", in: "query", schema: { type: "string" } }],
        get: {
          operationId: "GetA",
          "x-hwc-retry": retry,
          parameters: [{ name: "q", in: "query", required: true, schema: { type: "integer" } }],
          responses: { "200": { $ref: "#/components/responses/Alias" } },
        },
        post: { operationId: "PostA", requestBody: { $ref: "#/components/requestBodies/Body" }, responses: {} },
      },
    },
    components: {
      parameters: { Id: { name: "id", in: "path", required: true, schema: { $ref: "#/components/schemas/Id" } } },
      responses: { Alias: { $ref: "#/components/responses/Ok" }, Ok: { description: "ok" } },
      requestBodies: { Body: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } } },
      schemas: {
        Id: { type: "string", maxLength: 8 },
        Node: { type: "object", properties: { next: { $ref: "#/components/schemas/Node" } } },
        "a/b~c": { const: 1 },
      },
    },
  };
}

describe("spec model", () => {
  const model = new SpecModel(doc(), "test");

  it("follows pointers with ~1, ~0, percent escapes and array indexes, and names what does not resolve", () => {
    expect(model.pointer("#/components/schemas/a~1b~0c")).toEqual({ const: 1 });
    expect(resolvePointer({ a: [{ b: 2 }] }, "#/a/0/b")).toBe(2);
    expect(resolvePointer({ "a b": 3 }, "#/a%20b")).toBe(3);
    expect(() => model.pointer("#/components/schemas/Nope")).toThrow("test: unresolvable ref #/components/schemas/Nope");
    expect(() => model.pointer("other.yaml#/x")).toThrow("only local refs");
  });

  it("lists operations with resolved parameters (the operation's win), bodies, responses and extensions", () => {
    const [get, post] = model.operations();
    expect(get).toMatchObject({
      method: "GET",
      path: "/a/{id}",
      operationId: "GetA",
      extensions: { "x-hwc-retry": ok },
      responses: { "200": { description: "ok" } },
    });
    expect(get?.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { $ref: "#/components/schemas/Id" } },
      { name: "q", in: "query", required: true, schema: { type: "integer" } },
    ]);
    expect(post).toMatchObject({ method: "POST", operationId: "PostA", requestBody: { required: true }, extensions: {} });
    expect(() => model.operation("Missing")).toThrow("test: no operation Missing");
  });

  it("builds the validator's { path, query, body } schema and inlines it, refusing a recursive schema", () => {
    const input = operationInputSchema(model.operation("GetA"));
    expect(model.inline(input)).toEqual({
      type: "object",
      properties: {
        path: { type: "object", properties: { id: { type: "string", maxLength: 8 } }, required: ["id"], additionalProperties: false },
        query: { type: "object", properties: { q: { type: "integer" } }, required: ["q"], additionalProperties: false },
      },
      required: ["path"],
    });
    const body = operationInputSchema(model.operation("PostA"));
    expect(body.required).toEqual(["path", "body"]);
    expect(() => model.inline(body)).toThrow(/recursive \$ref #\/components\/schemas\/Node → #\/components\/schemas\/Node/);
    expect(
      model.rewriteRefs(
        body,
        (ref) => ref.replace("#/components/schemas/", "#/$defs/"),
        (k) => k === "required",
      ),
    ).toMatchObject({
      properties: { body: { $ref: "#/$defs/Node" } },
    });
  });

  it("reads x-hwc-retry and rejects operations without well-formed facts", () => {
    expect(retryFacts(model.operation("GetA"))).toEqual(ok);
    expect(() => retryFacts(model.operation("PostA"))).toThrow("POST /a/{id} (PostA): needs x-hwc-retry");
    for (const bad of [
      { safeToRepeat: "yes", busyErrorCodes: [] },
      { safeToRepeat: true, busyErrorCodes: [1] },
    ]) {
      expect(() => retryFacts(new SpecModel(doc(bad), "t").operation("GetA"))).toThrow("needs x-hwc-retry");
    }
    expect(() => retryFacts(new SpecModel(doc({ ...ok, idempotent: true }), "t").operation("GetA"))).toThrow("unknown keys idempotent");
  });

  it("loads every project spec by its API name, each operation with its retry facts", () => {
    expect(SPEC_NAMES).toEqual(["apig", "dds", "iam"]);
    for (const name of SPEC_NAMES) {
      const spec = loadProjectSpec(name);
      expect(spec.name).toBe(name);
      expect(spec.operations().length).toBeGreaterThan(0);
      for (const op of spec.operations()) expect(() => retryFacts(op)).not.toThrow();
    }
    expect(() => loadProjectSpec("nope")).toThrow("no spec named nope");
  });
});
