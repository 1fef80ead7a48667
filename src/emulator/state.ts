/**
 * The emulator's mutable in-memory state, built from a {@link Seed}. Handlers change it; tests may read and
 * change it directly (for example set a DDS instance to `frozen`). Nothing here does I/O or keeps timers. The
 * APIG and DDS records are in `apig-state.ts` and `dds-state.ts`; this file holds the credentials and the whole.
 */
import { createHash } from "node:crypto";
import { gatewayState, type GatewayState, type IngressJob } from "./apig-state.js";
import { instanceState, type DdsGroupState, type DdsInstanceState, type DdsNodeState } from "./dds-state.js";
import type { Seed, SeedAccessKey, SeedNatGateway, SeedProject, SeedUser } from "./seed.js";

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
  /** IAM users (`domainName`, `userName`, the `projects` a token can be scoped to), without passwords. */
  users: { domainName: string; userName: string; projects: SeedProject[] }[];
  /** Access keys by `accessKeyId`, without secret keys; `temporary` when a security token is required. */
  accessKeys: { accessKeyId: string; temporary: boolean }[];
  /** Token counts: all `issued`, and those still `valid` (not expired yet). */
  tokens: { issued: number; valid: number };
}

/** A stable 32-hex id derived from names, for seeds that leave ids out. */
export function derivedId(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
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
  /** The account's IAM projects (KeystoneListProjects); tests may add or remove some. */
  readonly projects: SeedProject[];
  /** IAM users. */
  readonly users: UserState[] = [];
  /** AK/SK pairs by access key id. */
  readonly accessKeys = new Map<string, SeedAccessKey>();

  /** Builds the state from a validated seed; `credentials` lists replace the seed's. */
  constructor(seed: Seed, credentials?: EmulatorCredentials) {
    this.projectId = seed.projectId;
    this.region = seed.region ?? "cn-north-4";
    const defaultProject: SeedProject = { id: this.projectId, name: this.region };
    this.projects = (seed.projects ?? [defaultProject]).map((p) => ({ ...p }));
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
    for (const g of seed.apig?.gateways ?? []) this.gateways.set(g.id, gatewayState(g));
    for (const i of seed.dds?.instances ?? []) this.instances.set(i.id, instanceState(i));
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

  /** Finds a DDS `node` and its `group`. */
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
