import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { AbortError, ValidationError } from "../../src/errors.js";
import { createDdsClient } from "../../src/services/dds.js";
import { json, scriptedServers } from "../helpers/scripted-server.js";

const serve = scriptedServers();

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const DB = "9136fd2a9fcd405ea4674276ce36dae8in02";
const NODE = "52a4c096bb1f455d8d866956a959519eno02";
const NAT = "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f4c68";
const EIP = "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25";
const BIND = { nat_gateway_id: NAT, public_ip_id: EIP, external_service_port: 8635 };
const answer = { instance_id: DB, instance_name: "dds-4352", node_id: NODE, node_name: "dds-4352_replica_node_1" };
const projects = json(200, { projects: [{ id: PROJECT, name: "cn-north-4", domain_id: "d" }], links: { self: "x" } });

/** A client that discovers its project id in IAM (at the same test server) on first use. */
const discovering = (url: string) =>
  createDdsClient({ region: "cn-north-4", endpoint: url, iamEndpoint: url, auth: tokenAuth("tok"), maxRetries: 0, logLevel: "off" });
const calls = (requests: { method: string; url: string }[]) => requests.map((r) => `${r.method} ${r.url}`);

describe("DDS gateway calls on a discovered project", () => {
  it("unbinds after the lookup, checking the node's path parameters against the ids given", async () => {
    const server = await serve(projects, json(200, answer));
    const handle = await discovering(server.url).unbindPublicGateway(DB, NODE);
    expect({ ...handle }).toEqual(answer);
    expect(handle.waitState()).toMatchObject({ projectId: PROJECT, instanceId: DB, nodeId: NODE });
    expect(calls(server.requests)).toEqual(["GET /v3/projects?name=cn-north-4", `DELETE /v3/${PROJECT}/instances/${DB}/nodes/${NODE}/public-gateway`]);
  });

  it("binds after the lookup, sending the body as given", async () => {
    const server = await serve(projects, json(200, { ...answer, ...BIND }));
    const handle = await discovering(server.url).bindPublicGateway(DB, NODE, BIND);
    expect(handle.waitState().expect).toEqual({ bound: true, natGatewayId: NAT, externalServicePort: 8635, publicIpId: EIP });
    expect(calls(server.requests)).toEqual(["GET /v3/projects?name=cn-north-4", `POST /v3/${PROJECT}/instances/${DB}/nodes/${NODE}/public-gateway`]);
    expect(JSON.parse(server.requests[1]?.body ?? "")).toEqual(BIND);
  });

  it.each([
    ["unbind, bad node id", (url: string) => discovering(url).unbindPublicGateway(DB, ".."), ["node_id"]],
    ["bind, bad instance id", (url: string) => discovering(url).bindPublicGateway("db/1", NODE, BIND), ["instance_id"]],
  ])("%s: refused before the lookup, naming only the bad parameter", async (_what, call, paths) => {
    const server = await serve(projects);
    const err = await call(server.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    // Only the bad one: the good ids are checked too, so none is reported as missing.
    expect(new Set((err as ValidationError).issues.map((i) => i.path))).toEqual(new Set(paths));
    expect(server.requests).toHaveLength(0);
  });
});

describe("DDS wait polls", () => {
  it("pass the wait's abort on to the ListInstances request in flight", async () => {
    // The first poll hangs until its request is aborted; the test's fetch notes that the abort reached it.
    let pollAborted = false;
    let pollStarted!: () => void;
    const polling = new Promise<void>((resolve) => {
      pollStarted = resolve;
    });
    const server = await serve(json(200, answer));
    const fetch: typeof globalThis.fetch = (input, init) => {
      if (init?.method !== "GET") return globalThis.fetch(input, init);
      pollStarted();
      return new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => {
          pollAborted = true;
          reject(new DOMException("aborted", "AbortError"));
        });
      });
    };
    const dds = createDdsClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok"), fetch, maxRetries: 0, logLevel: "off" });
    const handle = await dds.unbindPublicGateway(DB, NODE);
    const controller = new AbortController();
    const waiting = handle.wait({ signal: controller.signal }).catch((e: unknown) => e);
    await polling;
    controller.abort(new Error("stop"));
    expect(await waiting).toBeInstanceOf(AbortError);
    expect(pollAborted).toBe(true);
  });
});
