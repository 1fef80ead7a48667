import type { components, paths } from "../../generated/apig.js";
import { operations } from "../../generated/operations/apig.js";
import { bodyOf } from "../errors.js";
import { requestInit, type CallOptions, type ClientOptions } from "../options.js";
import { describeClient, type BaseClient } from "../internal/create.js";
import { createScopedClient } from "./client-setup.js";
import { createServiceWaits, type OperationHandle, type Verdict, type WaitOptions } from "../wait/handle.js";
import { isRecord, MAX_STATE_TEXT, readWaitState, type WaitStateBase } from "../wait/state.js";

/** Body of register/deregister: the ELBs and the ingress addresses concerned. */
export type IngressIpsRequest = components["schemas"]["IngressIpsRequest"];
/** One ELB and its ingress addresses. */
export type ElbIngressDetails = components["schemas"]["ElbIngressDetails"];
/** One IP address and its version. */
export type IpDetail = components["schemas"]["IpDetail"];
/** The 202 answer of register/deregister. */
export type IngressIpsJob = components["schemas"]["IngressIpsJob"];
/** Gateway details as ShowInstance returns them. */
export type InstanceDetails = components["schemas"]["InstanceDetails"];
/** Gateway lifecycle status. */
export type InstanceStatus = components["schemas"]["InstanceStatus"];

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

/** State of a wait for an APIG ingress register/deregister job (`handle.waitState()`). */
export interface ApigWaitState extends WaitStateBase {
  /** Which client can resume this wait: `resumeWait` refuses a state of another service. */
  service: "apig";
  /** The call that started the change. */
  operation: "registerIngressIps" | "deregisterIngressIps";
  /** `job_id` of the 202 answer; informational, since no Huawei API accepts it. */
  jobId: string;
  /** The expected end state: the gateway is `Running` and every (non-global) address of `ips` is listed (`registered`: true) or gone. */
  expect: { registered: boolean; ips: IngressIpExpectation[] };
}

/**
 * What `registerIngressIps` / `deregisterIngressIps` resolve with: the 202 body as it came (`instance_id`, `message`,
 * `job_id`, any field the service adds), with non-enumerable `wait()` and `waitState()`. `wait()` polls ShowInstance
 * and resolves with the gateway details once `status` is `Running` AND every public/private address of the request
 * is listed (register) or gone (deregister) in `publicips` / `privateips` (`ip_address` / `ipv6_address`),
 * `ingress_ip` or `ingress_ip_v6` (global EIPs are not visible there: only `Running` counts for them). It rejects
 * with `JobFailedError` on a failure status (`*Failed`, `*Fail`, `*Timeout`, `Unhealthy`; on `.status`) or a gone
 * gateway (404), `WaitTimeoutError`, `AbortError` or `ValidationError` (bad options).
 */
export interface IngressIpsJobHandle extends IngressIpsJob, OperationHandle<ApigWaitState, InstanceDetails> {}

/** Options of {@link createApigClient}; without `projectId`, the project named after `region` is looked up in IAM once. */
export type ApigClientOptions = ClientOptions;

/** Typed client of the APIG dedicated-gateway ingress operations. */
export interface ApigClient {
  /**
   * Registers ingress IPs on an NLB gateway (PUT …/ingress-register). Resolves with the 202 job answer as a handle:
   * `await (await apig.registerIngressIps(id, body)).wait()` resolves once the gateway is `Running` with them listed.
   */
  registerIngressIps(instanceId: string, body: IngressIpsRequest, options?: CallOptions): Promise<IngressIpsJobHandle>;
  /**
   * Deregisters ingress IPs from an NLB gateway (PUT …/ingress-unregister). Resolves with the 202 job answer as
   * a handle whose `wait()` resolves once the gateway is `Running` with the addresses gone.
   */
  deregisterIngressIps(instanceId: string, body: IngressIpsRequest, options?: CallOptions): Promise<IngressIpsJobHandle>;
  /** Reads a gateway's details (GET …/instances/{instance_id}). */
  getInstance(instanceId: string, options?: CallOptions): Promise<InstanceDetails>;
  /**
   * Continues a wait from `handle.waitState()` (object or JSON text), e.g. in another process, like `handle.wait()`:
   * `maxWaitMs` counts from this call, progress `elapsedMs` from the original start. Rejects with `ValidationError`,
   * before any request, for a malformed state or one made for another endpoint or project than this client's.
   */
  resumeWait(state: ApigWaitState | string, options?: WaitOptions<InstanceDetails>): Promise<InstanceDetails>;
  /** openapi-fetch client for the APIG spec, with auth, retries and typed errors applied. */
  readonly raw: BaseClient<paths>["raw"];
}

