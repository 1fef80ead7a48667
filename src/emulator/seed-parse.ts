/**
 * Seed validation and loading: {@link parseSeed} checks a document section by section (users, access keys, APIG
 * gateways, DDS instances, NAT gateways), {@link loadSeed} reads a file, {@link defaultSeed} gives the built-in one.
 */
import { readFile } from "node:fs/promises";
import { isIPv4, isIPv6 } from "node:net";
import defaultSeedJson from "../../emulator/seed.default.json" with { type: "json" };
import { canonicalIp } from "../services/apig.js";
import type { DdsDatastoreType, DdsInstanceMode, DdsInstanceStatus, Seed } from "./seed.js";
import { Checker, join, SeedError } from "./seed-checker.js";
import { INSTANCE_STATUS_CODES, type GatewayStatus } from "./status.js";

const DDS_STATUSES: readonly DdsInstanceStatus[] = ["normal", "abnormal", "creating", "frozen", "data_disk_full", "createfail", "enlargefail"];
const DDS_MODES: readonly DdsInstanceMode[] = ["Sharding", "ReplicaSet", "Single"];
const DDS_DATASTORES: readonly DdsDatastoreType[] = ["DDS-Community", "DDS-Enhanced"];
const MAX_DELAY_MS = 24 * 60 * 60 * 1000;

/**
 * Checks a parsed seed document and returns it typed. Throws {@link SeedError} listing every problem (field path
 * and rule) at once. Ids follow the specs: gateway and ELB ids 32–36 characters, other ids 1–64.
 * @param source how to name the document in the error message, e.g. its file path.
 */
export function parseSeed(value: unknown, source = "seed"): Seed {
  const c = new Checker();
  const root = c.object(value, "", ["projectId", "region", "projects", "users", "accessKeys", "apig", "dds"], ["projectId"]);
  if (!root) throw new SeedError(c.issues, source);
  c.string(root.projectId, "projectId");
  c.string(root.region, "region");

  checkProjects(c, root.projects, "projects");
  checkUsers(c, root.users);
  checkAccessKeys(c, root.accessKeys);
  if (root.apig !== undefined) {
    const apig = c.object(root.apig, "apig", ["gateways"], ["gateways"]);
    checkGateways(c, apig?.gateways);
  }
  if (root.dds !== undefined) {
    const dds = c.object(root.dds, "dds", ["instances", "natGateways"], ["instances"]);
    checkInstances(c, dds?.instances);
    checkNatGateways(c, dds?.natGateways);
  }
  if (c.issues.length) throw new SeedError(c.issues, source);
  return structuredClone(value) as Seed;
}

function checkUsers(c: Checker, value: unknown): void {
  const users = c.array(value, "users");
  const names = new Map<string, string>();
  users?.forEach((u, i) => {
    const p = join("users", i);
    const user = c.object(u, p, ["domainName", "userName", "password", "projects", "userId", "domainId", "roles"], ["domainName", "userName", "password"]);
    if (!user) return;
    const domain = c.string(user.domainName, join(p, "domainName"));
    const name = c.string(user.userName, join(p, "userName"));
    c.string(user.password, join(p, "password"), { max: 128 });
    c.string(user.userId, join(p, "userId"));
    c.string(user.domainId, join(p, "domainId"));
    if (domain !== undefined && name !== undefined) c.unique(names, `${domain}/${name}`, p, "user");
    checkProjects(c, user.projects, join(p, "projects"));
    c.array(user.roles, join(p, "roles"))?.forEach((r, j) => {
      c.string(r, join(join(p, "roles"), j), { max: 128 });
    });
  });
}

function checkProjects(c: Checker, value: unknown, path: string): void {
  c.array(value, path)?.forEach((pr, j) => {
    const pp = join(path, j);
    const project = c.object(pr, pp, ["id", "name"], ["id", "name"]);
    if (project) {
      c.string(project.id, join(pp, "id"));
      c.string(project.name, join(pp, "name"));
    }
  });
}

function checkAccessKeys(c: Checker, value: unknown): void {
  const keys = c.array(value, "accessKeys");
  const ids = new Map<string, string>();
  keys?.forEach((k, i) => {
    const p = join("accessKeys", i);
    const key = c.object(k, p, ["accessKeyId", "secretAccessKey", "securityToken"], ["accessKeyId", "secretAccessKey"]);
    if (!key) return;
    const id = c.string(key.accessKeyId, join(p, "accessKeyId"), { max: 128 });
    if (id !== undefined && !/^[^\s,=]+$/.test(id)) c.add(join(p, "accessKeyId"), "must not contain whitespace, ',' or '='");
    c.unique(ids, id, join(p, "accessKeyId"), "access key id");
    c.string(key.secretAccessKey, join(p, "secretAccessKey"), { max: 256 });
    c.string(key.securityToken, join(p, "securityToken"), { max: 65536 });
  });
}

