/**
 * The operation table generated from the specs, and the transport that looks every request up in it: retry facts
 * as the specs declare them (x-hwc-retry), and `client.raw` calls validated like the service methods.
 */
import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { operationLookup, unmatchedFacts } from "../../src/internal/operations.js";
import type { TransportOptions } from "../../src/internal/transport.js";
import { ConflictError, InternalServerError, ValidationError } from "../../src/errors.js";
import { createApigClient } from "../../src/services/apig.js";
import { createDdsClient } from "../../src/services/dds.js";
import { allOperations, testTransport } from "../helpers/test-transport.js";
import { json, scriptedServers, type ScriptedServer } from "../helpers/scripted-server.js";

const serve = scriptedServers();
let server: ScriptedServer;

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const INSTANCE = "eddc4d25480b4cd6b512f270a1b8b341";
const ELB = "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab";

const transport = (overrides: Partial<TransportOptions> = {}) => testTransport({ random: () => 1, ...overrides });

const operations = allOperations;

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("the operation table", () => {
  it("has every operation of the specs with the retry facts they declare", () => {
    const facts = Object.fromEntries(operations.map((o) => [o.operationId, { method: o.method, ...o.retry }]));
    expect(facts).toEqual({
      UnregisterIngressIps: { method: "PUT", safeToRepeat: true, busyErrorCodes: ["APIC.7701"] },
      RegisterIngressIps: { method: "PUT", safeToRepeat: true, busyErrorCodes: ["APIC.7701"] },
      ShowInstance: { method: "GET", safeToRepeat: true, busyErrorCodes: ["APIC.7701"] },
      BindPublicGateway: { method: "POST", safeToRepeat: false, busyErrorCodes: ["DBS.201015", "DBS.200998"] },
      UnbindPublicGateway: { method: "DELETE", safeToRepeat: true, busyErrorCodes: ["DBS.201015", "DBS.200998"] },
      ListInstances: { method: "GET", safeToRepeat: true, busyErrorCodes: ["DBS.201015", "DBS.200998"] },
      CreateTokenByPassword: { method: "POST", safeToRepeat: true, busyErrorCodes: [] },
      KeystoneListProjects: { method: "GET", safeToRepeat: true, busyErrorCodes: [] },
      CreateTokenWithIdToken: { method: "POST", safeToRepeat: true, busyErrorCodes: [] },
      CreateTemporaryAccessKeyByToken: { method: "POST", safeToRepeat: true, busyErrorCodes: [] },
    });
    // A billing lock is held until the order is paid: never busy.
    const busyCodes = new Set(operations.flatMap((o) => o.retry.busyErrorCodes));
    expect(busyCodes.has("APIC.7712")).toBe(false);
    expect([...busyCodes].sort()).toEqual(["APIC.7701", "DBS.200998", "DBS.201015"]);
  });

  it("gives each operation its validator, request content type and non-string query types", async () => {
    const list = operations.find((o) => o.operationId === "ListInstances");
    expect(list).toMatchObject({ path: "/v3/{project_id}/instances", requestContentType: null, query: { offset: "integer", limit: "integer" } });
    const validate = await list?.loadValidator();
    expect(validate?.({ path: { project_id: "p" }, query: { limit: 10 } })).toBe(true);
    expect(validate?.({ path: { project_id: "p" }, query: { limit: "ten" } })).toBe(false);
    expect(operations.find((o) => o.operationId === "BindPublicGateway")).toMatchObject({ requestContentType: "application/json", bodyRequired: true });
  });

  it("finds requests by method and template, decodes parameters, and cuts off the endpoint's path", () => {
    const find = operationLookup(operations, "https://example.invalid/prefix/");
    const m = find("get", "/prefix/v2/p%20x/apigw/instances/i1");
    expect(m?.entry.operationId).toBe("ShowInstance");
    expect(m?.path).toEqual({ project_id: "p x", instance_id: "i1" });
    expect(find("PUT", "/prefix/v2/p/apigw/instances/i1/ingress-register")?.entry.operationId).toBe("RegisterIngressIps");
    expect(find("POST", "/prefix/v2/p/apigw/instances/i1/ingress-register")).toBeUndefined();
    expect(find("GET", "/prefix/v2/p/apigw/instances/i1/extra")).toBeUndefined();
    expect(find("GET", "/v2/p/apigw/instances/i1")).toBeUndefined();
  });

  it("prefers the template with more literal segments when two match", () => {
    const validate = Object.assign(() => true, { errors: null });
    const entry = (operationId: string, path: string) => ({
      api: "t",
      operationId,
      method: "GET",
      path,
      requestContentType: null,
      bodyRequired: false,
      query: {},
      retry: unmatchedFacts("GET"),
      loadValidator: async () => validate,
    });
    const find = operationLookup([entry("ById", "/a/{id}"), entry("Latest", "/a/latest")]);
    expect(find("GET", "/a/latest")?.entry.operationId).toBe("Latest");
    expect(find("GET", "/a/7")?.entry.operationId).toBe("ById");
  });
});

