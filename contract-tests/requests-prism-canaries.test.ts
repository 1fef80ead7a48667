/**
 * Canaries of layer 2 (requests.test.ts): requests that Prism itself MUST reject, each with the violation it must
 * report, so a Prism upgrade that stops validating fails this file instead of letting requests.test.ts pass
 * vacuously.
 */
import { describe, expect, inject, it } from "vitest";
import { PRISM_TOKEN } from "./support/sdk-clients.js";
import { inputs } from "./support/sdk-inputs.js";
import { examplePath, findOperation } from "./support/spec.js";
import type { ApiName } from "./support/spec-files.js";
import { parseViolations, type Violation } from "./support/violations.js";

interface Canary {
  title: string;
  api: ApiName;
  operationId: string;
  query?: string;
  headers?: Record<string, string>;
  body?: unknown;
  status: number;
  /** A violation whose location starts with this path and has this code must be reported. */
  location: string[];
  code: string | number;
}

const withToken = { "x-auth-token": PRISM_TOKEN, "content-type": "application/json" };
const ingress = () => inputs.ingressBody("RegisterIngressIps") as unknown as { elbs: Record<string, unknown>[] };
const ELB_ID = "85392b45-685c-4f77-b19a-14ad875b8190";

const CANARIES: Canary[] = [
  {
    title: "RegisterIngressIps without the required elbs[0].elb_id",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: [{ public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] },
    status: 400,
    location: ["request", "body", "elbs", "0"],
    code: "required",
  },
  {
    title: "RegisterIngressIps with 11 elbs (maxItems 10 + 1)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: Array.from({ length: 11 }, () => ({ elb_id: ELB_ID })) },
    status: 400,
    location: ["request", "body", "elbs"],
    code: "maxItems",
  },
  {
    title: "UnregisterIngressIps with 3 public_ips (maxItems 2 + 1)",
    api: "apig",
    operationId: "UnregisterIngressIps",
    headers: withToken,
    body: { elbs: [{ elb_id: ELB_ID, public_ips: ["192.0.2.1", "192.0.2.2", "192.0.2.3"].map((ip) => ({ type: "v4", ip })) }] },
    status: 400,
    location: ["request", "body", "elbs", "0", "public_ips"],
    code: "maxItems",
  },
  {
    title: "RegisterIngressIps with an elb_id of 31 characters (minLength 32 − 1)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: [{ elb_id: "a".repeat(31) }] },
    status: 400,
    location: ["request", "body", "elbs", "0", "elb_id"],
    code: "minLength",
  },
  {
    title: "RegisterIngressIps with address type v5 (bad enum)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: [{ elb_id: ELB_ID, public_ips: [{ type: "v5", ip: "192.0.2.10" }] }] },
    status: 400,
    location: ["request", "body", "elbs", "0", "public_ips", "0", "type"],
    code: "enum",
  },
  {
    title: "RegisterIngressIps with type v4 and 192.0.2.300 (bad ipv4)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: [{ elb_id: ELB_ID, private_ips: [{ type: "v4", ip: "192.0.2.300" }] }] },
    status: 400,
    location: ["request", "body", "elbs", "0", "private_ips", "0", "ip"],
    code: "format",
  },
  {
    title: "RegisterIngressIps with type v6 and 2001:db8::zz (bad ipv6)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: [{ elb_id: ELB_ID, global_eips: [{ type: "v6", ip: "2001:db8::zz" }] }] },
    status: 400,
    location: ["request", "body", "elbs", "0", "global_eips", "0", "ip"],
    code: "format",
  },
  {
    title: "RegisterIngressIps with an undocumented body field (closed schema)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { ...ingress(), dry_run: true },
    status: 400,
    location: ["request", "body"],
    code: "additionalProperties",
  },
  {
    title: "BindPublicGateway with external_service_port 70000 (maximum 65535)",
    api: "dds",
    operationId: "BindPublicGateway",
    headers: withToken,
    body: { ...inputs.bindBody, external_service_port: 70000 },
    status: 400,
    location: ["request", "body", "external_service_port"],
    code: "maximum",
  },
  {
    title: "BindPublicGateway without the required public_ip_id",
    api: "dds",
    operationId: "BindPublicGateway",
    headers: withToken,
    body: { nat_gateway_id: inputs.bindBody.nat_gateway_id, external_service_port: 8635 },
    status: 400,
    location: ["request", "body"],
    code: "required",
  },
  {
    title: "ListInstances with mode=Cluster (bad query enum)",
    api: "dds",
    operationId: "ListInstances",
    query: "?mode=Cluster",
    headers: withToken,
    status: 400,
    location: ["request", "query", "mode"],
    code: "enum",
  },
  {
    title: "ListInstances with limit=0 (minimum 1)",
    api: "dds",
    operationId: "ListInstances",
    query: "?limit=0",
    headers: withToken,
    status: 400,
    location: ["request", "query", "limit"],
    code: "minimum",
  },
  {
    title: "CreateTokenByPassword without the user's password",
    api: "iam",
    operationId: "CreateTokenByPassword",
    headers: { "content-type": "application/json" },
    body: { auth: { identity: { methods: ["password"], password: { user: { name: "IAM_USER", domain: { name: "ACCOUNT_NAME" } } } } } },
    status: 400,
    location: ["request", "body", "auth", "identity", "password", "user"],
    code: "required",
  },
  {
    title: "UnbindPublicGateway with a body, which the operation does not document (415 served as the spec's 400)",
    api: "dds",
    operationId: "UnbindPublicGateway",
    headers: withToken,
    body: { force: true },
    status: 400,
    location: ["request"],
    code: 415,
  },
  {
    title: "ShowInstance without a token (security) → 401",
    api: "apig",
    operationId: "ShowInstance",
    headers: {},
    status: 401,
    location: ["request"],
    code: 401,
  },
  {
    title: "UnbindPublicGateway without a token (security) → 401",
    api: "dds",
    operationId: "UnbindPublicGateway",
    headers: {},
    status: 401,
    location: ["request"],
    code: 401,
  },
];

describe("canaries: Prism MUST reject these requests (a Prism that stops validating fails here)", () => {
  for (const c of CANARIES) {
    it(c.title, async () => {
      const prism = inject("prism");
      const op = findOperation(c.operationId);
      const res = await fetch(`${prism[c.api]}${examplePath(op)}${c.query ?? ""}`, {
        method: op.method,
        headers: c.headers ?? {},
        ...(c.body !== undefined ? { body: JSON.stringify(c.body) } : {}),
      });
      await res.arrayBuffer();
      expect(res.status).toBe(c.status);
      const { violations } = parseViolations(res.headers.get("sl-violations"));
      const hit = violations.find((v: Violation) => v.code === c.code && c.location.every((part, i) => v.location[i] === part) && v.severity === "Error");
      expect(hit, `violation ${c.code} at ${c.location.join(".")} in ${JSON.stringify(violations)}`).toBeDefined();
    });
  }
});
