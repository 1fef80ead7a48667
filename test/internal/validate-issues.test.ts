/**
 * How `validateInput` words each schema error as an issue: the path (JSON pointer → `elbs[0].elb_id`, escaped
 * names decoded), and a message per keyword (ranges from both bounds, enum and const values, format names, type
 * articles, a fallback when the validator gives no message). The validators are compiled here with the options
 * scripts/generate-validators.mjs uses (allErrors, verbose), so the errors have the generated validators' shape.
 */
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import type { GeneratedValidator } from "../../generated/operation-types.js";
import { ValidationError, type ValidationIssue } from "../../src/errors.js";
import { type OperationInput, validateInput } from "../../src/internal/validate.js";

// CommonJS packages: under NodeNext the default import is the module object; `.default` exists at runtime too.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/** An Ajv like the generator's; `messages: false` drops Ajv's own message text from the errors. */
function compiler(messages = true) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, messages });
  addFormats(ajv, ["ipv4", "ipv6", "uri", "email"]);
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dt\d\d:\d\d:\d\d(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i);
  return (schema: object) => ajv.compile(schema) as unknown as GeneratedValidator;
}
const compile = compiler();

/** The issues of the ValidationError `validateInput` throws for `input`; none when it does not throw. */
function issuesOf(validate: GeneratedValidator, input: OperationInput): ValidationIssue[] {
  try {
    validateInput("TestOp", validate, input);
  } catch (err) {
    if (err instanceof ValidationError) return [...err.issues];
    throw err;
  }
  return [];
}

/** The issues `validateInput` throws for `body` against an operation whose body schema is `bodySchema`. */
function bodyIssues(bodySchema: object, body: unknown, validator = compile): ValidationIssue[] {
  return issuesOf(validator({ type: "object", properties: { path: { type: "object" }, query: { type: "object" }, body: bodySchema } }), { path: {}, body });
}

