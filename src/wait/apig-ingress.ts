/**
 * When an APIG ingress register/deregister job is done, read from ShowInstance, and the handle that
 * register/deregister resolve with. Huawei has no API that takes the job id: the reference
 * (https://support.huaweicloud.com/intl/en-us/api-apig/UnregisterIngressIps.html) documents only the 202
 * `job_id`, so the gateway details are read instead.
 */
import type { IngressIpsJob, IngressIpsRequest, InstanceDetails } from "../services/apig.js";
import type { Evaluation, WaitOptions } from "./handle.js";
import { type ApigWaitState, type IngressIpExpectation, WAIT_STATE_FORMAT } from "./state.js";

/**
 * What `registerIngressIps` / `deregisterIngressIps` resolve with: the 202 body as it came (`instance_id`,
 * `message`, `job_id`, plus any field the service adds), the same ids in camelCase, and `wait()` / `toJSON()`
 * (non-enumerable, so spreading or comparing the handle sees only the answer's data).
 */
export interface IngressIpsJobHandle extends IngressIpsJob {
  /** `job_id` of the answer. Informational: no Huawei API accepts it, so the wait reads the gateway instead. */
  readonly jobId: string;
  /** The gateway the request was sent to (the path's `instance_id`; the answer's `instance_id` names the same one). */
  readonly instanceId: string;
  /**
   * Polls ShowInstance until the job is done and resolves with the gateway details of the successful poll.
   *
   * Done means: `status` is `Running` AND every public/private address of the request is listed (register) or
   * no longer listed (deregister) in `publicips` / `privateips` (`ip_address` / `ipv6_address`), `ingress_ip`
   * or `ingress_ip_v6`. Global EIPs (`global_eips`) are not visible in ShowInstance, so for them only
   * `Running` is required: a request with nothing but global EIPs can therefore succeed on the first poll,
   * before the gateway has even started the change.
   *
   * @throws {JobFailedError} The gateway reached a failure status (`*Failed`, `*Fail`, `*Timeout`, `Unhealthy`;
   *   on `.status`), or it no longer exists (404; `cause` is the `NotFoundError`).
   * @throws {WaitTimeoutError} Not done at the final poll before `maxWaitMs`; `observed` lists the polls.
   * @throws {AbortError} `signal` aborted.
   * @throws {ValidationError} Bad options.
   */
  wait(options?: WaitOptions<InstanceDetails>): Promise<InstanceDetails>;
  /** Plain JSON for `client.resumeWait()` in another process: ids, expected end state, start, endpoint; no secrets. */
  toJSON(): ApigWaitState;
}

/** The addresses of a register/deregister request, in request order, one entry per ELB and list. */
export function ingressExpectations(body: IngressIpsRequest): IngressIpExpectation[] {
  const out: IngressIpExpectation[] = [];
  for (const elb of body.elbs) {
    const lists = [
      ["public", elb.public_ips],
      ["private", elb.private_ips],
      ["global", elb.global_eips],
    ] as const;
    for (const [kind, ips] of lists) {
      for (const { type, ip } of ips ?? []) out.push({ elbId: elb.elb_id, kind, type, ip });
    }
  }
  return out;
}

/**
 * True for a gateway status that means the change failed and will not complete: anything ending in `Failed`
 * or `Fail` (`UpdateFailed`, `RestartFail`, `CreateFail`), containing `Timeout`, or `Unhealthy`.
 */
export function isFailedGatewayStatus(status: string): boolean {
  return /Fail(ed)?$/.test(status) || status.includes("Timeout") || status === "Unhealthy";
}

/**
 * The acceptor of an ingress job.
 *
 * Success needs BOTH `status === "Running"` AND the address condition. Status alone is not enough: right after
 * the 202 the gateway may still show `Running` with the old addresses before it switches to `Updating`, and a
 * status-only check would declare success before the job even started. The address condition alone is not
 * enough either: the lists can change before the gateway has finished (and may still roll back). So an
 * observation where either is missing is `retry`, and progress lists what is missing.
 *
 * An address counts as listed when it appears in any of `publicips[].ip_address`, `publicips[].ipv6_address`,
 * `privateips[]` (same fields), `ingress_ip` or `ingress_ip_v6`: Huawei does not document which field shows
 * which ingress kind, and one literal cannot be two kinds at once. IPv6 literals are compared in canonical form.
 */
