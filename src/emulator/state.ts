/**
 * The emulator's mutable in-memory state, built from a {@link Seed}. Handlers change it; tests may read and
 * change it directly (for example set a DDS instance to `frozen`). Nothing here does I/O or keeps timers.
 */
import { createHash } from "node:crypto";
import type { DdsDatastoreType, DdsInstanceMode, DdsInstanceStatus, IpVersion, Seed, SeedAccessKey, SeedCbcLock, SeedIngressIp, SeedNatGateway, SeedProject, SeedUser } from "./seed.js";
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
  /** The addresses to add or remove, by ingress kind. */
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

/** A public gateway (DNAT rule) on a DDS node. */
export interface PublicGatewayState {
  /** Shown as `nat_gateway_id`. */
  natGatewayId: string;
  /** The EIP of the rule (not shown by ListInstances). */
  publicIpId: string;
  /** Shown as `external_service_port`, 1–65535. */
  externalServicePort: number;
}

/** A DDS node. */
export interface DdsNodeState {
  /** Node id. */
  id: string;
  /** Node name. */
  name: string;
  /** `master` (mongos), `Primary`, `Secondary`, `Hidden` or `unknown`. */
  role: string;
  /** Node status; only `normal` nodes accept bind/unbind. */
  status: string;
  /** Shown as `private_ip`. */
  privateIp: string | undefined;
  /** EIP bound directly to the node, shown as `public_ip` (`""` when none). */
  publicIp: string;
  /** The bound public gateway, `undefined` when none. */
  publicGateway: PublicGatewayState | undefined;
}

/** A group of DDS nodes (`mongos`, `shard`, `config`, `replica`, `single`). */
export interface DdsGroupState {
  /** Group type. */
  type: string;
  /** Group id, when it has one. */
  id: string | undefined;
  /** Group name, when it has one. */
  name: string | undefined;
  /** Group status. */
  status: string;
  /** The group's nodes. */
  nodes: DdsNodeState[];
}

/** A DDS DB instance. */
export interface DdsInstanceState {
  /** Instance id. */
  id: string;
  /** Instance name (the `name` filter matches a substring of it). */
  name: string;
  /** Instance type. */
  mode: DdsInstanceMode;
  /** Only `normal` instances accept bind/unbind. */
  status: DdsInstanceStatus;
  /** Running operations; bind/unbind answer 403 `DBS.201015` while it is not empty. */
  actions: string[];
  /** For the `vpc_id` filter. */
  vpcId: string | undefined;
  /** For the `subnet_id` filter. */
  subnetId: string | undefined;
  /** Database type, for the `datastore_type` filter. */
  datastoreType: DdsDatastoreType;
  /** Tags, for the `tags` filter. */
  tags: Record<string, string>;
  /** Per-instance settle time in ms, else the emulator default. */
  settleMs: number | undefined;
  /** Node groups. */
  groups: DdsGroupState[];
}

/** An IAM user with ids filled in. */
export interface UserState {
  /** Account (domain) name. */
  domainName: string;
  /** Account (domain) id. */
  domainId: string;
  /** User name. */
  userName: string;
  /** User id. */
  userId: string;
  /** The password CreateTokenByPassword checks. Never shown in snapshots. */
  password: string;
  /** Projects the user may scope tokens to. */
  projects: SeedProject[];
  /** Role names listed in token bodies. */
  roles: string[];
}

/** What `GET /__emulator/state` shows: the state without passwords, secret keys or tokens. */
export interface EmulatorSnapshot {
  /** The project that owns everything. */
  projectId: string;
  /** Region id (project name). */
  region: string;
  /** APIG gateways, with every ELB and global EIP. */
  gateways: GatewayState[];
  /** Every ingress job so far. */
  jobs: IngressJob[];
  /** DDS instances. */
  instances: DdsInstanceState[];
  /** NAT gateways for DDS public gateways. */
  natGateways: SeedNatGateway[];
  /** IAM users, without passwords. */
  users: { domainName: string; userName: string; projects: SeedProject[] }[];
  /** Access key ids, without secret keys; `temporary` when a security token is required. */
  accessKeys: { accessKeyId: string; temporary: boolean }[];
  /** Token counts: all issued, and those not expired yet. */
  tokens: { issued: number; valid: number };
}