/** The one issue a `value` field breaking `field` gets, at path `value`. */
function fieldIssue(field: object, value: unknown): ValidationIssue {
  const issues = bodyIssues({ type: "object", properties: { value: field } }, { value });
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe("length and count ranges", () => {
  it("equal bounds read as `exactly N`", () => {
    expect(fieldIssue({ type: "string", minLength: 5, maxLength: 5 }, "abc")).toEqual({
      path: "value",
      keyword: "minLength",
      message: "must have exactly 5 characters",
    });
    expect(fieldIssue({ type: "string", minLength: 5, maxLength: 5 }, "abcdefg").message).toBe("must have exactly 5 characters");
    expect(fieldIssue({ type: "array", minItems: 2, maxItems: 2 }, [1]).message).toBe("must have exactly 2 items");
  });

  it("a string too long with only a maximum reads `at most N characters`", () => {
    expect(fieldIssue({ type: "string", maxLength: 3 }, "abcd")).toEqual({ path: "value", keyword: "maxLength", message: "must have at most 3 characters" });
  });

  it("a string too short with only a minimum reads `at least N characters`", () => {
    expect(fieldIssue({ type: "string", minLength: 4 }, "ab")).toEqual({ path: "value", keyword: "minLength", message: "must have at least 4 characters" });
  });

  it("an array too short with only a minimum reads `at least N items`", () => {
    expect(fieldIssue({ type: "array", minItems: 2 }, [1])).toEqual({ path: "value", keyword: "minItems", message: "must have at least 2 items" });
  });

  it("an array too long with only a maximum reads `at most N items`", () => {
    expect(fieldIssue({ type: "array", maxItems: 1 }, [1, 2])).toEqual({ path: "value", keyword: "maxItems", message: "must have at most 1 items" });
  });

  it("different bounds read as `min–max`, whichever bound broke", () => {
    expect(fieldIssue({ type: "string", minLength: 2, maxLength: 4 }, "a").message).toBe("must have 2–4 characters");
    expect(fieldIssue({ type: "array", minItems: 1, maxItems: 2 }, [1, 2, 3]).message).toBe("must have 1–2 items");
  });
});

describe("number ranges", () => {
  it("only a minimum reads `must be at least N`", () => {
    expect(fieldIssue({ type: "integer", minimum: 1 }, 0)).toEqual({ path: "value", keyword: "minimum", message: "must be at least 1" });
  });

  it("only a maximum reads `must be at most N`", () => {
    expect(fieldIssue({ type: "integer", maximum: 9 }, 10)).toEqual({ path: "value", keyword: "maximum", message: "must be at most 9" });
  });

  it("both bounds read `must be from min to max`", () => {
    expect(fieldIssue({ type: "integer", minimum: 1, maximum: 9 }, 10).message).toBe("must be from 1 to 9");
  });
});

describe("allowed values", () => {
  it("enum lists every allowed value as JSON, comma-separated", () => {
    expect(fieldIssue({ enum: ["v4", "v6", 7] }, "v5")).toEqual({ path: "value", keyword: "enum", message: 'must be one of "v4", "v6", 7' });
  });

  it("const names the one allowed value as JSON", () => {
    expect(fieldIssue({ const: "v4" }, "v6")).toEqual({ path: "value", keyword: "const", message: 'must be "v4"' });
    expect(fieldIssue({ const: 3 }, 4).message).toBe("must be 3");
  });
});

describe("formats", () => {
  it.each([
    ["ipv4", "300.1.2.3", "must be an IPv4 address"],
    ["ipv6", "not:an:ip::x", "must be an IPv6 address"],
    ["date-time", "yesterday", "must be an RFC 3339 date-time"],
    ["uri", "relative/path", "must be an absolute URI"],
  ])("format %s reads %j", (format, value, message) => {
    expect(fieldIssue({ type: "string", format }, value)).toEqual({ path: "value", keyword: "format", message: message });
  });

  it("a format without a name of its own reads `must be a valid <format>`", () => {
    expect(fieldIssue({ type: "string", format: "email" }, "nobody")).toEqual({ path: "value", keyword: "format", message: "must be a valid email" });
  });
});

describe("types", () => {
  it.each([
    ["integer", "must be an integer"],
    ["array", "must be an array"],
    ["object", "must be an object"],
    ["number", "must be a number"],
    ["boolean", "must be a boolean"],
  ])("type %s reads with its article", (type, message) => {
    expect(fieldIssue({ type }, type === "boolean" ? "yes" : true)).toEqual({ path: "value", keyword: "type", message });
  });

  it("several types are listed with `or`, each with its article", () => {
    expect(fieldIssue({ type: ["integer", "null"] }, "x").message).toBe("must be an integer or a null");
    expect(fieldIssue({ type: ["string", "array"] }, 1).message).toBe("must be a string or an array");
  });
});

describe("other keywords", () => {
  it("keep the validator's own message", () => {
    expect(fieldIssue({ type: "string", pattern: "^a+$" }, "b")).toEqual({ path: "value", keyword: "pattern", message: 'must match pattern "^a+$"' });
  });

  it("without a message from the validator read `breaks the <keyword> rule`", () => {
    const issues = bodyIssues({ type: "object", properties: { value: { type: "string", pattern: "^a+$" } } }, { value: "b" }, compiler(false));
    expect(issues).toEqual([{ path: "value", keyword: "pattern", message: "breaks the pattern rule" }]);
  });
});

describe("issue paths", () => {
  it("nested fields and array indexes read `list[0].field`", () => {
    const schema = { type: "object", properties: { list: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } } } };
    expect(bodyIssues(schema, { list: [{ id: "ok" }, { id: 2 }] })).toEqual([{ path: "list[1].id", keyword: "type", message: "must be a string" }]);
  });

  it("names holding `/` or `~` (escaped in the pointer as ~1 and ~0) are given back as written", () => {
    const schema = { type: "object", properties: { "a/b": { type: "string" }, "c~d": { type: "string" }, "e~1f": { type: "string" } } };
    expect(bodyIssues(schema, { "a/b": 1, "c~d": 2, "e~1f": 3 }).map((i) => i.path)).toEqual(["a/b", "c~d", "e~1f"]);
  });

  it("only an all-digit segment is an array index: names with digits stay field names", () => {
    const schema = {
      type: "object",
      properties: { group: { type: "object", properties: { a1: { type: "string" }, "1a": { type: "string" }, "12": { type: "string" } } } },
    };
    expect(bodyIssues(schema, { group: { a1: 1, "1a": 2, "12": 3 } }).map((i) => i.path)).toEqual(["group[12]", "group.a1", "group.1a"]);
  });

  it("an error about a whole input group is reported on the group's name", () => {
    expect(bodyIssues({ type: "object" }, "text")).toEqual([{ path: "body", keyword: "type", message: "must be an object" }]);
  });

  it("an error about the whole input (no group in its path) has an empty path", () => {
    const issues = issuesOf(compile({ type: "object", minProperties: 3 }), { path: {} });
    expect(issues).toEqual([{ path: "", keyword: "minProperties", message: "must NOT have fewer than 3 properties" }]);
  });
});