export function evaluateIngress(details: InstanceDetails, expect: ApigWaitState["expect"]): Evaluation {
  const status = typeof details?.status === "string" ? details.status : undefined;
  const listed = listedAddresses(details);
  const pending: string[] = [];
  if (status !== "Running") pending.push(status === undefined ? "gateway status is unknown" : `gateway status is ${status}`);
  const seen = new Set<string>();
  for (const { kind, ip } of expect.ips) {
    if (kind === "global") continue; // not visible in ShowInstance; only Running is required for them
    const key = canonicalIp(ip);
    if (seen.has(key)) continue;
    seen.add(key);
    const present = listed.has(key);
    if (expect.registered && !present) pending.push(`${ip} not registered yet`);
    if (!expect.registered && present) pending.push(`${ip} still registered`);
  }
  if (status !== undefined && isFailedGatewayStatus(status)) {
    return { state: "failure", status, pending, reason: `gateway status is ${status}` };
  }
  return { state: pending.length === 0 ? "success" : "retry", status, pending };
}

/** Every address the gateway lists, canonicalised. Tolerates missing or malformed fields. */
function listedAddresses(details: InstanceDetails): Set<string> {
  const out = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === "string" && value !== "") out.add(canonicalIp(value));
  };
  add(details?.ingress_ip);
  add(details?.ingress_ip_v6);
  for (const list of [details?.publicips, details?.privateips]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list as unknown[]) {
      if (typeof entry !== "object" || entry === null) continue;
      add((entry as { ip_address?: unknown }).ip_address);
      add((entry as { ipv6_address?: unknown }).ipv6_address);
    }
  }
  return out;
}

/** IPv4 as is; IPv6 in the URL parser's canonical (lower-case, compressed) form, so `2001:DB8:0::1` equals `2001:db8::1`. */
export function canonicalIp(ip: string): string {
  const s = ip.trim().toLowerCase();
  if (!s.includes(":")) return s;
  try {
    return new URL(`http://[${s}]/`).hostname.slice(1, -1);
  } catch {
    return s;
  }
}

/** Builds the handle around a 202 answer; `wait` is the client's bound wait for `state`. */
export function createIngressHandle(
  job: IngressIpsJob,
  state: ApigWaitState,
  wait: (state: ApigWaitState, options: WaitOptions<InstanceDetails> | undefined) => Promise<InstanceDetails>,
): IngressIpsJobHandle {
  const handle = {
    ...job,
    jobId: state.jobId,
    instanceId: state.instanceId,
  } as IngressIpsJobHandle;
  Object.defineProperties(handle, {
    wait: { value: (options?: WaitOptions<InstanceDetails>) => wait(state, options), enumerable: false },
    toJSON: { value: () => copyApigState(state), enumerable: false },
  });
  return handle;
}

/** A deep copy, so callers can never change the state a handle waits for. */
function copyApigState(state: ApigWaitState): ApigWaitState {
  return { ...state, expect: { registered: state.expect.registered, ips: state.expect.ips.map((ip) => ({ ...ip })) } };
}

/** The state a new register/deregister job starts with. */
export function apigWaitState(
  operation: ApigWaitState["operation"],
  init: { endpoint: string; projectId: string; instanceId: string; jobId: string; startedAtMs: number; body: IngressIpsRequest },
): ApigWaitState {
  return {
    format: WAIT_STATE_FORMAT,
    service: "apig",
    operation,
    endpoint: init.endpoint,
    projectId: init.projectId,
    instanceId: init.instanceId,
    jobId: init.jobId,
    startedAt: new Date(init.startedAtMs).toISOString(),
    expect: { registered: operation === "registerIngressIps", ips: ingressExpectations(init.body) },
  };
}
