import type { GeneratedValidationError, GeneratedValidator, OperationEntry } from "../../generated/operation-types.js";
import { collectIssues, HuaweiCloudError, type ValidationIssue } from "../errors.js";
import { pathParamIssues } from "../options.js";

/** An operation's inputs, shaped like the generated validators expect them. */
export interface OperationInput {
  path: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** Loads the operation's validator module on first use (importing the SDK compiles none); a failed load is a HuaweiCloudError. */
export function validatorOf(entry: OperationEntry): Promise<GeneratedValidator> {
  const failed = (cause: unknown) => Promise.reject(new HuaweiCloudError(`${entry.operationId}: its input validator could not be loaded`, { cause }));
  return entry.loadValidator().catch(failed);
}

/**
 * Checks an operation's inputs before any I/O: against the spec (the generated validator) and for what a schema
 * cannot say about path parameters. Throws one {@link ValidationError} listing the problems (the first 100, and
 * how many). Linear in the number of Ajv errors: one pass, no spread (100k arguments would overflow the stack).
 */
export function validateInput(operationId: string, validator: GeneratedValidator, input: OperationInput, awaiting?: string): void {
  const { issues, done } = collectIssues(operationId);
  for (const [name, value] of Object.entries(input.path)) issues.push(...pathParamIssues(name, value));
  const data = { path: input.path, query: input.query ?? {}, ...(input.body !== undefined ? { body: input.body } : {}) };
  // `if` only reports that its `then`/`else` branch failed; that branch's own error says what is wrong. A path
  // parameter still `awaiting` discovery is absent on purpose: everything else is checked before that I/O.
  const pending = (e: GeneratedValidationError) => e.keyword === "required" && e.instancePath === "/path" && e.params.missingProperty === awaiting;
  if (!validator(data)) for (const e of validator.errors ?? []) if (e.keyword !== "if" && !pending(e)) issues.push(toIssue(e));
  done();
}

function toIssue(e: GeneratedValidationError): ValidationIssue {
  const inner = jsonPath(e.instancePath);
  const { keyword, params: p } = e;
  if (keyword === "required") return { path: join(inner, String(p.missingProperty)), keyword, message: "is required" };
  if (keyword === "additionalProperties") return { path: join(inner, String(p.additionalProperty)), keyword, message: "is not a known field" };
  // An error about a whole input group (say, a body that is not an object) is reported on the group's name.
  return { path: inner || (e.instancePath.split("/")[1] ?? ""), keyword, message: messageOf(e) };
}

function messageOf(e: GeneratedValidationError): string {
  const { params: p, parentSchema: s = {} } = e;
  const span = (min: number, max: number) => (min === max ? `exactly ${min}` : `${min}–${max}`);
  switch (e.keyword) {
    case "minLength":
    case "maxLength":
      return `must have ${range(s.minLength, s.maxLength, span)} characters`;
    case "minItems":
    case "maxItems":
      return `must have ${range(s.minItems, s.maxItems, span)} items`;
    case "minimum":
    case "maximum":
      return `must be ${range(s.minimum, s.maximum, (min, max) => `from ${min} to ${max}`)}`;
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case "format":
      return `must be ${FORMAT_NAMES[String(p.format)] ?? `a valid ${String(p.format)}`}`;
    case "type":
      return `must be ${article(String(p.type))}`;
    default:
      return e.message ?? `breaks the ${e.keyword} rule`;
  }
}

const FORMAT_NAMES: Record<string, string> = { ipv4: "an IPv4 address", ipv6: "an IPv6 address", "date-time": "an RFC 3339 date-time", uri: "an absolute URI" };

/** `/body/elbs/0/elb_id` → `elbs[0].elb_id`; `/path/instance_id` → `instance_id`. */
function jsonPath(instancePath: string): string {
  const parts = instancePath
    .split("/")
    .slice(2)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  return parts.reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), "");
}

const join = (at: string, name: string) => (at ? `${at}.${name}` : name);

const range = (min: unknown, max: unknown, both: (min: number, max: number) => string) =>
  typeof min === "number" && typeof max === "number" ? both(min, max) : typeof min === "number" ? `at least ${min}` : `at most ${String(max)}`;

const article = (type: string) =>
  type.replace(/[^,]+/g, (t) => (t === "integer" || t === "object" || t === "array" ? `an ${t}` : `a ${t}`)).replace(/,/g, " or ");
