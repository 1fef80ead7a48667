/**
 * What `validateInput` hands the validator and which of its errors it keeps: no `body` key when there is no body,
 * an empty query when there is none, a path parameter still `awaiting` discovery not reported missing (only that
 * one, only as a missing path parameter), and a validator that fails without listing errors adds no issue. And
 * `validatorOf` loads an operation's validator; a failed load is a typed error, and the next call loads again.
 */
import Ajv2020Module from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { ShowInstance } from "../../generated/operations/apig.js";
import type { GeneratedValidator, OperationEntry } from "../../generated/operation-types.js";
import { HuaweiCloudError, ValidationError, type ValidationIssue } from "../../src/errors.js";
import { type OperationInput, validateInput, validatorOf } from "../../src/internal/validate.js";

// A CommonJS package: under NodeNext the default import is the module object; `.default` exists at runtime too.
const Ajv2020 = Ajv2020Module.default;
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
const compile = (schema: object) => ajv.compile(schema) as unknown as GeneratedValidator;

/** The issues of the ValidationError `validateInput` throws; none when it does not throw. */
function issuesOf(validate: GeneratedValidator, input: OperationInput, awaiting?: string): ValidationIssue[] {
  try {
    validateInput("TestOp", validate, input, awaiting);
  } catch (err) {
    if (err instanceof ValidationError) return [...err.issues];
    throw err;
  }
  return [];
}

const ID = "0123456789abcdef";
/** An operation with path parameters project_id and instance_id and an optional body that needs `instance_id`. */
const operation = compile({
  type: "object",
  properties: {
    path: { type: "object", required: ["project_id", "instance_id"], properties: { project_id: { type: "string" }, instance_id: { type: "string" } } },
    query: { type: "object" },
    body: { type: "object", required: ["instance_id"] },
  },
  required: ["path", "query"],
});

describe("the data the validator checks", () => {
  it("has no body key when the input has no body: a schema closed to other keys accepts it", () => {
    const closed = compile({ type: "object", properties: { path: { type: "object" }, query: { type: "object" } }, additionalProperties: false });
    expect(issuesOf(closed, { path: { id: ID } })).toEqual([]);
    expect(issuesOf(closed, { path: { id: ID }, body: { x: 1 } })).toEqual([
      { path: "body", keyword: "additionalProperties", message: "is not a known field" },
    ]);
  });

  it("carries path, query and body as given, and an empty query when none is given", () => {
    const seen: unknown[] = [];
    const recording: GeneratedValidator = (data) => {
      seen.push(data);
      return true;
    };
    validateInput("TestOp", recording, { path: { id: ID } });
    validateInput("TestOp", recording, { path: { id: ID }, query: { limit: 5 }, body: null });
    expect(seen).toEqual([
      { path: { id: ID }, query: {} },
      { path: { id: ID }, query: { limit: 5 }, body: null },
    ]);
    expect(Object.keys(seen[0] as object)).toEqual(["path", "query"]);
  });
});

describe("a path parameter awaiting discovery", () => {
  it("is not reported missing; the other missing path parameter still is", () => {
    expect(issuesOf(operation, { path: {}, query: {} }, "instance_id")).toEqual([{ path: "project_id", keyword: "required", message: "is required" }]);
  });

  it("is reported missing when no parameter is awaited", () => {
    expect(issuesOf(operation, { path: {}, query: {} }).map((i) => i.path)).toEqual(["project_id", "instance_id"]);
  });

  it("a body field of the same name is still reported missing", () => {
    expect(issuesOf(operation, { path: { project_id: ID }, query: {}, body: {} }, "instance_id")).toEqual([
      { path: "instance_id", keyword: "required", message: "is required" },
    ]);
  });

  it("another rule about the path naming the awaited parameter is still reported", () => {
    const dependent = compile({
      type: "object",
      properties: { path: { type: "object", dependentRequired: { project_id: ["instance_id"] } } },
    });
    expect(issuesOf(dependent, { path: { project_id: ID } }, "instance_id")).toEqual([
      { path: "path", keyword: "dependentRequired", message: "must have property instance_id when property project_id is present" },
    ]);
  });

  it("an error about the whole path group is still reported", () => {
    const strictPath = compile({ type: "object", properties: { path: { type: "object", minProperties: 2 } } });
    expect(issuesOf(strictPath, { path: { project_id: ID } })).toEqual([
      { path: "path", keyword: "minProperties", message: "must NOT have fewer than 2 properties" },
    ]);
  });
});

describe("a validator that fails without listing errors", () => {
  it("adds no issue: with valid path parameters nothing is thrown", () => {
    const silent: GeneratedValidator = Object.assign(() => false, { errors: null });
    expect(() => validateInput("TestOp", silent, { path: { id: ID } })).not.toThrow();
    const unset: GeneratedValidator = () => false;
    expect(() => validateInput("TestOp", unset, { path: { id: ID } })).not.toThrow();
  });

  it("leaves only the path parameter issues", () => {
    const silent: GeneratedValidator = Object.assign(() => false, { errors: null });
    expect(issuesOf(silent, { path: { id: "" } })).toEqual([{ path: "id", keyword: "minLength", message: "must not be empty" }]);
  });
});

describe("loading an operation's validator", () => {
  it("loads the operation's generated module, whose validator checks its inputs", async () => {
    const validate = await validatorOf(ShowInstance);
    expect(validate({ path: { project_id: "p", instance_id: "i" }, query: {} })).toBe(true);
    expect(validate({ path: { project_id: "p" }, query: {} })).toBe(false);
    expect(await validatorOf(ShowInstance)).toBe(validate);
  });

  it("a module that fails to load is a HuaweiCloudError naming the operation, and the next call loads again", async () => {
    const cause = new Error("Cannot find module validators/apig/ShowInstance.js");
    const validate: GeneratedValidator = () => true;
    let loads = 0;
    const loadValidator = async () => {
      loads++;
      if (loads === 1) throw cause;
      return validate;
    };
    const flaky: OperationEntry = { ...ShowInstance, loadValidator };
    const err = await validatorOf(flaky).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HuaweiCloudError);
    expect(err).toMatchObject({ message: "ShowInstance: its input validator could not be loaded", cause });
    expect(await validatorOf(flaky)).toBe(validate);
    expect(loads).toBe(2);
  });
});
