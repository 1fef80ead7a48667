/**
 * Test doubles for the wait tests: a `fetch` that answers at once from a script, so the waits run under fake
 * timers without real sockets, and builders for the APIG / DDS bodies the scripts return.
 */
import type { InstanceDetails } from "../../src/services/apig.js";
import type { ListInstancesResponse } from "../../src/services/dds.js";

export const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
export const GATEWAY = "6a7d71827fd54572b1f31aa9548fcc81";
export const ELB = "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab";
export const JOB = "JOB-a7c1241c33334490a3fdcd11102bcbda";
export const ENDPOINT = "https://apig.cn-north-4.myhuaweicloud.com";
export const DDS_ENDPOINT = "https://dds.cn-north-4.myhuaweicloud.com";
export const DB = "9136fd2a9fcd405ea4674276ce36dae8in02";
export const NODE = "52a4c096bb1f455d8d866956a959519eno02";
export const NAT = "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f4c68";
export const EIP_ID = "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25";

/** One scripted answer. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request the fake saw. */
export interface Seen {
  method: string;
  path: string;
  query: string;
  /** `Date.now()` when it arrived (fake time under fake timers). */
  at: number;
  headers: Headers;
}

/**
 * A `fetch` answering synchronously (no I/O, so fake timers drive everything) with `route(request, n)`, where
 * `n` counts earlier requests with the same method and path.
 */
export function scriptedFetch(route: (req: Seen, n: number) => Answer) {
  const requests: Seen[] = [];
  const counts = new Map<string, number>();
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    if (init?.signal?.aborted) throw new DOMException("aborted", "AbortError");
    const seen: Seen = { method, path: url.pathname, query: url.search, at: Date.now(), headers: new Headers(init?.headers) };
    requests.push(seen);
    const k = `${method} ${url.pathname}`;
    const n = counts.get(k) ?? 0;
    counts.set(k, n + 1);
    const a = route(seen, n);
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
      status: a.status,
      headers: { "content-type": "application/json", "x-request-id": `req-${requests.length}`, ...a.headers },
    });
  };
  return {
    fetch,
    requests,
    gets: () => requests.filter((r) => r.method === "GET"),
  };
}

/** The n-th entry of `list`, repeating the last. */
export function nth<T>(list: readonly T[], n: number): T {
  return list[Math.min(n, list.length - 1)] as T;
}

/** Gateway details in `status`, listing `publicIps` (IPv4 or IPv6) and a private ingress address. */
export function gateway(status: string, publicIps: string[] = [], extra: InstanceDetails = {}): InstanceDetails {
  return {
    id: GATEWAY,
    instance_name: "apig-nlb-prod",
    status: status as NonNullable<InstanceDetails["status"]>,
    instance_status: (status === "Running" ? 6 : 12) as NonNullable<InstanceDetails["instance_status"]>,
    ingress_ip: "192.168.0.5",
    publicips: publicIps.map((ip) => (ip.includes(":") ? { ipv6_address: ip } : { ip_address: ip, bandwidth_size: 5 })),
    privateips: [{ ip_address: "192.168.0.5" }],
    ...extra,
  };
}

export const accepted = {
  instance_id: GATEWAY,
  message: `JOB_ASSIGNED_FOR_UPDATE_0077I:The job ${JOB} is assigned to the instance ${GATEWAY} for running updating`,
  job_id: JOB,
};

/** Answers 202 to register/deregister and `show(n)` to ShowInstance. */
export function apigRoute(show: (n: number, req: Seen) => Answer) {
  return (req: Seen, n: number): Answer => {
    if (req.method === "PUT") return { status: 202, body: accepted };
    if (req.method === "GET") return show(n, req);
    return { status: 405, body: { error_code: "X", error_msg: "unexpected" } };
  };
}

/** A ListInstances page with node {@link NODE} in `nodeStatus`, bound to `binding` when given. */
export function ddsPage(
  binding: { nat_gateway_id?: string | null; external_service_port?: number | null } | undefined,
  instanceStatus = "normal",
  nodeStatus = "normal",
): ListInstancesResponse {
  return {
    total_count: 1,
    instances: [
      {
        id: DB,
        name: "dds-4352",
        status: instanceStatus as NonNullable<NonNullable<ListInstancesResponse["instances"]>[number]["status"]>,
        mode: "ReplicaSet",
        actions: [],
        groups: [
          {
            type: "replica",
            nodes: [
              { id: NODE, name: "dds-4352_replica_node_1", status: nodeStatus, role: "Primary", private_ip: "192.168.0.21", public_ip: "", ...binding },
              { id: "7c3f1e2d9a8b4c5d6e7f8091a2b3c4d5no02", name: "dds-4352_replica_node_2", status: "normal", role: "Secondary" },
            ],
          },
        ],
      },
    ],
  };
}

/** Answers 200 to bind/unbind and `list(n)` to ListInstances. */
export function ddsRoute(list: (n: number, req: Seen) => Answer) {
  return (req: Seen, n: number): Answer => {
    const node = { instance_id: DB, instance_name: "dds-4352", node_id: NODE, node_name: "dds-4352_replica_node_1" };
    if (req.method === "POST") return { status: 200, body: { ...node, nat_gateway_id: NAT, public_ip_id: EIP_ID, external_service_port: 8635 } };
    if (req.method === "DELETE") return { status: 200, body: node };
    if (req.method === "GET") return list(n, req);
    return { status: 405, body: { error_code: "X", error_msg: "unexpected" } };
  };
}

/** Records how a promise settles without ever leaving a rejection unhandled. */
export function track<T>(promise: Promise<T>) {
  const state: { status: "pending" | "fulfilled" | "rejected"; value?: T; error?: unknown } = { status: "pending" };
  promise.then(
    (value) => Object.assign(state, { status: "fulfilled", value }),
    (error: unknown) => Object.assign(state, { status: "rejected", error }),
  );
  return state;
}
