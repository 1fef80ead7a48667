/**
 * The serialisable state of an operation wait: what `handle.toJSON()` returns and `client.resumeWait()` accepts.
 *
 * It is plain JSON so it can be stored (a database row, a queue message) and picked up by another process: it
 * names the operation, the resource ids, the expected end state, when the operation started and which endpoint
 * it went to. It never holds credentials; the resuming process brings its own client and auth.
 */
import { ValidationError, type ValidationIssue } from "../errors.js";
import { pathParamIssues } from "../client/path-params.js";

/** Tag of the state format; a state with another tag is refused, so future changes cannot be misread. */
export const WAIT_STATE_FORMAT = "hwc-gateways.wait/1";

/** The operations whose completion can be awaited. */
export type WaitOperation = "registerIngressIps" | "deregisterIngressIps" | "bindPublicGateway" | "unbindPublicGateway";

/** Which list of an ingress request an address came from. */
export type IngressIpKind = "public" | "private" | "global";

/** One address of a register/deregister request, as the wait checks it. */
export interface IngressIpExpectation {
  /** The ELB the address was given for. */
  elbId: string;
  /** `public_ips`, `private_ips` or `global_eips` of the request. Global EIPs are not visible in ShowInstance. */
  kind: IngressIpKind;
  /** IP version, as in the request. */
  type: "v4" | "v6";
  /** The address as given in the request. */
  ip: string;
}

/** Fields every wait state has. */
export interface WaitStateBase {
  /** Always {@link WAIT_STATE_FORMAT}. */
  format: typeof WAIT_STATE_FORMAT;
  /** Base URL the operation was sent to (no credentials, no query); a resuming client must use the same one. */
  endpoint: string;
  /** Project the resource belongs to; a resuming client must be for the same project. */
  projectId: string;
  /** The gateway (APIG) or DB instance (DDS) acted on. */
  instanceId: string;
  /** When the operation was sent, ISO 8601 UTC. Progress `elapsedMs` counts from here. */
  startedAt: string;
}

/** State of a wait for an APIG ingress register/deregister job. */
export interface ApigWaitState extends WaitStateBase {
  service: "apig";
  operation: "registerIngressIps" | "deregisterIngressIps";
  /** `job_id` of the 202 answer; informational, since no Huawei API accepts it. */
  jobId: string;
  /** The expected end state: the gateway is `Running` and every (non-global) address is listed (`registered: true`) or gone. */
  expect: { registered: boolean; ips: IngressIpExpectation[] };
}

/** The expected end state of a public-gateway bind: the node shows these values. */
export interface BoundExpectation {
  bound: true;
  /** `nat_gateway_id` the node must show. */
  natGatewayId: string;
  /** `external_service_port` the node must show. */
  externalServicePort: number;
  /** The EIP id of the request; informational, since ListInstances does not show it. */
  publicIpId: string;
}

/** State of a wait for a DDS public-gateway bind/unbind. */
export interface DdsWaitState extends WaitStateBase {
  service: "dds";
  operation: "bindPublicGateway" | "unbindPublicGateway";
  /** The node acted on. */
  nodeId: string;
  /** Bound with these values, or `{ bound: false }`: no `nat_gateway_id` / `external_service_port` on the node. */
  expect: BoundExpectation | { bound: false };
}

/** Any wait state. */
export type WaitState = ApigWaitState | DdsWaitState;

/** What a state must match to be resumed by a client. */
export interface ResumeTarget {
  service: "apig" | "dds";
  /** The client's base URL. */
  endpoint: string;
  /** The client's project id. */
  projectId: string;
}

/** Longest string accepted in a state; ids are far shorter, this only bounds hostile input. */
const MAX_TEXT = 512;
/** At most 10 ELBs with 2 addresses in each of 3 lists, as the request schema allows. */
const MAX_IPS = 60;

/**
 * Checks a state (object or JSON text) and that it belongs to `target`'s endpoint and project. Returns a fresh
 * copy holding only the known fields, so nothing else the input carried travels on.
 * @throws {ValidationError} Listing every problem, with paths like `state.expect.ips[0].ip`.
 */
