/**
 * Validation of the register/deregister body (`IngressIpsRequest`) the way APIG answers it: 400 `APIC.7211`
 * naming the offending parameter (`Parameter value does not match the rules, parameter name[elb_id]`), and
 * 400 `APIC.7239` for an address that is not a literal of its `type`.
 */
import { isIPv4, isIPv6 } from "node:net";
import { serviceError } from "./errors.js";
import { canonicalIp } from "../services/apig.js";
import type { Answer } from "./http.js";
import { INGRESS_KINDS, type IngressChange, type IngressKind } from "./apig-state.js";

/** The APIC.7211 answer for parameter `name`. */
export function badParameter(name: string): Answer {
  return serviceError(400, "APIC.7211", `Parameter value does not match the rules, parameter name[${name}]`);
}

/** The APIC.7239 answer. */
export function invalidIp(detail: string): Answer {
  return serviceError(400, "APIC.7239", `Invalid IP address: ${detail}`);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const ELB_KEYS = ["elb_id", ...INGRESS_KINDS];

/** Parses and checks a body; returns the change per ELB, or the 400 answer for the first problem. */
export function parseIngressBody(body: unknown): { ok: true; changes: IngressChange[] } | { ok: false; answer: Answer } {
  const bad = (name: string) => ({ ok: false as const, answer: badParameter(name) });
  if (!isObj(body)) return bad("body");
  for (const key of Object.keys(body)) if (key !== "elbs") return bad(key);
  const elbs = body.elbs;
  if (!Array.isArray(elbs) || elbs.length < 1 || elbs.length > 10) return bad("elbs");

  const changes: IngressChange[] = [];
  const seenElbs = new Set<string>();
  const seenIps = new Set<string>();
  let total = 0;
  for (const elb of elbs) {
    if (!isObj(elb)) return bad("elbs");
    for (const key of Object.keys(elb)) if (!ELB_KEYS.includes(key)) return bad(key);
    const id = elb.elb_id;
    if (typeof id !== "string" || id.length < 32 || id.length > 36 || seenElbs.has(id)) return bad("elb_id");
    seenElbs.add(id);
    const change: IngressChange = { elbId: id, addresses: { public_ips: [], private_ips: [], global_eips: [] } };
    for (const kind of INGRESS_KINDS) {
      const list = elb[kind];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length > 2) return bad(kind);
      for (const item of list) {
        const parsed = parseIpDetail(item, kind);
        if ("answer" in parsed) return { ok: false, answer: parsed.answer };
        const key = canonicalIp(parsed.ip);
        if (seenIps.has(key)) return bad("ip");
        seenIps.add(key);
        change.addresses[kind].push(parsed);
        total++;
      }
    }
    changes.push(change);
  }
  // A request that names no address at all would start a job that changes nothing.
  if (total === 0) return bad("elbs");
  return { ok: true, changes };
}

function parseIpDetail(item: unknown, kind: IngressKind): { type: "v4" | "v6"; ip: string } | { answer: Answer } {
  if (!isObj(item)) return { answer: badParameter(kind) };
  for (const key of Object.keys(item)) if (key !== "type" && key !== "ip") return { answer: badParameter(key) };
  const { type, ip } = item;
  if (type !== "v4" && type !== "v6") return { answer: badParameter("type") };
  if (typeof ip !== "string" || ip.length === 0 || ip.length > 45) return { answer: badParameter("ip") };
  if (type === "v4" && !isIPv4(ip)) return { answer: invalidIp(`${ip} is not an IPv4 address (type v4)`) };
  if (type === "v6" && !isIPv6(ip)) return { answer: invalidIp(`${ip} is not an IPv6 address (type v6)`) };
  return { type, ip };
}
