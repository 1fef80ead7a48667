/**
 * DDS handlers: ListInstances, BindPublicGateway and UnbindPublicGateway.
 *
 * Bind/unbind answer 200 at once (no job id, like DDS) after the documented checks. The change itself settles
 * after the settle time: until then the instance lists `BIND_PUBLIC_GATEWAY` / `UNBIND_PUBLIC_GATEWAY` in
 * `actions`, the node still shows its old public-gateway fields, and further bind/unbind calls on the instance
 * answer 403 `DBS.201015` (busy). A settle time of 0 applies the change before the answer.
 */
import type { Handler, HandlerContext } from "./context.js";
import { serviceError } from "./errors.js";
import type { Answer } from "./http.js";
import type { DdsInstanceMode } from "./seed.js";
import type { DdsGroupState, DdsInstanceState, DdsNodeState, PublicGatewayState } from "./dds-state.js";

const MODES: readonly DdsInstanceMode[] = ["Sharding", "ReplicaSet", "Single"];
const INT32_MAX = 2_147_483_647;

/** The `actions` entry shown while a bind settles. */
export const BIND_ACTION = "BIND_PUBLIC_GATEWAY";
/** The `actions` entry shown while an unbind settles. */
export const UNBIND_ACTION = "UNBIND_PUBLIC_GATEWAY";

function parameterError(detail: string): Answer {
  return serviceError(400, "DBS.200001", `Parameter error: ${detail}`);
}

function nodeView(n: DdsNodeState): Record<string, unknown> {
  return {
    id: n.id,
    name: n.name,
    status: n.status,
    role: n.role,
    ...(n.privateIp !== undefined ? { private_ip: n.privateIp } : {}),
    public_ip: n.publicIp,
    // Absent when no public gateway is bound (the spec allows absent, empty or null).
    ...(n.publicGateway ? { nat_gateway_id: n.publicGateway.natGatewayId, external_service_port: n.publicGateway.externalServicePort } : {}),
  };
}

function groupView(g: DdsGroupState): Record<string, unknown> {
  return {
    type: g.type,
    ...(g.id !== undefined ? { id: g.id } : {}),
    ...(g.name !== undefined ? { name: g.name } : {}),
    status: g.status,
    nodes: g.nodes.map(nodeView),
  };
}

/** One `DdsInstance` of the ListInstances body. */
export function instanceView(i: DdsInstanceState): Record<string, unknown> {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    mode: i.mode,
    datastore: { type: i.datastoreType, version: "4.4" },
    ...(i.vpcId !== undefined ? { vpc_id: i.vpcId } : {}),
    ...(i.subnetId !== undefined ? { subnet_id: i.subnetId } : {}),
    actions: [...i.actions],
    tags: Object.entries(i.tags).map(([key, value]) => ({ key, value })),
    groups: i.groups.map(groupView),
  };
}

