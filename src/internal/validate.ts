import type { GeneratedValidationError, GeneratedValidator } from "../../generated/validators.js";
import { collectIssues, type ValidationIssue } from "../errors.js";
import { pathParamIssues } from "../options.js";

/** An operation's inputs, shaped like the generated validators expect them. */
export interface OperationInput {
  path: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/**
 * Checks an operation's inputs before any I/O: against the spec (the generated validator) and for what a schema
 * cannot say about path parameters. Throws one {@link ValidationError} listing every problem.
 */
export function validateInput(operationId: string, validator: GeneratedValidator, input: OperationInput): void {
  const { issues, done } = collectIssues(operationId);
  for (const [name, value] of Object.entries(input.path)) issues.push(...pathParamIssues(name, value));
  const data = { path: input.path, query: input.query ?? {}, ...(input.body !== undefined ? { body: input.body } : {}) };
  if (!validator(data)) issues.push(...toIssues(validator.errors ?? []));
  done();
}

function toIssues(errors: readonly GeneratedValidationError[]): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const e of errors) {
    // `if` only reports that its `then`/`else` branch failed; that branch's own error says what is wrong.
    if (e.keyword === "if") continue;
    // An error about a whole input group (say, a body that is not an object) is reported on the group's name.
    const inner = jsonPath(e.instancePath);
    const at = inner || group(e.instancePath);
    const p = e.params;
    const s = e.parentSchema ?? {};
    switch (e.keyword) {
      case "required":
        out.push({ path: join(inner, String(p.missingProperty)), keyword: "required", message: "is required" });
        break;
      case "additionalProperties":
        out.push({ path: join(inner, String(p.additionalProperty)), keyword: "additionalProperties", message: "is not a known field" });
        break;
      case "minLength":
      case "maxLength":
        out.push({ path: at, keyword: e.keyword, message: `must have ${range(s.minLength, s.maxLength)} characters` });
        break;
      case "minItems":
      case "maxItems":
        out.push({ path: at, keyword: e.keyword, message: `must have ${range(s.minItems, s.maxItems)} items` });
        break;
      case "minimum":
      case "maximum":
        out.push({ path: at, keyword: e.keyword, message: `must be ${numberRange(s.minimum, s.maximum)}` });
        break;
      case "enum":
        out.push({ path: at, keyword: "enum", message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` });
        break;
      case "const":
        out.push({ path: at, keyword: "const", message: `must be ${JSON.stringify(p.allowedValue)}` });
        break;
      case "format":
        out.push({ path: at, keyword: "format", message: `must be ${FORMAT_NAMES[String(p.format)] ?? `a valid ${String(p.format)}`}` });
        break;
      case "type":
        out.push({ path: at, keyword: "type", message: `must be ${article(String(p.type))}` });
        break;
      default:
        out.push({ path: at, keyword: e.keyword, message: e.message ?? `breaks the ${e.keyword} rule` });
    }
  }
  return out;
}

const FORMAT_NAMES: Record<string, string> = {
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  "date-time": "an RFC 3339 date-time",
  uri: "an absolute URI",
};

/** `/body/elbs/0/elb_id` → `elbs[0].elb_id`; `/path/instance_id` → `instance_id`. */
function jsonPath(instancePath: string): string {
  const parts = instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  parts.shift(); // the input group: path, query or body
  let out = "";
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

function group(instancePath: string): string {
  return instancePath.split("/")[1] ?? "";
}

function join(at: string, name: string): string {
  return at ? `${at}.${name}` : name;
}

function range(min: unknown, max: unknown): string {
  if (typeof min === "number" && typeof max === "number") return min === max ? `exactly ${min}` : `${min}–${max}`;
  if (typeof min === "number") return `at least ${min}`;
  return `at most ${String(max)}`;
}

function numberRange(min: unknown, max: unknown): string {
  if (typeof min === "number" && typeof max === "number") return `from ${min} to ${max}`;
  if (typeof min === "number") return `at least ${min}`;
  return `at most ${String(max)}`;
}

function article(type: string): string {
  return type.split(",").map((t) => (t === "integer" || t === "object" || t === "array" ? `an ${t}` : `a ${t}`)).join(" or ");
}
