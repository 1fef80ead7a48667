/**
 * The APIG part of the emulator state: gateways, their ELBs and ingress addresses, and ingress jobs, with the
 * conversion from a seed gateway (defaults filled in, lists copied so the seed is never changed).
 */
import type { IpVersion, SeedCbcLock, SeedGateway, SeedIngressIp } from "./seed.js";
import type { GatewayStatus } from "./status.js";

/** Default bandwidth of a public or global EIP ingress address, in Mbit/s. */
export const DEFAULT_BANDWIDTH_MBIT = 5;

/** One registered ingress address. */
export interface IngressAddress {
  /** IP version. */
  type: IpVersion;
  /** The address as it was seeded or registered. */
  ip: string;
  /** Mbit/s; set for public and global EIP addresses. */
  bandwidthSize: number | undefined;
}

/** The three ingress kinds, named as in request bodies. */
export type IngressKind = "public_ips" | "private_ips" | "global_eips";
/** Every {@link IngressKind}, in body order. */
export const INGRESS_KINDS: readonly IngressKind[] = ["public_ips", "private_ips", "global_eips"];

/** An ELB and its registered addresses per ingress kind. */
export interface ElbState {
  /** ELB id (32–36 characters). */
  id: string;
  /** Registered addresses by ingress kind. */
  addresses: Record<IngressKind, IngressAddress[]>;
}

/** An APIG gateway. */
export interface GatewayState {
  /** Gateway id (32–36 characters). */
  id: string;
  /** Shown as `instance_name`. */
  name: string;
  /** Lifecycle status; `instance_status` is derived from it. */
  status: GatewayStatus;
  /** `elb` (NLB-series, ingress registration allowed) or `lvs`. */
  loadbalancerProvider: "elb" | "lvs";
  /** Shown as `ingress_ip`. */
  ingressIp: string | undefined;
  /** Shown as `ingress_ip_v6`. */
  ingressIpV6: string | undefined;
  /** The ELBs in front of the gateway. */
  elbs: ElbState[];
  /** Per-gateway job duration in ms, else the emulator default. */
  jobDelayMs: number | undefined;
  /** How many upcoming jobs end in `UpdateFailed`. */
  failNextJobs: number;
  /** Shown as `unreliable_ips`. */
  unreliableIps: string[];
  /** Billing locks, shown as `cbc_operation_locks`; any lock makes register/deregister answer 409 `APIC.7712`. */
  cbcLocks: SeedCbcLock[];
}

/** One ELB's part of an ingress job. */
export interface IngressChange {
  /** The ELB the addresses are on. */
  elbId: string;
  /** The addresses to add or remove, by ingress kind: each its IP version (`type`) and `ip` literal. */
  addresses: Record<IngressKind, { type: IpVersion; ip: string }[]>;
}

/** An ingress register/deregister job. */
export interface IngressJob {
  /** `JOB-` + 32 hex digits, as answered. */
  id: string;
  /** The gateway. */
  instanceId: string;
  /** Which operation created it. */
  action: "register" | "unregister";
  /** `Running` until the job delay passed, then `Succeeded` or `Failed`. */
  status: "Running" | "Succeeded" | "Failed";
  /** ISO 8601 UTC, emulator clock. */
  createdAt: string;
  /** ISO 8601 UTC, emulator clock; `undefined` while running. */
  finishedAt: string | undefined;
  /** What the job adds or removes. */
  changes: IngressChange[];
}

function addresses(list: readonly SeedIngressIp[] | undefined, withBandwidth: boolean): IngressAddress[] {
  return (list ?? []).map((a) => ({ type: a.type, ip: a.ip, bandwidthSize: withBandwidth ? (a.bandwidthSize ?? DEFAULT_BANDWIDTH_MBIT) : a.bandwidthSize }));
}

/** The live state of a validated seed gateway. */
export function gatewayState(g: SeedGateway): GatewayState {
  return {
    id: g.id,
    name: g.name,
    status: g.status ?? "Running",
    loadbalancerProvider: g.loadbalancerProvider ?? "elb",
    ingressIp: g.ingressIp,
    ingressIpV6: g.ingressIpV6,
    elbs: (g.elbs ?? []).map((e) => ({
      id: e.id,
      addresses: { public_ips: addresses(e.publicIps, true), private_ips: addresses(e.privateIps, false), global_eips: addresses(e.globalEips, true) },
    })),
    jobDelayMs: g.jobDelayMs,
    failNextJobs: g.failNextJob === true ? 1 : typeof g.failNextJob === "number" ? g.failNextJob : 0,
    unreliableIps: [...(g.unreliableIps ?? [])],
    cbcLocks: (g.cbcOperationLocks ?? []).map((l) => ({ ...l })),
  };
}