function intParam(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number | Answer {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const n = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) return parameterError(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** At most this many `key=value` pairs in the `tags` filter. */
const MAX_TAG_FILTERS = 20;

/**
 * The `tags` filter: `key=value` pairs joined by commas, at most 20; an instance matches when it has every pair.
 * An answer when the value is malformed.
 */
function tagFilter(raw: string | null): [string, string][] | Answer | undefined {
  if (raw === null) return undefined;
  const pairs = raw.split(",").map((p) => p.split("="));
  if (pairs.length > MAX_TAG_FILTERS) return parameterError(`tags takes at most ${MAX_TAG_FILTERS} key=value pairs`);
  if (pairs.some((p) => p.length !== 2 || p[0] === "")) return parameterError("tags must be key=value pairs separated by commas");
  if (new Set(pairs.map((p) => p[0])).size !== pairs.length) return parameterError("tags must not repeat a key");
  return pairs as [string, string][];
}

/**
 * The `name` filter: an exact match, or a fuzzy (case-insensitive substring) match when the value starts with `*`,
 * as the official DdsClient documents it.
 */
function nameMatcher(raw: string | null): ((name: string) => boolean) | undefined {
  if (raw === null) return undefined;
  if (!raw.startsWith("*")) return (name) => name === raw;
  const part = raw.slice(1).toLowerCase();
  return (name) => name.toLowerCase().includes(part);
}

/**
 * GET /v3/{project_id}/instances with the `id`, `name` (exact, or fuzzy after a leading `*`), `mode`,
 * `datastore_type`, `vpc_id`, `subnet_id`, `tags`, `offset` and `limit` filters.
 */
export const listInstances: Handler = (ctx) => {
  const q = ctx.query;
  const offset = intParam(q, "offset", 0, INT32_MAX, 0);
  if (typeof offset !== "number") return offset;
  const limit = intParam(q, "limit", 1, 100, 100);
  if (typeof limit !== "number") return limit;
  const mode = q.get("mode");
  if (mode !== null && !MODES.includes(mode as DdsInstanceMode)) return parameterError(`mode must be one of ${MODES.join(", ")}`);
  const tags = tagFilter(q.get("tags"));
  if (tags !== undefined && !Array.isArray(tags)) return tags;
  const id = q.get("id");
  if (q.get("name") === "*") return parameterError("name: * alone is not allowed");
  const name = nameMatcher(q.get("name"));
  const datastore = q.get("datastore_type");
  const vpc = q.get("vpc_id");
  const subnet = q.get("subnet_id");
  const inProject = ctx.params.project_id === ctx.state.projectId ? [...ctx.state.instances.values()] : [];
  const matching = inProject.filter(
    (i) =>
      (id === null || i.id === id) &&
      (name === undefined || name(i.name)) &&
      (mode === null || i.mode === mode) &&
      (datastore === null || datastore === i.datastoreType) &&
      (vpc === null || i.vpcId === vpc) &&
      (subnet === null || i.subnetId === subnet) &&
      (tags === undefined || tags.every(([k, v]) => i.tags[k] === v)),
  );
  return { status: 200, body: { instances: matching.slice(offset, offset + limit).map(instanceView), total_count: matching.length } };
};

function parseBindBody(body: unknown): PublicGatewayState | Answer {
  if (body instanceof Error) return parameterError("the request body is not valid JSON");
  if (typeof body !== "object" || body === null || Array.isArray(body)) return parameterError("the request body must be a JSON object");
  const o = body as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key !== "nat_gateway_id" && key !== "public_ip_id" && key !== "external_service_port") return parameterError(`${key} is not a known field`);
  }
  for (const key of ["nat_gateway_id", "public_ip_id"] as const) {
    const v = o[key];
    if (typeof v !== "string" || v.trim().length === 0 || v.length > 64) return parameterError(`${key} must be a non-empty string of at most 64 characters`);
  }
  const port = o.external_service_port;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535)
    return parameterError("external_service_port must be an integer from 1 to 65535");
  return { natGatewayId: o.nat_gateway_id as string, publicIpId: o.public_ip_id as string, externalServicePort: port };
}

interface Target {
  instance: DdsInstanceState;
  group: DdsGroupState;
  node: DdsNodeState;
}