/** A stable 32-hex id derived from names, for seeds that leave ids out. */
export function derivedId(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

function addresses(list: readonly SeedIngressIp[] | undefined, withBandwidth: boolean): IngressAddress[] {
  return (list ?? []).map((a) => ({ type: a.type, ip: a.ip, bandwidthSize: withBandwidth ? (a.bandwidthSize ?? DEFAULT_BANDWIDTH_MBIT) : a.bandwidthSize }));
}

/** Credentials the emulator accepts; given to `startEmulator` as `credentials`, replacing the seed's. */
export interface EmulatorCredentials {
  /** IAM users; replaces the seed's `users` when given. */
  users?: SeedUser[];
  /** AK/SK pairs; replaces the seed's `accessKeys` when given. */
  accessKeys?: SeedAccessKey[];
}

/** The live state: gateways, jobs, DDS instances and credentials. */
export class EmulatorState {
  /** The project that owns every gateway and instance. */
  readonly projectId: string;
  /** Region id, also the project name. */
  readonly region: string;
  /** APIG gateways by id. */
  readonly gateways = new Map<string, GatewayState>();
  /** Ingress jobs by job id. */
  readonly jobs = new Map<string, IngressJob>();
  /** DDS instances by id. */
  readonly instances = new Map<string, DdsInstanceState>();
  /** NAT gateways that DDS public gateways can be bound through, by id. */
  readonly natGateways = new Map<string, SeedNatGateway>();
  /** IAM users. */
  readonly users: UserState[] = [];
  /** AK/SK pairs by access key id. */
  readonly accessKeys = new Map<string, SeedAccessKey>();

  /** Builds the state from a validated seed; `credentials` lists replace the seed's. */
  constructor(seed: Seed, credentials?: EmulatorCredentials) {
    this.projectId = seed.projectId;
    this.region = seed.region ?? "cn-north-4";
    const defaultProject: SeedProject = { id: this.projectId, name: this.region };
    for (const u of credentials?.users ?? seed.users ?? []) {
      const domainId = u.domainId ?? derivedId("domain", u.domainName);
      this.users.push({
        domainName: u.domainName,
        domainId,
        userName: u.userName,
        userId: u.userId ?? derivedId("user", u.domainName, u.userName),
        password: u.password,
        projects: (u.projects ?? [defaultProject]).map((p) => ({ ...p })),
        roles: [...(u.roles ?? ["te_admin"])],
      });
    }
    for (const k of credentials?.accessKeys ?? seed.accessKeys ?? []) this.accessKeys.set(k.accessKeyId, { ...k });
    for (const g of seed.apig?.gateways ?? []) {
      this.gateways.set(g.id, {
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
      });
    }
    for (const i of seed.dds?.instances ?? []) {
      this.instances.set(i.id, {
        id: i.id,
        name: i.name,
        mode: i.mode,
        status: i.status ?? "normal",
        actions: [...(i.actions ?? [])],
        vpcId: i.vpcId,
        subnetId: i.subnetId,
        datastoreType: i.datastoreType ?? "DDS-Community",
        tags: { ...(i.tags ?? {}) },
        settleMs: i.settleMs,
        groups: i.groups.map((g) => ({
          type: g.type,
          id: g.id,
          name: g.name,
          status: g.status ?? "normal",
          nodes: g.nodes.map((n) => ({
            id: n.id,
            name: n.name,
            role: n.role,
            status: n.status ?? "normal",
            privateIp: n.privateIp,
            publicIp: n.publicIp ?? "",
            publicGateway: n.publicGateway ? { ...n.publicGateway } : undefined,
          })),
        })),
      });
    }
    for (const n of seed.dds?.natGateways ?? []) this.natGateways.set(n.id, { ...n, publicIpIds: [...n.publicIpIds] });
  }

  /**
   * Makes the gateway's next `count` ingress jobs end in `UpdateFailed` (addresses unchanged).
   * @throws Error when no gateway has this id.
   */
  failNextJob(gatewayId: string, count = 1): void {
    const gw = this.gateways.get(gatewayId);
    if (!gw) throw new Error(`no gateway ${gatewayId}`);
    gw.failNextJobs += count;
  }

  /** Finds a DDS node and its group. */
  findNode(instance: DdsInstanceState, nodeId: string): { group: DdsGroupState; node: DdsNodeState } | undefined {
    for (const group of instance.groups) {
      const node = group.nodes.find((n) => n.id === nodeId);
      if (node) return { group, node };
    }
    return undefined;
  }

  /** A deep copy of the state without secrets. */
  snapshot(tokens: { issued: number; valid: number }): EmulatorSnapshot {
    return structuredClone({
      projectId: this.projectId,
      region: this.region,
      gateways: [...this.gateways.values()],
      jobs: [...this.jobs.values()],
      instances: [...this.instances.values()],
      natGateways: [...this.natGateways.values()],
      users: this.users.map((u) => ({ domainName: u.domainName, userName: u.userName, projects: u.projects })),
      accessKeys: [...this.accessKeys.values()].map((k) => ({ accessKeyId: k.accessKeyId, temporary: k.securityToken !== undefined })),
      tokens,
    });
  }
}
