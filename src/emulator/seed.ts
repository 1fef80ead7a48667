/**
 * The emulator's seed: the JSON document that describes the starting state (project, IAM users, access keys,
 * APIG gateways, DDS instances), as types. Field names are camelCase; the emulator renders them in the APIs'
 * snake_case. `seed-parse.ts` checks a document against these rules.
 */
import type { GatewayStatus } from "./status.js";

/** IP version of an ingress address, as the APIG API writes it. */
export type IpVersion = "v4" | "v6";

/** One ingress address registered on an ELB. */
export interface SeedIngressIp {
  /** IP version of `ip`. */
  type: IpVersion;
  /** IPv4 literal for `v4`, IPv6 literal for `v6`. */
  ip: string;
  /** Bandwidth shown for public addresses, in Mbit/s. @default 5 (public and global EIP addresses only) */
  bandwidthSize?: number;
}

/** One load balancer (ELB) in front of an NLB gateway and the addresses registered on it. */
export interface SeedElb {
  /** ELB id, 32–36 characters (what requests send as `elb_id`). */
  id: string;
  /** Public addresses, shown in ShowInstance `publicips`. @default [] */
  publicIps?: SeedIngressIp[];
  /** Private addresses, shown in ShowInstance `privateips`. @default [] */
  privateIps?: SeedIngressIp[];
  /** Global EIP addresses (not shown by ShowInstance). @default [] */
  globalEips?: SeedIngressIp[];
}

/** An APIG dedicated gateway. */
export interface SeedGateway {
  /** Gateway (instance) id, 32–36 characters. */
  id: string;
  /** Shown as `instance_name`. */
  name: string;
  /** Lifecycle status. @default "Running" */
  status?: GatewayStatus;
  /** `elb` for NLB-series gateways (ingress registration allowed), `lvs` for others. @default "elb" */
  loadbalancerProvider?: "elb" | "lvs";
  /** Private (VPC) IPv4 ingress address shown as `ingress_ip`. */
  ingressIp?: string;
  /** Private (VPC) IPv6 ingress address shown as `ingress_ip_v6`. */
  ingressIpV6?: string;
  /** The ELBs in front of an `elb` gateway. @default [] */
  elbs?: SeedElb[];
  /** Duration of this gateway's ingress jobs, in ms; overrides the emulator's `jobDelayMs`. */
  jobDelayMs?: number;
  /** Make the next job (`true`) or the next N jobs fail with `UpdateFailed`. @default false */
  failNextJob?: boolean | number;
  /** Shown as `unreliable_ips`. @default [] */
  unreliableIps?: string[];
  /**
   * Billing (CBC) locks, shown as `cbc_operation_locks`; while one is held, register/deregister answer 409
   * `APIC.7712` (the gateway operation is locked until the order is paid or cancelled). @default []
   */
  cbcOperationLocks?: SeedCbcLock[];
}

/** A billing (CBC) operation lock on a gateway. */
export interface SeedCbcLock {
  /** `TO_PERIOD_LOCK` (changing to yearly/monthly billing) or `PEC_CHG_LOCK` (a specification change order). */
  lockScene: "TO_PERIOD_LOCK" | "PEC_CHG_LOCK";
  /** Id of the order that holds the lock, shown as `lock_source_id`. */
  lockSourceId?: string;
}

/** A public NAT gateway that DDS public gateways (DNAT rules) can be bound through. */
export interface SeedNatGateway {
  /** NAT gateway id, 1–64 characters (what bind requests send as `nat_gateway_id`). */
  id: string;
  /** The VPC it is in; a bind needs the instance's VPC. */
  vpcId: string;
  /** The subnet it is in; a bind needs the instance's subnet. */
  subnetId: string;
  /** EIPs bound to it (`public_ip_id` of a bind must be one of them). */
  publicIpIds: string[];
}

/** A public gateway (DNAT rule) bound to a DDS node. */
export interface SeedPublicGateway {
  /** NAT gateway id, 1–64 characters. */
  natGatewayId: string;
  /** EIP id, 1–64 characters. */
  publicIpId: string;
  /** 1–65535. */
  externalServicePort: number;
}