describe("retries follow the table", () => {
  const BIND = "/v3/p1/instances/i1/nodes/n1/public-gateway";
  const bind = JSON.stringify({ nat_gateway_id: "nat-1", public_ip_id: "eip-1", external_service_port: 8635 });
  const token = JSON.stringify({
    auth: { identity: { methods: ["password"], password: { user: { name: "u", password: "p", domain: { name: "d" } } } }, scope: { project: { id: "p1" } } },
  });

  it("IAM's token POST is safe to repeat: a 503 is retried", async () => {
    server = await serve(json(503, {}), json(201, { token: {} }));
    expect((await transport()(`${server.url}/v3/auth/tokens`, { method: "POST", body: token, headers: { "content-type": "application/json" } })).status).toBe(
      201,
    );
    expect(server.requests).toHaveLength(2);
  });

  it("DDS bind is not: a 503 or a timeout is not repeated, and the error says it is not retryable", async () => {
    server = await serve(json(503, {}));
    expect(await failure(transport()(`${server.url}${BIND}`, { method: "POST", body: bind }))).toMatchObject({ retryable: false, status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it("an operation's busy code is retried, another operation's is not", async () => {
    server = await serve(json(409, { error_code: "APIC.7701", error_msg: "busy" }), json(200, {}));
    expect(await failure(transport()(`${server.url}${BIND}`, { method: "POST", body: bind }))).toBeInstanceOf(ConflictError);
    expect(server.requests).toHaveLength(1);
  });

  it("a request that matches no operation: sent unvalidated, a 5xx repeated only for GET, no busy codes, 429 always", async () => {
    server = await serve(json(503, {}));
    expect(await failure(transport()(`${server.url}/v9/unknown`, { method: "POST", body: "not json" }))).toBeInstanceOf(InternalServerError);
    expect(server.requests.map((r) => r.body)).toEqual(["not json"]);
    await server.close();
    server = await serve(json(409, { error_code: "APIC.7701", error_msg: "busy" }));
    expect(await failure(transport()(`${server.url}/v9/unknown`, { method: "PUT", body: "{}" }))).toBeInstanceOf(ConflictError);
    expect(server.requests).toHaveLength(1);
    await server.close();
    server = await serve(json(503, {}), json(200, {}));
    expect((await transport()(`${server.url}/v9/unknown`, { method: "GET" })).status).toBe(200);
    await server.close();
    server = await serve(json(429, {}, { "retry-after": "0" }), json(200, {}));
    expect((await transport()(`${server.url}/v9/unknown`, { method: "POST", body: "{}" })).status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it("a table that declares an operation unsafe is obeyed for that operation", async () => {
    const strict = operations.map((o) => (o.operationId === "ShowInstance" ? { ...o, retry: { safeToRepeat: false, busyErrorCodes: [] } } : o));
    server = await serve(json(503, {}), json(200, {}));
    expect(await failure(transport({ operations: strict })(`${server.url}/v2/p1/apigw/instances/i1`, { method: "GET" }))).toMatchObject({ retryable: false });
    expect(server.requests).toHaveLength(1);
  });
});

describe("client.raw calls are validated before any I/O", () => {
  it("a bad body names the field, and nothing is sent", async () => {
    server = await serve(json(202, {}));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("t"), logLevel: "off" });
    const err = await failure(
      apig.raw.PUT("/v2/{project_id}/apigw/instances/{instance_id}/ingress-register", {
        params: { path: { project_id: PROJECT, instance_id: INSTANCE } },
        body: { elbs: [{ elb_id: "short", public_ips: [{ type: "v4", ip: "::1" }] }] },
      }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path).sort()).toEqual(["elbs[0].elb_id", "elbs[0].public_ips[0].ip"]);
    expect(server.requests).toHaveLength(0);
  });

  it("query parameters are read back to their spec types: limit=10 passes, limit=ten is named", async () => {
    server = await serve(json(200, { instances: [], total_count: 0 }));
    const dds = createDdsClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("t"), logLevel: "off" });
    const list = (query: Record<string, unknown>) =>
      dds.raw.GET("/v3/{project_id}/instances", { params: { path: { project_id: PROJECT }, query: query as never } });
    expect((await list({ limit: 10, offset: 0 })).response.status).toBe(200);
    const err = await failure(list({ limit: "ten", bogus: "x" }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path).sort()).toEqual(["bogus", "limit"]);
    expect(server.requests).toHaveLength(1);
  });

  it("the query is checked as the caller typed it: null, text for a number and nested objects are named, not dropped", async () => {
    server = await serve(json(200, { instances: [], total_count: 0 }));
    const dds = createDdsClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("t"), logLevel: "off" });
    const list = (query: Record<string, unknown>) =>
      dds.raw.GET("/v3/{project_id}/instances", { params: { path: { project_id: PROJECT }, query: query as never } });
    const err = await failure(list({ limit: null, offset: "5", name: { deep: { er: 1 } }, id: undefined }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path).sort()).toEqual(["limit", "name", "offset"]);
    expect(server.requests).toHaveLength(0);
  });

  it("a body JSON cannot hold (BigInt, a cycle) is a ValidationError, not a TypeError, and nothing is sent", async () => {
    server = await serve(json(202, {}));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("t"), logLevel: "off" });
    const cyclic: Record<string, unknown> = { elbs: [] };
    cyclic.self = cyclic;
    for (const body of [{ elbs: [{ elb_id: ELB, port: 1n }] }, cyclic]) {
      const err = await failure(
        apig.raw.PUT("/v2/{project_id}/apigw/instances/{instance_id}/ingress-register", {
          params: { path: { project_id: PROJECT, instance_id: INSTANCE } },
          body: body as never,
        }),
      );
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues).toMatchObject([{ path: "body", keyword: "type" }]);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("a body with an inherited toJSON is judged by what would be sent: a throwing one or one giving a bad body is a ValidationError", async () => {
    server = await serve(json(202, {}));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("t"), logLevel: "off" });
    const withProto = (toJSON: () => unknown) => Object.assign(Object.create({ toJSON }), { elbs: [{ elb_id: ELB }] });
    const send = (body: unknown) =>
      failure(
        apig.raw.PUT("/v2/{project_id}/apigw/instances/{instance_id}/ingress-register", {
          params: { path: { project_id: PROJECT, instance_id: INSTANCE } },
          body: body as never,
        }),
      );
    const thrown = await send(
      withProto(() => {
        throw new RangeError("boom");
      }),
    );
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toMatchObject([{ path: "body", keyword: "type" }]);
    const replaced = await send(withProto(() => ({ elbs: "not a list" })));
    expect(replaced).toBeInstanceOf(ValidationError);
    expect((replaced as ValidationError).issues.map((i) => i.path)).toContain("elbs");
    expect(server.requests).toHaveLength(0);
  });

  it("a missing path parameter is named as required, before any I/O", async () => {
    server = await serve(json(200, {}));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("t"), logLevel: "off" });
    const err = await failure(apig.raw.GET("/v2/{project_id}/apigw/instances/{instance_id}", { params: { path: { project_id: PROJECT } as never } }));
    expect((err as ValidationError).issues).toEqual([{ path: "instance_id", keyword: "required", message: "is required" }]);
    expect(server.requests).toHaveLength(0);
  });

  it("a body that is not JSON, or a body for an operation without one, is refused", async () => {
    server = await serve(json(200, {}));
    const t = transport();
    const register = `${server.url}/v2/p1/apigw/instances/i1/ingress-register`;
    expect(await failure(t(register, { method: "PUT", body: "{elbs" }))).toMatchObject({ issues: [{ path: "body", keyword: "type" }] });
    expect(await failure(t(register, { method: "PUT" }))).toMatchObject({ issues: [{ path: "body", keyword: "required" }] });
    const unbind = `${server.url}/v3/p1/instances/i1/nodes/n1/public-gateway`;
    expect(await failure(t(unbind, { method: "DELETE", body: "{}" }))).toMatchObject({ issues: [{ path: "body", keyword: "not" }] });
    expect(server.requests).toHaveLength(0);
    expect((await t(register, { method: "PUT", body: JSON.stringify({ elbs: [{ elb_id: ELB }] }) })).status).toBe(200);
  });
});
