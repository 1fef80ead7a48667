/**
 * The DDS part of the emulator state: instances, node groups, nodes and their public gateways, with the conversion
 * from a seed instance (defaults filled in, lists copied so the seed is never changed).
 */
import type { DdsDatastoreType, DdsInstanceMode, DdsInstanceStatus, SeedDdsInstance } from "./seed.js";

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

/** The live state of a validated seed instance. */
export function instanceState(i: SeedDdsInstance): DdsInstanceState {
  return {
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
  };
}