export function parseWaitState(input: unknown, target: ResumeTarget & { service: "apig" }): ApigWaitState;
export function parseWaitState(input: unknown, target: ResumeTarget & { service: "dds" }): DdsWaitState;
export function parseWaitState(input: unknown, target: ResumeTarget): WaitState {
  let value = input;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new ValidationError([{ path: "state", keyword: "format", message: "is not valid JSON" }], "resumeWait");
    }
  }
  const issues: ValidationIssue[] = [];
  const add = (path: string, keyword: string, message: string): void => {
    issues.push({ path: `state${path}`, keyword, message });
  };
  if (!isRecord(value)) {
    throw new ValidationError([{ path: "state", keyword: "type", message: "must be an object (what handle.toJSON() returned)" }], "resumeWait");
  }
  const s = value;
  const text = (path: string, v: unknown): string | undefined => {
    if (typeof v !== "string" || v.length === 0) add(path, "type", "must be a non-empty string");
    else if (v.length > MAX_TEXT) add(path, "maxLength", `must have at most ${MAX_TEXT} characters`);
    else return v;
    return undefined;
  };
  const id = (path: string, v: unknown): string | undefined => {
    const t = text(path, v);
    if (t === undefined) return undefined;
    const problems = pathParamIssues(path.slice(1), t);
    for (const p of problems) add(path, p.keyword, p.message);
    return problems.length ? undefined : t;
  };

  if (s.format !== WAIT_STATE_FORMAT) add(".format", "const", `must be ${JSON.stringify(WAIT_STATE_FORMAT)}`);
  if (s.service !== target.service) add(".service", "const", `must be ${JSON.stringify(target.service)} for this client`);

  const endpoint = text(".endpoint", s.endpoint);
  if (endpoint !== undefined && sameEndpoint(endpoint) !== target.endpoint) {
    add(".endpoint", "const", `is ${endpoint}, but this client talks to ${target.endpoint}`);
  }
  const projectId = id(".projectId", s.projectId);
  if (projectId !== undefined && projectId !== target.projectId) {
    add(".projectId", "const", "belongs to another project than this client's");
  }
  const instanceId = id(".instanceId", s.instanceId);
  const startedAt = text(".startedAt", s.startedAt);
  if (startedAt !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(startedAt) || !Number.isFinite(Date.parse(startedAt)))) {
    add(".startedAt", "format", "must be an ISO 8601 date-time");
  }

  const expect = s.expect;
  if (!isRecord(expect)) add(".expect", "type", "must be an object");

  if (target.service === "apig") {
    if (s.operation !== "registerIngressIps" && s.operation !== "deregisterIngressIps") {
      add(".operation", "enum", "must be registerIngressIps or deregisterIngressIps");
    }
    // Informational only, so an empty id (a 202 without one) still resumes.
    let jobId: string | undefined;
    if (typeof s.jobId !== "string") add(".jobId", "type", "must be a string");
    else if (s.jobId.length > MAX_TEXT) add(".jobId", "maxLength", `must have at most ${MAX_TEXT} characters`);
    else jobId = s.jobId;
    let ips: IngressIpExpectation[] = [];
    let registered = false;
    if (isRecord(expect)) {
      if (typeof expect.registered !== "boolean") add(".expect.registered", "type", "must be a boolean");
      else registered = expect.registered;
      if (expect.registered !== undefined && s.operation === "registerIngressIps" && expect.registered !== true) {
        add(".expect.registered", "const", "must be true for registerIngressIps");
      }
      if (expect.registered !== undefined && s.operation === "deregisterIngressIps" && expect.registered !== false) {
        add(".expect.registered", "const", "must be false for deregisterIngressIps");
      }
      ips = parseIps(expect.ips, add);
    }
    if (issues.length) throw new ValidationError(issues, "resumeWait");
    return {
      format: WAIT_STATE_FORMAT,
      service: "apig",
      operation: s.operation as ApigWaitState["operation"],
      endpoint: target.endpoint,
      projectId: projectId!,
      instanceId: instanceId!,
      jobId: jobId!,
      startedAt: startedAt!,
      expect: { registered, ips },
    };
  }

  if (s.operation !== "bindPublicGateway" && s.operation !== "unbindPublicGateway") {
    add(".operation", "enum", "must be bindPublicGateway or unbindPublicGateway");
  }
  const nodeId = id(".nodeId", s.nodeId);
  let parsedExpect: DdsWaitState["expect"] = { bound: false };
  if (isRecord(expect)) {
    if (expect.bound === true) {
      if (s.operation === "unbindPublicGateway") add(".expect.bound", "const", "must be false for unbindPublicGateway");
      const natGatewayId = text(".expect.natGatewayId", expect.natGatewayId);
      const publicIpId = text(".expect.publicIpId", expect.publicIpId);
      const port = expect.externalServicePort;
      if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
        add(".expect.externalServicePort", "maximum", "must be an integer from 1 to 65535");
      }
      if (natGatewayId !== undefined && publicIpId !== undefined && typeof port === "number") {
        parsedExpect = { bound: true, natGatewayId, externalServicePort: port, publicIpId };
      }
    } else if (expect.bound === false) {
      if (s.operation === "bindPublicGateway") add(".expect.bound", "const", "must be true for bindPublicGateway");
    } else {
      add(".expect.bound", "type", "must be a boolean");
    }
  }
  if (issues.length) throw new ValidationError(issues, "resumeWait");
  return {
    format: WAIT_STATE_FORMAT,
    service: "dds",
    operation: s.operation as DdsWaitState["operation"],
    endpoint: target.endpoint,
    projectId: projectId!,
    instanceId: instanceId!,
    nodeId: nodeId!,
    startedAt: startedAt!,
    expect: parsedExpect,
  };
}