function checkGateways(c: Checker, value: unknown): void {
  const gateways = c.array(value, "apig.gateways", true);
  const ids = new Map<string, string>();
  const elbIds = new Map<string, string>();
  gateways?.forEach((g, i) => {
    const p = join("apig.gateways", i);
    const gw = c.object(
      g,
      p,
      ["id", "name", "status", "loadbalancerProvider", "ingressIp", "ingressIpV6", "elbs", "jobDelayMs", "failNextJob", "unreliableIps", "cbcOperationLocks"],
      ["id", "name"],
    );
    if (!gw) return;
    c.unique(ids, c.string(gw.id, join(p, "id"), { min: 32, max: 36 }), join(p, "id"), "gateway id");
    c.string(gw.name, join(p, "name"));
    c.oneOf(gw.status, join(p, "status"), Object.keys(INSTANCE_STATUS_CODES) as GatewayStatus[]);
    const provider = c.oneOf(gw.loadbalancerProvider, join(p, "loadbalancerProvider"), ["elb", "lvs"] as const);
    if (gw.ingressIp !== undefined && (typeof gw.ingressIp !== "string" || !isIPv4(gw.ingressIp))) c.add(join(p, "ingressIp"), "must be an IPv4 address");
    if (gw.ingressIpV6 !== undefined && (typeof gw.ingressIpV6 !== "string" || !isIPv6(gw.ingressIpV6)))
      c.add(join(p, "ingressIpV6"), "must be an IPv6 address");
    c.integer(gw.jobDelayMs, join(p, "jobDelayMs"), 0, MAX_DELAY_MS);
    if (gw.failNextJob !== undefined && typeof gw.failNextJob !== "boolean") c.integer(gw.failNextJob, join(p, "failNextJob"), 0, 1000);
    c.array(gw.unreliableIps, join(p, "unreliableIps"))?.forEach((ip, j) => {
      if (typeof ip !== "string" || (!isIPv4(ip) && !isIPv6(ip))) c.add(join(join(p, "unreliableIps"), j), "must be an IP address");
    });
    c.array(gw.cbcOperationLocks, join(p, "cbcOperationLocks"))?.forEach((l, j) => {
      const lp = join(join(p, "cbcOperationLocks"), j);
      const lock = c.object(l, lp, ["lockScene", "lockSourceId"], ["lockScene"]);
      if (!lock) return;
      c.oneOf(lock.lockScene, join(lp, "lockScene"), ["TO_PERIOD_LOCK", "PEC_CHG_LOCK"] as const);
      c.string(lock.lockSourceId, join(lp, "lockSourceId"));
    });
    const elbs = c.array(gw.elbs, join(p, "elbs"));
    if (provider === "lvs" && elbs && elbs.length > 0) c.add(join(p, "elbs"), 'must be empty when loadbalancerProvider is "lvs"');
    const addresses = new Map<string, string>();
    elbs?.forEach((e, j) => {
      const ep = join(join(p, "elbs"), j);
      const elb = c.object(e, ep, ["id", "publicIps", "privateIps", "globalEips"], ["id"]);
      if (!elb) return;
      c.unique(elbIds, c.string(elb.id, join(ep, "id"), { min: 32, max: 36 }), join(ep, "id"), "ELB id");
      for (const kind of ["publicIps", "privateIps", "globalEips"] as const) {
        c.array(elb[kind], join(ep, kind))?.forEach((a, k) => {
          const ap = join(join(ep, kind), k);
          const addr = c.object(a, ap, ["type", "ip", "bandwidthSize"], ["type", "ip"]);
          if (!addr) return;
          const type = c.oneOf(addr.type, join(ap, "type"), ["v4", "v6"] as const);
          c.integer(addr.bandwidthSize, join(ap, "bandwidthSize"), 0, 100_000);
          if (typeof addr.ip !== "string") {
            if (addr.ip !== undefined) c.add(join(ap, "ip"), "must be a string");
            return;
          }
          if (type === "v4" && !isIPv4(addr.ip)) c.add(join(ap, "ip"), "must be an IPv4 address (type is v4)");
          else if (type === "v6" && !isIPv6(addr.ip)) c.add(join(ap, "ip"), "must be an IPv6 address (type is v6)");
          else c.unique(addresses, canonicalIp(addr.ip), join(ap, "ip"), "ingress address on this gateway");
        });
      }
    });
  });
}

