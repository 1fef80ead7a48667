/**
 * The serialisable state of an operation wait, as far as every service shares it: what `handle.waitState()` returns
 * and `client.resumeWait()` accepts. Plain JSON, so it can be stored and picked up by another process; it never
 * holds credentials. Each service adds its own fields and expected end state, and reads them with {@link readWaitState}.
 */
import { pathParamIssues } from "../options.js";
import { collectIssues, type IssueCollector } from "../errors.js";

/** Tag of the state format; a state with another tag is refused, so future changes cannot be misread. */
export const WAIT_STATE_FORMAT = "hwc-gateways.wait/1";

/** Fields every wait state has. */
export interface WaitStateBase {
  /** Always {@link WAIT_STATE_FORMAT}. */
  format: typeof WAIT_STATE_FORMAT;
  /** Base URL the operation was sent to (no credentials, no query); a resuming client must use the same one. */
  endpoint: string;
  /** Project the resource belongs to; a resuming client must be for the same project. */
  projectId: string;
  /** Id of the resource the operation acted on. */
  instanceId: string;
  /** When the operation was sent, ISO 8601 UTC. Progress `elapsedMs` counts from here. */
  startedAt: string;
}

/** Longest string accepted in a state; ids are far shorter, this only bounds hostile input. */
export const MAX_STATE_TEXT = 512;

/** What {@link readWaitState} hands a service to read its own fields with; `add` records at `state<path>`. */
export interface WaitStateReader<Svc extends string = string, Op extends string = string> extends Pick<IssueCollector, "add" | "done"> {
  /** The input as an object. */
  readonly raw: Record<string, unknown>;
  /** `raw.expect` when it is an object (else an issue is recorded and this is `undefined`). */
  readonly expect: Record<string, unknown> | undefined;
  /** The checked common fields, service and operation (meaningful once {@link WaitStateReader.done} did not throw). */
  readonly base: WaitStateBase & { service: Svc; operation: Op };
  /** A non-empty string of at most {@link MAX_STATE_TEXT} characters. */
  text(path: string, value: unknown): string | undefined;
  /** A text that is also a valid path parameter (the name is the path without its dot). */
  id(path: string, value: unknown): string | undefined;
  /** A boolean that must be `true` for the first of the target operations and `false` for the others. */
  flag(path: string, value: unknown): void;
  /** An array of at most `max` items. */
  list(path: string, value: unknown, max: number): unknown[] | undefined;
  /** One of `allowed`. */
  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): value is T;
}

/**
 * Starts reading a state (object or JSON text): checks the common fields and that it belongs to the client's
 * service, operations, endpoint and project. The caller reads its own fields, then calls `done()`.
 * @throws {ValidationError} The input is not JSON or not an object (other problems are thrown by `done()`).
 */
export function readWaitState<const Svc extends string, const Op extends string>(
  input: unknown,
  target: { service: Svc; operations: readonly Op[]; endpoint: string; projectId: string },
): WaitStateReader<Svc, Op> {
  const { add, done, fail } = collectIssues("resumeWait", "state");
  let s = input;
  if (typeof s === "string") {
    try {
      s = JSON.parse(s) as unknown;
    } catch {
      fail("", "format", "is not valid JSON");
    }
  }
  if (!isRecord(s)) return fail("", "type", "must be an object (what handle.waitState() returned)");
  const text = (path: string, v: unknown): string | undefined => {
    if (typeof v !== "string" || v.length === 0) add(path, "type", "must be a non-empty string");
    else if (v.length > MAX_STATE_TEXT) add(path, "maxLength", `must have at most ${MAX_STATE_TEXT} characters`);
    else return v;
    return undefined;
  };
  const id = (path: string, v: unknown): string | undefined => {
    const t = text(path, v);
    const problems = t === undefined ? [] : pathParamIssues(path.slice(1), t);
    for (const p of problems) add(path, p.keyword, p.message);
    return problems.length ? undefined : t;
  };
  const flag = (path: string, v: unknown): void => {
    const expected = s.operation === target.operations[0];
    if (typeof v !== "boolean") add(path, "type", "must be a boolean");
    else if (target.operations.includes(s.operation as Op) && v !== expected) add(path, "const", `must be ${expected} for ${String(s.operation)}`);
  };
  const list = (path: string, v: unknown, max: number): unknown[] | undefined => {
    if (!Array.isArray(v)) add(path, "type", "must be an array");
    else if (v.length > max) add(path, "maxItems", `must have at most ${max} items`);
    else return v as unknown[];
    return undefined;
  };
  const oneOf = <T extends string>(path: string, v: unknown, allowed: readonly T[]): v is T => {
    const ok = allowed.includes(v as T);
    if (!ok) add(path, "enum", `must be ${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}`);
    return ok;
  };

  if (s.format !== WAIT_STATE_FORMAT) add(".format", "const", `must be ${JSON.stringify(WAIT_STATE_FORMAT)}`);
  if (s.service !== target.service) add(".service", "const", `must be ${JSON.stringify(target.service)} for this client`);
  const endpoint = text(".endpoint", s.endpoint);
  if (endpoint !== undefined && sameEndpoint(endpoint) !== target.endpoint)
    add(".endpoint", "const", `is ${endpoint}, but this client talks to ${target.endpoint}`);
  const projectId = id(".projectId", s.projectId);
  if (projectId !== undefined && projectId !== target.projectId) add(".projectId", "const", "belongs to another project than this client's");
  const instanceId = id(".instanceId", s.instanceId);
  const startedAt = text(".startedAt", s.startedAt);
  if (startedAt !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(startedAt) || !Number.isFinite(Date.parse(startedAt)))) {
    add(".startedAt", "format", "must be an ISO 8601 date-time");
  }
  if (!isRecord(s.expect)) add(".expect", "type", "must be an object");
  oneOf(".operation", s.operation, target.operations);

  const common = { format: WAIT_STATE_FORMAT, endpoint: target.endpoint, projectId: projectId!, instanceId: instanceId!, startedAt: startedAt! } as const;
  const base = { ...common, service: target.service, operation: s.operation as Op };
  return { raw: s, expect: isRecord(s.expect) ? s.expect : undefined, base, add, text, id, flag, list, oneOf, done };
}

/** The common fields of a new operation's state. */
export function newWaitState(init: { endpoint: string; projectId: string; instanceId: string; startedAtMs: number }): WaitStateBase {
  const { endpoint, projectId, instanceId } = init;
  return { format: WAIT_STATE_FORMAT, endpoint, projectId, instanceId, startedAt: new Date(init.startedAtMs).toISOString() };
}

/** An endpoint in the form client options normalise to (no trailing slash), or the text itself if unparsable. */
function sameEndpoint(endpoint: string): string {
  return URL.canParse(endpoint) ? new URL(endpoint).href.replace(/\/+$/, "") : endpoint;
}

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