/** The checks bind and unbind share; an answer when one fails. */
function locate(ctx: HandlerContext): Target | Answer {
  const instance = ctx.params.project_id === ctx.state.projectId ? ctx.state.instances.get(ctx.params.instance_id ?? "") : undefined;
  if (!instance) return serviceError(404, "DBS.200002", "The instance does not exist.");
  const found = ctx.state.findNode(instance, ctx.params.node_id ?? "");
  if (!found) return serviceError(404, "DBS.200013", "The node does not exist.");
  const { group, node } = found;
  if (instance.mode === "Single") return serviceError(400, "DBS.200004", "Invalid operation: single-node instances do not support public gateways.");
  // Cluster: the nodes of the mongos group (role `master`); replica set: the primary and the secondaries.
  const allowed = instance.mode === "Sharding" ? group.type === "mongos" : node.role === "Primary" || node.role === "Secondary";
  if (!allowed) {
    return serviceError(
      400,
      "DBS.200075",
      instance.mode === "Sharding"
        ? `Invalid node role: only mongos nodes of a cluster can use a public gateway (node role ${node.role} in a ${group.type} group).`
        : `Invalid node role: only the primary or a secondary node of a replica set can use a public gateway (node role ${node.role}).`,
    );
  }
  if (instance.status !== "normal") return serviceError(400, "DBS.200047", `The instance status does not allow this operation (status ${instance.status}).`);
  if (node.status !== "normal") return serviceError(400, "DBS.200047", `The node status does not allow this operation (status ${node.status}).`);
  if (instance.actions.length > 0) return serviceError(403, "DBS.201015", "Another operation is being performed on the instance. Try again later.");
  return { instance, group, node };
}

/** Applies `change` now (settle 0) or after the settle time, showing `action` meanwhile. */
function settle(ctx: HandlerContext, instance: DdsInstanceState, action: string, change: () => void): void {
  const ms = instance.settleMs ?? ctx.timings.ddsSettleMs;
  if (ms <= 0) {
    change();
    return;
  }
  instance.actions.push(action);
  ctx.timers.schedule(ms, () => {
    change();
    const at = instance.actions.indexOf(action);
    if (at >= 0) instance.actions.splice(at, 1);
  });
}

/** POST …/nodes/{node_id}/public-gateway */
export const bindPublicGateway: Handler = (ctx) => {
  const rule = parseBindBody(ctx.body);
  if ("status" in rule) return rule;
  const target = locate(ctx);
  if ("status" in target) return target;
  const { instance, node } = target;
  if (node.publicGateway) return serviceError(400, "DBS.200004", "Invalid operation: the node already has a public gateway. Unbind it first.");
  // The NAT gateway must be in the instance's VPC and subnet, and the EIP bound to it (DDS user manual).
  const nat = ctx.state.natGateways.get(rule.natGatewayId);
  if (!nat) return parameterError(`NAT gateway ${rule.natGatewayId} does not exist`);
  if (nat.vpcId !== instance.vpcId || nat.subnetId !== instance.subnetId) {
    return parameterError(`NAT gateway ${rule.natGatewayId} is not in the VPC and subnet of instance ${instance.id}`);
  }
  if (!nat.publicIpIds.includes(rule.publicIpId)) return parameterError(`EIP ${rule.publicIpId} is not bound to NAT gateway ${rule.natGatewayId}`);
  for (const other of ctx.state.instances.values()) {
    for (const g of other.groups) {
      for (const n of g.nodes) {
        const pg = n.publicGateway;
        if (pg && pg.publicIpId === rule.publicIpId && pg.externalServicePort === rule.externalServicePort) {
          return parameterError(`port ${rule.externalServicePort} of EIP ${rule.publicIpId} is already used by node ${n.id}`);
        }
      }
    }
  }
  settle(ctx, instance, BIND_ACTION, () => {
    node.publicGateway = { ...rule };
  });
  return {
    status: 200,
    body: {
      instance_id: instance.id,
      instance_name: instance.name,
      node_id: node.id,
      node_name: node.name,
      nat_gateway_id: rule.natGatewayId,
      public_ip_id: rule.publicIpId,
      external_service_port: rule.externalServicePort,
    },
  };
};

/** DELETE …/nodes/{node_id}/public-gateway */
export const unbindPublicGateway: Handler = (ctx) => {
  const target = locate(ctx);
  if ("status" in target) return target;
  const { instance, node } = target;
  if (!node.publicGateway) return serviceError(400, "DBS.200004", "Invalid operation: the node has no public gateway bound.");
  settle(ctx, instance, UNBIND_ACTION, () => {
    node.publicGateway = undefined;
  });
  return { status: 200, body: { instance_id: instance.id, instance_name: instance.name, node_id: node.id, node_name: node.name } };
};
