/**
 * Issue 2's first contract tests: a bare openapi-fetch client typed by generated/*.ts (no SDK) against the Prism
 * mocks. A valid request built from the spec's own examples gets the spec's first example back, deep-equal to the
 * YAML; requests that break the spec are rejected, and the violation is read from the `sl-violations` header.
 */
import createClient from "openapi-fetch";
import { describe, expect, inject, it } from "vitest";
import type { components as ApigComponents, paths as ApigPaths } from "../generated/apig.js";
import type { components as DdsComponents, paths as DdsPaths } from "../generated/dds.js";
import type { components as IamComponents, paths as IamPaths } from "../generated/iam.js";
import { RAW_CLIENT_SUITE, rawClientTitle } from "./support/raw-client-titles.js";
import { PRISM_TOKEN } from "./support/sdk-clients.js";
import { findOperation, parameterExample, requestExample, successResponse } from "./support/spec.js";
import type { Operation } from "./support/spec-types.js";
import { parseViolations, TOO_MANY_PREFIX, type Violation } from "./support/violations.js";

type IngressIpsRequest = ApigComponents["schemas"]["IngressIpsRequest"];
type BindRequest = DdsComponents["schemas"]["BindPublicGatewayRequest"];
type TokenRequest = IamComponents["schemas"]["CreateTokenByPasswordRequest"];

const auth = { "X-Auth-Token": PRISM_TOKEN };

function clients() {
  const prism = inject("prism");
  return {
    apig: createClient<ApigPaths>({ baseUrl: prism.apig, headers: auth }),
    dds: createClient<DdsPaths>({ baseUrl: prism.dds, headers: auth }),
    iam: createClient<IamPaths>({ baseUrl: prism.iam }),
  };
}

const param = (op: Operation, name: string) => String(parameterExample(op, name));
const firstExample = (op: Operation) => {
  const ex = successResponse(op).examples[0];
  if (!ex) throw new Error(`${op.operationId}: the success response has no example`);
  return ex.value;
};

/** The answer is the spec's success status with its first example, and Prism reported nothing. */
function expectExample(op: Operation, response: Response, data: unknown): void {
  expect(response.headers.get("sl-violations"), "violations").toBeNull();
  expect(response.status).toBe(Number(successResponse(op).status));
  expect(data).toEqual(firstExample(op));
}

function expectViolation(response: Response, location: string[], code: string | number): Violation[] {
  const { violations } = parseViolations(response.headers.get("sl-violations"));
  const hit = violations.find((v) => v.code === code && location.every((part, i) => v.location[i] === part));
  expect(hit, `${code} at ${location.join(".")} in ${JSON.stringify(violations)}`).toBeDefined();
  return violations;
}