function checkInstances(c: Checker, value: unknown): void {
  const instances = c.array(value, "dds.instances", true);
  const ids = new Map<string, string>();
  const nodeIds = new Map<string, string>();
  const rules = new Map<string, string>();
  instances?.forEach((v, i) => {
    const p = join("dds.instances", i);
    const inst = c.object(
      v,
      p,
      ["id", "name", "mode", "status", "actions", "vpcId", "subnetId", "datastoreType", "tags", "settleMs", "groups"],
      ["id", "name", "mode", "groups"],
    );
    if (!inst) return;
    c.unique(ids, c.string(inst.id, join(p, "id")), join(p, "id"), "instance id");
    c.string(inst.name, join(p, "name"), { max: 128 });
    c.oneOf(inst.mode, join(p, "mode"), DDS_MODES);
    c.oneOf(inst.status, join(p, "status"), DDS_STATUSES);
    c.string(inst.vpcId, join(p, "vpcId"));
    c.string(inst.subnetId, join(p, "subnetId"));
    c.oneOf(inst.datastoreType, join(p, "datastoreType"), DDS_DATASTORES);
    if (inst.tags !== undefined) {
      const tags = c.object(inst.tags, join(p, "tags"), typeof inst.tags === "object" && inst.tags !== null ? Object.keys(inst.tags) : []);
      for (const [key, tag] of Object.entries(tags ?? {})) {
        if (!/^[^=,]{1,128}$/.test(key)) c.add(join(join(p, "tags"), key), "tag keys have 1–128 characters and no '=' or ','");
        if (typeof tag !== "string" || !/^[^=,]{0,255}$/.test(tag))
          c.add(join(join(p, "tags"), key), "must be a string of at most 255 characters without '=' or ','");
      }
    }
    c.integer(inst.settleMs, join(p, "settleMs"), 0, MAX_DELAY_MS);
    c.array(inst.actions, join(p, "actions"))?.forEach((a, j) => {
      c.string(a, join(join(p, "actions"), j));
    });
    c.array(inst.groups, join(p, "groups"))?.forEach((g, j) => {
      const gp = join(join(p, "groups"), j);
      const group = c.object(g, gp, ["type", "id", "name", "status", "nodes"], ["type", "nodes"]);
      if (!group) return;
      c.string(group.type, join(gp, "type"), { max: 32 });
      c.string(group.id, join(gp, "id"));
      c.string(group.name, join(gp, "name"), { max: 128 });
      c.string(group.status, join(gp, "status"));
      c.array(group.nodes, join(gp, "nodes"))?.forEach((n, k) => {
        const np = join(join(gp, "nodes"), k);
        const node = c.object(n, np, ["id", "name", "role", "status", "privateIp", "publicIp", "publicGateway"], ["id", "name", "role"]);
        if (!node) return;
        c.unique(nodeIds, c.string(node.id, join(np, "id")), join(np, "id"), "node id");
        c.string(node.name, join(np, "name"), { max: 128 });
        c.string(node.role, join(np, "role"), { max: 32 });
        c.string(node.status, join(np, "status"));
        if (node.privateIp !== undefined && (typeof node.privateIp !== "string" || (!isIPv4(node.privateIp) && !isIPv6(node.privateIp)))) {
          c.add(join(np, "privateIp"), "must be an IP address");
        }
        c.string(node.publicIp, join(np, "publicIp"), { min: 0, max: 45 });
        if (node.publicGateway !== undefined) {
          const gwp = join(np, "publicGateway");
          const pg = c.object(
            node.publicGateway,
            gwp,
            ["natGatewayId", "publicIpId", "externalServicePort"],
            ["natGatewayId", "publicIpId", "externalServicePort"],
          );
          if (pg) {
            c.string(pg.natGatewayId, join(gwp, "natGatewayId"));
            const eip = c.string(pg.publicIpId, join(gwp, "publicIpId"));
            const port = c.integer(pg.externalServicePort, join(gwp, "externalServicePort"), 1, 65535);
            if (eip !== undefined && port !== undefined) c.unique(rules, `${eip}:${port}`, gwp, "EIP and port");
          }
        }
      });
    });
  });
}

function checkNatGateways(c: Checker, value: unknown): void {
  const ids = new Map<string, string>();
  c.array(value, "dds.natGateways")?.forEach((v, i) => {
    const p = join("dds.natGateways", i);
    const nat = c.object(v, p, ["id", "vpcId", "subnetId", "publicIpIds"], ["id", "vpcId", "subnetId", "publicIpIds"]);
    if (!nat) return;
    c.unique(ids, c.string(nat.id, join(p, "id")), join(p, "id"), "NAT gateway id");
    c.string(nat.vpcId, join(p, "vpcId"));
    c.string(nat.subnetId, join(p, "subnetId"));
    c.array(nat.publicIpIds, join(p, "publicIpIds"))?.forEach((e, j) => {
      c.string(e, join(join(p, "publicIpIds"), j));
    });
  });
}

/**
 * Reads and validates a seed file (JSON). Rejects with {@link SeedError} naming the file and every problem,
 * including unreadable files and JSON syntax errors.
 */
export async function loadSeed(path: string): Promise<Seed> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new SeedError([`cannot read the file: ${(err as Error).message}`], path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SeedError([`not valid JSON: ${(err as Error).message}`], path);
  }
  return parseSeed(json, path);
}

/** The built-in seed (`emulator/seed.default.json`): two gateways, two DDS instances, one user, one AK/SK. A fresh copy each call. */
export function defaultSeed(): Seed {
  return parseSeed(defaultSeedJson, "emulator/seed.default.json");
}
