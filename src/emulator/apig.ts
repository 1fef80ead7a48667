/**
 * APIG handlers: ShowInstance, RegisterIngressIps and UnregisterIngressIps.
 *
 * Register/deregister check the whole request synchronously (body, gateway, edition, status, ELBs, addresses),
 * then answer 202 with a job `JOB-` + 32 hex, set the gateway to `Updating` (12), and after the job delay apply
 * the change and return it to `Running` (6), or leave the addresses unchanged and set `UpdateFailed` (13) when
 * the gateway was told to fail its next job. Until the job ends, ShowInstance still lists the old addresses.
 */
import { badParameter, invalidIp, parseIngressBody } from "./apig-body.js";
import type { Handler, HandlerContext } from "./context.js";
import { serviceError } from "./errors.js";
import { isoTime, randomHex, type Answer } from "./http.js";
import { canonicalIp } from "../services/apig.js";
import { DEFAULT_BANDWIDTH_MBIT, INGRESS_KINDS, type GatewayState, type IngressAddress, type IngressJob } from "./apig-state.js";
import { INSTANCE_STATUS_CODES, JOB_START_STATES } from "./status.js";

/** 404 APIC.7302. */
function gatewayNotFound(): Answer {
  return serviceError(404, "APIC.7302", "Instance not found");
}

function addressView(a: IngressAddress): Record<string, unknown> {
  const view: Record<string, unknown> = a.type === "v4" ? { ip_address: a.ip } : { ipv6_address: a.ip };
  if (a.bandwidthSize !== undefined) view.bandwidth_size = a.bandwidthSize;
  return view;
}

/**
 * ShowInstance body (`InstanceDetails`) built from the state. `publicips` lists the public addresses of every
 * ELB, `privateips` the private ones; IPv4 addresses as `ip_address`, IPv6 as `ipv6_address`. Global EIPs are
 * not shown (ShowInstance has no field for them; the SDK's waiter assumes the same); `GET /__emulator/state` has them.
 */
export function instanceDetails(gw: GatewayState): Record<string, unknown> {
  const all = (kinds: readonly ("public_ips" | "private_ips" | "global_eips")[]) =>
    gw.elbs.flatMap((e) => kinds.flatMap((k) => e.addresses[k])).map(addressView);
  return {
    id: gw.id,
    instance_name: gw.name,
    status: gw.status,
    instance_status: INSTANCE_STATUS_CODES[gw.status],
    loadbalancer_provider: gw.loadbalancerProvider,
    ...(gw.ingressIp !== undefined ? { ingress_ip: gw.ingressIp } : {}),
    ...(gw.ingressIpV6 !== undefined ? { ingress_ip_v6: gw.ingressIpV6 } : {}),
    publicips: all(["public_ips"]),
    privateips: all(["private_ips"]),
    unreliable_ips: [...gw.unreliableIps],
    cbc_operation_locks: gw.cbcLocks.map((l) => ({ lock_scene: l.lockScene, ...(l.lockSourceId !== undefined ? { lock_source_id: l.lockSourceId } : {}) })),
  };
}

/** The gateway named in the path, if it exists in the path's project. */
function lookupGateway(ctx: HandlerContext): GatewayState | undefined {
  if (ctx.params.project_id !== ctx.state.projectId) return undefined;
  return ctx.state.gateways.get(ctx.params.instance_id ?? "");
}

/** GET /v2/{project_id}/apigw/instances/{instance_id} */
export const showInstance: Handler = (ctx) => {
  const gw = lookupGateway(ctx);
  if (!gw) return gatewayNotFound();
  return { status: 200, body: instanceDetails(gw) };
};

function isRegisteredOnGateway(gw: GatewayState, ip: string): boolean {
  const key = canonicalIp(ip);
  return gw.elbs.some((e) => INGRESS_KINDS.some((k) => e.addresses[k].some((a) => canonicalIp(a.ip) === key)));
}

function ingress(action: IngressJob["action"]): Handler {
  return (ctx) => {
    const parsed = parseIngressBody(ctx.body instanceof Error ? undefined : ctx.body);
    if (!parsed.ok) return parsed.answer;
    const gw = lookupGateway(ctx);
    if (!gw) return gatewayNotFound();
    if (gw.loadbalancerProvider !== "elb")
      return serviceError(400, "APIC.7242", "The gateway edition does not support load balancing (not an NLB-series gateway)");
    // A billing order holds the operation lock until it is paid or cancelled: not a transient busy state.
    if (gw.cbcLocks.length > 0) return serviceError(409, "APIC.7712", "The gateway operation has already been locked.");
    if (!JOB_START_STATES.has(gw.status)) return serviceError(409, "APIC.7701", `Instance status conflict: the gateway is ${gw.status}`);

    for (const change of parsed.changes) {
      const elb = gw.elbs.find((e) => e.id === change.elbId);
      if (!elb) return badParameter("elb_id");
      for (const kind of INGRESS_KINDS) {
        for (const { ip } of change.addresses[kind]) {
          if (action === "register" && isRegisteredOnGateway(gw, ip)) return invalidIp(`${ip} is already registered on the gateway`);
          if (action === "unregister" && !elb.addresses[kind].some((a) => canonicalIp(a.ip) === canonicalIp(ip))) {
            return invalidIp(`${ip} is not registered as ${kind} on ELB ${elb.id}`);
          }
        }
      }
    }

    const job: IngressJob = {
      id: `JOB-${randomHex(16)}`,
      instanceId: gw.id,
      action,
      status: "Running",
      createdAt: isoTime(ctx.now()),
      finishedAt: undefined,
      changes: parsed.changes,
    };
    ctx.state.jobs.set(job.id, job);
    gw.status = "Updating";
    ctx.timers.schedule(gw.jobDelayMs ?? ctx.timings.jobDelayMs, () => finishJob(ctx, gw, job));
    return {
      status: 202,
      body: {
        instance_id: gw.id,
        message: `JOB_ASSIGNED_FOR_UPDATE_0077I:The job ${job.id} is assigned to the instance ${gw.id} for running updating`,
        job_id: job.id,
      },
    };
  };
}

/** Ends a job: applies it (→ Running) or fails it (→ UpdateFailed, addresses unchanged). */
function finishJob(ctx: HandlerContext, gw: GatewayState, job: IngressJob): void {
  job.finishedAt = isoTime(ctx.now());
  if (gw.failNextJobs > 0) {
    gw.failNextJobs--;
    gw.status = "UpdateFailed";
    job.status = "Failed";
    return;
  }
  for (const change of job.changes) {
    const elb = gw.elbs.find((e) => e.id === change.elbId);
    if (!elb) continue;
    for (const kind of INGRESS_KINDS) {
      for (const { type, ip } of change.addresses[kind]) {
        if (job.action === "register") {
          elb.addresses[kind].push({ type, ip, bandwidthSize: kind === "private_ips" ? undefined : DEFAULT_BANDWIDTH_MBIT });
        } else {
          elb.addresses[kind] = elb.addresses[kind].filter((a) => canonicalIp(a.ip) !== canonicalIp(ip));
        }
      }
    }
  }
  gw.status = "Running";
  job.status = "Succeeded";
}

/** PUT …/ingress-register */
export const registerIngressIps: Handler = ingress("register");
/** PUT …/ingress-unregister */
export const unregisterIngressIps: Handler = ingress("unregister");