describe(RAW_CLIENT_SUITE, () => {
  describe("valid requests get the spec's example", () => {
    it(rawClientTitle("RegisterIngressIps"), async () => {
      const op = findOperation("RegisterIngressIps");
      const { data, response } = await clients().apig.PUT("/v2/{project_id}/apigw/instances/{instance_id}/ingress-register", {
        params: { path: { project_id: param(op, "project_id"), instance_id: param(op, "instance_id") } },
        body: requestExample(op) as IngressIpsRequest,
      });
      expectExample(op, response, data);
    });

    it(rawClientTitle("UnregisterIngressIps"), async () => {
      const op = findOperation("UnregisterIngressIps");
      const { data, response } = await clients().apig.PUT("/v2/{project_id}/apigw/instances/{instance_id}/ingress-unregister", {
        params: { path: { project_id: param(op, "project_id"), instance_id: param(op, "instance_id") } },
        body: requestExample(op) as IngressIpsRequest,
      });
      expectExample(op, response, data);
    });

    it(rawClientTitle("ShowInstance"), async () => {
      const op = findOperation("ShowInstance");
      const { data, response } = await clients().apig.GET("/v2/{project_id}/apigw/instances/{instance_id}", {
        params: { path: { project_id: param(op, "project_id"), instance_id: param(op, "instance_id") } },
      });
      expectExample(op, response, data);
    });

    it(rawClientTitle("BindPublicGateway"), async () => {
      const op = findOperation("BindPublicGateway");
      const { data, response } = await clients().dds.POST("/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway", {
        params: { path: { project_id: param(op, "project_id"), instance_id: param(op, "instance_id"), node_id: param(op, "node_id") } },
        body: requestExample(op) as BindRequest,
      });
      expectExample(op, response, data);
    });

    it(rawClientTitle("UnbindPublicGateway"), async () => {
      const op = findOperation("UnbindPublicGateway");
      const { data, response } = await clients().dds.DELETE("/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway", {
        params: { path: { project_id: param(op, "project_id"), instance_id: param(op, "instance_id"), node_id: param(op, "node_id") } },
      });
      expectExample(op, response, data);
    });

    it(rawClientTitle("ListInstances"), async () => {
      const op = findOperation("ListInstances");
      const { data, response } = await clients().dds.GET("/v3/{project_id}/instances", {
        params: { path: { project_id: param(op, "project_id") }, query: { id: param(op, "id"), offset: 0, limit: 10 } },
      });
      expectExample(op, response, data);
    });

    it(rawClientTitle("CreateTokenByPassword"), async () => {
      const op = findOperation("CreateTokenByPassword");
      const { data, response } = await clients().iam.POST("/v3/auth/tokens", {
        params: { query: { nocatalog: "true" } },
        body: requestExample(op) as TokenRequest,
      });
      expectExample(op, response, data);
      const subject = successResponse(op).headers.find((h) => h.name === "X-Subject-Token");
      expect(response.headers.get("x-subject-token")).toBe(subject?.example);
    });
  });

  describe("requests that break the spec are rejected, the violation is in sl-violations", () => {
    const elbId = "85392b45-685c-4f77-b19a-14ad875b8190";
    const apigPath = () => {
      const op = findOperation("RegisterIngressIps");
      return { project_id: param(op, "project_id"), instance_id: param(op, "instance_id") };
    };
    const ddsPath = () => {
      const op = findOperation("BindPublicGateway");
      return { project_id: param(op, "project_id"), instance_id: param(op, "instance_id"), node_id: param(op, "node_id") };
    };

    it("11 elbs (maxItems 10)", async () => {
      const { response } = await clients().apig.PUT("/v2/{project_id}/apigw/instances/{instance_id}/ingress-register", {
        params: { path: apigPath() },
        body: { elbs: Array.from({ length: 11 }, () => ({ elb_id: elbId })) },
      });
      expect(response.status).toBe(400);
      expectViolation(response, ["request", "body", "elbs"], "maxItems");
    });

    it("a bad IPv4 address", async () => {
      const { response } = await clients().apig.PUT("/v2/{project_id}/apigw/instances/{instance_id}/ingress-unregister", {
        params: { path: apigPath() },
        body: { elbs: [{ elb_id: elbId, public_ips: [{ type: "v4", ip: "256.0.0.1" }] }] },
      });
      expect(response.status).toBe(400);
      expectViolation(response, ["request", "body", "elbs", "0", "public_ips", "0", "ip"], "format");
    });

    it("a missing required body field", async () => {
      const { response } = await clients().dds.POST("/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway", {
        params: { path: ddsPath() },
        // Deliberately breaks the generated type: nat_gateway_id is required.
        body: { public_ip_id: "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25", external_service_port: 8635 } as unknown as BindRequest,
      });
      expect(response.status).toBe(400);
      const violations = expectViolation(response, ["request", "body"], "required");
      expect(violations.some((v) => v.message.includes("nat_gateway_id"))).toBe(true);
    });

    it("bind port 70000 (maximum 65535)", async () => {
      const { response } = await clients().dds.POST("/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway", {
        params: { path: ddsPath() },
        body: { nat_gateway_id: "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f4c68", public_ip_id: "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25", external_service_port: 70000 },
      });
      expect(response.status).toBe(400);
      expectViolation(response, ["request", "body", "external_service_port"], "maximum");
    });

    it("so many violations that Prism truncates the header: the 'Too many violations!' prefix is tolerated", async () => {
      const bad = { type: "v4" as const, ip: "not-an-ip" };
      const elb = { elb_id: "short", public_ips: [bad, bad], private_ips: [bad, bad], global_eips: [bad, bad] };
      const { response } = await clients().apig.PUT("/v2/{project_id}/apigw/instances/{instance_id}/ingress-register", {
        params: { path: apigPath() },
        body: { elbs: Array.from({ length: 10 }, () => elb) },
      });
      expect(response.status).toBe(400);
      const header = response.headers.get("sl-violations") ?? "";
      expect(header.startsWith(TOO_MANY_PREFIX)).toBe(true);
      const parsed = parseViolations(header);
      expect(parsed.truncated).toBe(true);
      expect(parsed.violations.length).toBeGreaterThan(10);
      expect(parsed.violations.every((v) => v.location[0] === "request")).toBe(true);
      expect(parsed.violations.some((v) => v.code === "format")).toBe(true);
    });
  });

  describe("sl-violations parser", () => {
    const entry = { location: ["request", "body", "elbs"], severity: "Error", code: "maxItems", message: "m" };
    it("reads a plain array", () => {
      expect(parseViolations(JSON.stringify([entry]))).toEqual({ violations: [entry], truncated: false });
    });
    it("keeps the complete entries of a truncated value", () => {
      const full = JSON.stringify([entry, { ...entry, code: "format" }, entry]);
      const cut = `${TOO_MANY_PREFIX} ${full.slice(0, full.length - 20)}`;
      expect(parseViolations(cut)).toEqual({ violations: [entry, { ...entry, code: "format" }], truncated: true });
    });
    it("gives nothing for a missing header and throws on a foreign format", () => {
      expect(parseViolations(null)).toEqual({ violations: [], truncated: false });
      expect(() => parseViolations("oops")).toThrow(/not JSON/);
    });
  });
});