function parseIps(value: unknown, add: (path: string, keyword: string, message: string) => void): IngressIpExpectation[] {
  if (!Array.isArray(value)) {
    add(".expect.ips", "type", "must be an array");
    return [];
  }
  if (value.length > MAX_IPS) {
    add(".expect.ips", "maxItems", `must have at most ${MAX_IPS} items`);
    return [];
  }
  const out: IngressIpExpectation[] = [];
  value.forEach((item: unknown, i) => {
    const at = `.expect.ips[${i}]`;
    if (!isRecord(item)) {
      add(at, "type", "must be an object");
      return;
    }
    const { elbId, kind, type, ip } = item;
    let ok = true;
    if (typeof elbId !== "string" || elbId.length === 0 || elbId.length > 64) {
      add(`${at}.elbId`, "type", "must be a string of 1–64 characters");
      ok = false;
    }
    if (kind !== "public" && kind !== "private" && kind !== "global") {
      add(`${at}.kind`, "enum", "must be public, private or global");
      ok = false;
    }
    if (type !== "v4" && type !== "v6") {
      add(`${at}.type`, "enum", "must be v4 or v6");
      ok = false;
    } else if (typeof ip !== "string" || !isIpOfType(ip, type)) {
      add(`${at}.ip`, "format", `must be an IP${type === "v4" ? "v4" : "v6"} address`);
      ok = false;
    }
    if (ok) out.push({ elbId: elbId as string, kind: kind as IngressIpKind, type: type as "v4" | "v6", ip: ip as string });
  });
  return out;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** True when `ip` is a literal of the given version. IPv6 goes through the URL parser, which runs everywhere. */
function isIpOfType(ip: string, type: "v4" | "v6"): boolean {
  if (ip.length > 45) return false;
  if (type === "v4") return IPV4.test(ip);
  if (!ip.includes(":") || /[[\]/%]/.test(ip)) return false;
  try {
    new URL(`http://[${ip}]/`);
    return true;
  } catch {
    return false;
  }
}

/** An endpoint in the form client options normalise to (no trailing slash), or the text itself if unparsable. */
function sameEndpoint(endpoint: string): string {
  try {
    return new URL(endpoint).href.replace(/\/+$/, "");
  } catch {
    return endpoint;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