/** A DDS node. */
export interface SeedDdsNode {
  /** Node id, 1–64 characters, unique across instances. */
  id: string;
  /** Node name. */
  name: string;
  /** `master` (mongos), `Primary`, `Secondary`, `Hidden` or `unknown`. */
  role: string;
  /** @default "normal" */
  status?: string;
  /** Private IP address. */
  privateIp?: string;
  /** EIP bound directly to the node (not the public gateway). @default "" */
  publicIp?: string;
  /** A public gateway bound from the start. */
  publicGateway?: SeedPublicGateway;
}

/** A group of DDS nodes (`mongos`, `shard`, `config`, `replica` or `single`). */
export interface SeedDdsGroup {
  /** Group type; in a `Sharding` instance only the nodes of the `mongos` group accept public gateways. */
  type: string;
  /** Group id. */
  id?: string;
  /** Group name. */
  name?: string;
  /** @default "normal" */
  status?: string;
  /** The group's nodes. */
  nodes: SeedDdsNode[];
}

/** DDS instance status values. */
export type DdsInstanceStatus = "normal" | "abnormal" | "creating" | "frozen" | "data_disk_full" | "createfail" | "enlargefail";
/** DDS instance modes. */
export type DdsInstanceMode = "Sharding" | "ReplicaSet" | "Single";
/** DDS database types (`datastore.type`). */
export type DdsDatastoreType = "DDS-Community" | "DDS-Enhanced";

/** A DDS DB instance. */
export interface SeedDdsInstance {
  /** Instance id, 1–64 characters. */
  id: string;
  /** Instance name. */
  name: string;
  /** Instance type. */
  mode: DdsInstanceMode;
  /** @default "normal" */
  status?: DdsInstanceStatus;
  /** Operations shown as running; a non-empty list makes bind/unbind answer 403 DBS.201015. @default [] */
  actions?: string[];
  /** For the `vpc_id` filter. */
  vpcId?: string;
  /** For the `subnet_id` filter. */
  subnetId?: string;
  /** For the `datastore_type` filter. @default "DDS-Community" */
  datastoreType?: DdsDatastoreType;
  /** Tags, for the `tags` filter (`key=value` pairs), shown in ListInstances `tags`. @default {} */
  tags?: Record<string, string>;
  /** Time a bind/unbind takes to show in ListInstances, in ms; overrides the emulator's `ddsSettleMs`. */
  settleMs?: number;
  /** Node groups. */
  groups: SeedDdsGroup[];
}

/** An IAM project the user may scope tokens to. */
export interface SeedProject {
  /** Project id. */
  id: string;
  /** Project name, usually the region id (e.g. `cn-north-4`). */
  name: string;
}

/** An IAM user that can get tokens with a password. */
export interface SeedUser {
  /** Account (domain) name. */
  domainName: string;
  /** IAM user name. */
  userName: string;
  /** Login password (fake: the seed is for local use only). */
  password: string;
  /** Projects the user may scope tokens to. @default the seed's project */
  projects?: SeedProject[];
  /** @default derived from the names */
  userId?: string;
  /** @default derived from the domain name */
  domainId?: string;
  /** Role names listed in token bodies. @default ["te_admin"] */
  roles?: string[];
}

/** An AK/SK pair accepted for SDK-HMAC-SHA256 signatures. */
export interface SeedAccessKey {
  /** Access key id (AK). */
  accessKeyId: string;
  /** Secret access key (SK); never shown in snapshots. */
  secretAccessKey: string;
  /** Temporary credentials: requests must send (and sign) this as `X-Security-Token`. */
  securityToken?: string;
}

/** The emulator's starting state. */
export interface Seed {
  /** The project that owns every gateway and instance. */
  projectId: string;
  /** Region id, also the project name. @default "cn-north-4" */
  region?: string;
  /**
   * The account's IAM projects, as KeystoneListProjects lists them (`GET /v3/projects?name=<region>`); give none
   * or several of one name to test project discovery failing. @default one, `{ id: projectId, name: region }`
   */
  projects?: SeedProject[];
  /** IAM users that can get tokens. @default [] */
  users?: SeedUser[];
  /** AK/SK pairs accepted for signatures. @default [] */
  accessKeys?: SeedAccessKey[];
  /** APIG `gateways`. */
  apig?: { gateways: SeedGateway[] };
  /** DDS `instances`, and the `natGateways` their nodes can be exposed through. */
  dds?: { instances: SeedDdsInstance[]; natGateways?: SeedNatGateway[] };
}