/** Creates an APIG client. Throws `ValidationError` for bad options, before any I/O. */
export function createApigClient(options: ApigClientOptions): ApigClient {
  const { raw, options: resolved, project } = createScopedClient<paths>("apig", options, operations);
  // `input`: the operation's inputs, checked before a discovery so bad input is refused before any I/O.
  const projectId = async (signal: AbortSignal | undefined, input?: Parameters<typeof project>[1]) => (await project(signal, input)).projectId;
  const showInstance = async (instanceId: string, init: { signal?: AbortSignal }) => {
    const params = {
      path: { project_id: await projectId(init.signal, { operationId: "ShowInstance", path: { instance_id: instanceId } }), instance_id: instanceId },
    };
    const { data, response } = await raw.GET("/v2/{project_id}/apigw/instances/{instance_id}", { params, ...init });
    return { observation: bodyOf(data, response), response };
  };
  // Made once the project id is known: wait states carry it.
  let waitsMemo: ReturnType<typeof createServiceWaits<ApigWaitState, InstanceDetails>> | undefined;
  const waits = async (signal: AbortSignal | undefined) =>
    (waitsMemo ??= createServiceWaits<ApigWaitState, InstanceDetails>({
      service: "apig",
      client: { baseUrl: resolved.baseUrl, projectId: await projectId(signal) },
      poll: (state, pollSignal) => showInstance(state.instanceId, { signal: pollSignal }),
      accept: (details, state) => evaluateIngress(details, state.expect),
      goneReason: (state) => `gateway ${state.instanceId} no longer exists (ShowInstance answered 404)`,
      parse: parseApigWaitState,
    }));
  const ingress = (route: "ingress-register" | "ingress-unregister") => async (instanceId: string, body: IngressIpsRequest, callOptions?: CallOptions) => {
    const registered = route === "ingress-register";
    const input = { operationId: registered ? "RegisterIngressIps" : "UnregisterIngressIps", path: { instance_id: instanceId }, body };
    const params = { path: { project_id: await projectId(callOptions?.signal, input), instance_id: instanceId } };
    return (await waits(callOptions?.signal)).start(
      instanceId,
      () => raw.PUT(`/v2/{project_id}/apigw/instances/{instance_id}/${route}`, { params, body, ...requestInit(callOptions) }),
      (job) => ({
        operation: registered ? "registerIngressIps" : "deregisterIngressIps",
        jobId: typeof job.job_id === "string" ? job.job_id : "",
        expect: { registered, ips: ingressExpectations(body) },
      }),
    );
  };
  const client: ApigClient = {
    registerIngressIps: ingress("ingress-register"),
    deregisterIngressIps: ingress("ingress-unregister"),
    getInstance: async (instanceId, callOptions) => (await showInstance(instanceId, requestInit(callOptions))).observation,
    resumeWait: async (state, waitOptions) => (await waits(waitOptions?.signal)).resume(state, waitOptions),
    raw,
  };
  return describeClient(client, "ApigClient", resolved);
}

// The wait: no Huawei API takes the job id (https://support.huaweicloud.com/intl/en-us/api-apig/UnregisterIngressIps.html
// documents only the 202 `job_id`), so the gateway details are read until they show the change.

/** The addresses of a register/deregister request, in request order, one entry per ELB and list. */
export function ingressExpectations(body: IngressIpsRequest): IngressIpExpectation[] {
  const lists = [
    ["public", "public_ips"],
    ["private", "private_ips"],
    ["global", "global_eips"],
  ] as const;
  return body.elbs.flatMap((elb) => lists.flatMap(([kind, list]) => (elb[list] ?? []).map(({ type, ip }) => ({ elbId: elb.elb_id, kind, type, ip }))));
}

/** A gateway status after which the change will not complete: `*Failed`, `*Fail`, anything with `Timeout`, `Unhealthy`. */
export function isFailedGatewayStatus(status: string): boolean {
  return /Fail(ed)?$/.test(status) || status.includes("Timeout") || status === "Unhealthy";
}

/**
 * The acceptor of an ingress job. Success needs BOTH `Running` AND the addresses: right after the 202 the gateway may
 * still show `Running` with the old ones, and the lists can change before it has finished (and may roll back). Any of
 * the address fields counts, as Huawei does not document which shows which kind; IPs are compared canonically.
 */
export function evaluateIngress(details: InstanceDetails, expect: ApigWaitState["expect"]): Verdict {
  const status = typeof details?.status === "string" ? details.status : undefined;
  const entries = [details?.publicips, details?.privateips].flatMap((e): unknown[] => (Array.isArray(e) ? e : [])).filter(isRecord);
  const shown = [details?.ingress_ip, details?.ingress_ip_v6, ...entries.flatMap((e) => [e.ip_address, e.ipv6_address])];
  const listed = new Set(shown.filter((v): v is string => typeof v === "string" && v !== "").map(canonicalIp));
  const pending: string[] = [];
  if (status !== "Running") pending.push(status === undefined ? "gateway status is unknown" : `gateway status is ${status}`);
  const seen = new Set<string>();
  for (const { kind, ip } of expect.ips) {
    const key = canonicalIp(ip);
    // Global EIPs are not visible in ShowInstance; an address given twice is reported once.
    if (kind === "global" || seen.has(key) || listed.has(key) === expect.registered) continue;
    seen.add(key);
    pending.push(expect.registered ? `${ip} not registered yet` : `${ip} still registered`);
  }
  if (status !== undefined && isFailedGatewayStatus(status)) return { state: "failure", status, pending, reason: `gateway status is ${status}` };
  return { state: pending.length === 0 ? "success" : "retry", status, pending };
}

/**
 * The canonical text of an IP literal, shared with the emulator so both agree on when two addresses are the same:
 * trimmed, lower-cased, IPv6 in the URL parser's compressed form (`2001:DB8:0:0:0:0:0:1` is `2001:db8::1`). An
 * IPv4-mapped IPv6 stays distinct from its IPv4 (the API files them under different `type`s); IPv4 keeps its digits.
 */
export function canonicalIp(ip: string): string {
  const s = ip.trim().toLowerCase();
  if (!s.includes(":")) return s;
  const url = `http://[${s}]/`;
  return URL.canParse(url) ? new URL(url).hostname.slice(1, -1) : s;
}

/** At most 10 ELBs with 2 addresses in each of 3 lists, as the request schema allows. */
const MAX_IPS = 60;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** True when `ip` is a literal of the given version. IPv6 goes through the URL parser, which runs everywhere. */
function isIpOfType(ip: string, type: "v4" | "v6"): boolean {
  if (ip.length > 45) return false;
  return type === "v4" ? IPV4.test(ip) : ip.includes(":") && !/[[\]/%]/.test(ip) && URL.canParse(`http://[${ip}]/`);
}

/**
 * Checks a state (object or JSON text) for this client's endpoint and project, and returns a fresh copy holding
 * only the known fields. @throws {ValidationError} Listing every problem, with paths like `state.expect.ips[0].ip`.
 */
export function parseApigWaitState(input: unknown, endpoint: string, projectId: string): ApigWaitState {
  const r = readWaitState(input, { service: "apig", operations: ["registerIngressIps", "deregisterIngressIps"], endpoint, projectId });
  const { raw: s, expect, add } = r;
  // Informational only, so an empty id (a 202 without one) still resumes.
  if (typeof s.jobId !== "string") add(".jobId", "type", "must be a string");
  else if (s.jobId.length > MAX_STATE_TEXT) add(".jobId", "maxLength", `must have at most ${MAX_STATE_TEXT} characters`);
  const ips: IngressIpExpectation[] = [];
  if (expect) {
    r.flag(".expect.registered", expect.registered);
    r.list(".expect.ips", expect.ips, MAX_IPS)?.forEach((item, i) => {
      const at = `.expect.ips[${i}]`;
      if (!isRecord(item)) {
        add(at, "type", "must be an object");
        return;
      }
      const { elbId, kind, type, ip } = item;
      if (typeof elbId !== "string" || elbId.length === 0 || elbId.length > 64) add(`${at}.elbId`, "type", "must be a string of 1–64 characters");
      r.oneOf(`${at}.kind`, kind, ["public", "private", "global"]);
      if (r.oneOf(`${at}.type`, type, ["v4", "v6"]) && (typeof ip !== "string" || !isIpOfType(ip, type)))
        add(`${at}.ip`, "format", `must be an IP${type} address`);
      // Kept only if every field passed: done() throws otherwise.
      ips.push({ elbId, kind, type, ip } as IngressIpExpectation);
    });
  }
  r.done();
  return { ...r.base, jobId: s.jobId as string, expect: { registered: r.base.operation === "registerIngressIps", ips } };
}
