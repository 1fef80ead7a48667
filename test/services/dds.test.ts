import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { NotFoundError, ValidationError } from "../../src/errors.js";
import { createDdsClient } from "../../src/services/dds.js";
import { json, scriptedServers, type ScriptedServer } from "../helpers/scripted-server.js";

const serve = scriptedServers();
let server: ScriptedServer;

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const DB = "9136fd2a9fcd405ea4674276ce36dae8in02";
const NODE = "52a4c096bb1f455d8d866956a959519eno02";
const NAT = "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f4c68";
const EIP = "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25";
const unbound = { instance_id: DB, instance_name: "dds-4352", node_id: NODE, node_name: "dds-4352_replica_node_1" };
const page = {
  total_count: 1,
  instances: [
    {
      id: DB,
      name: "dds-4352",
      status: "normal",
      mode: "ReplicaSet",
      groups: [{ type: "replica", nodes: [{ id: NODE, name: "n1", status: "normal", role: "Primary" }] }],
    },
  ],
};

describe("DDS client", () => {
  it("unbinds with DELETE and resolves with the 200 body as a handle", async () => {
    server = await serve(json(200, unbound));
    const dds = createDdsClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok") });
    const handle = await dds.unbindPublicGateway(DB, NODE);
    expect({ ...handle }).toStrictEqual(unbound);
    expect(JSON.parse(JSON.stringify(handle))).toStrictEqual(unbound);
    expect(inspect(handle)).toBe(inspect(unbound));
    expect(typeof handle.wait).toBe("function");
    expect(handle.waitState()).toMatchObject({ operation: "unbindPublicGateway", instanceId: DB, nodeId: NODE, expect: { bound: false } });
    expect(server.requests[0]).toMatchObject({ method: "DELETE", url: `/v3/${PROJECT}/instances/${DB}/nodes/${NODE}/public-gateway`, body: "" });
  });

  it("binds with POST and the body, and remembers the bound values for the wait", async () => {
    const body = { nat_gateway_id: NAT, public_ip_id: EIP, external_service_port: 8635 };
    server = await serve(json(200, { ...unbound, ...body }));
    const dds = createDdsClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok") });
    const handle = await dds.bindPublicGateway(DB, NODE, body);
    expect(handle.external_service_port).toBe(8635);
    expect(JSON.parse(JSON.stringify(handle))).toStrictEqual({ ...unbound, ...body });
    expect(handle.waitState().expect).toEqual({ bound: true, natGatewayId: NAT, externalServicePort: 8635, publicIpId: EIP });
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(body);
  });

  it("finds a node, and reports a missing one as NotFoundError", async () => {
    server = await serve(json(200, page));
    const dds = createDdsClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok") });
    expect((await dds.getNode(DB, NODE)).node.role).toBe("Primary");
    const err = await dds.getNode(DB, "othernode").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).message).toBe(`node othernode not found in instance ${DB}`);
    expect(server.requests[0]?.url).toBe(`/v3/${PROJECT}/instances?id=${DB}`);
  });

  it("refuses bad bind input before any I/O", async () => {
    server = await serve(json(200, unbound));
    const dds = createDdsClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok") });
    const err = await dds.bindPublicGateway(DB, NODE, { nat_gateway_id: NAT, public_ip_id: EIP, external_service_port: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    await expect(dds.unbindPublicGateway("..", NODE)).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("sends the name filter as given: exact, or fuzzy after a leading * (so * plus a 64-character name fits)", async () => {
    server = await serve(json(200, page), json(200, page));
    const dds = createDdsClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok") });
    const longest = `*${"n".repeat(64)}`;
    await dds.listInstances({ name: longest });
    await dds.listInstances({ name: "*4352", tags: "env=prod,team=db", datastore_type: "DDS-Enhanced" });
    expect(server.requests.map((r) => r.url)).toEqual([
      `/v3/${PROJECT}/instances?name=${encodeURIComponent(longest)}`,
      `/v3/${PROJECT}/instances?name=${encodeURIComponent("*4352")}&tags=${encodeURIComponent("env=prod,team=db")}&datastore_type=DDS-Enhanced`,
    ]);
    const err = await dds.listInstances({ name: `${longest}x` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path)).toEqual(["name"]);
    const star = await dds.listInstances({ name: "*" }).catch((e: unknown) => e);
    expect((star as ValidationError).issues.map((i) => i.path)).toEqual(["name"]);
    const wrongType = await dds.listInstances({ datastore_type: "MongoDB" as never }).catch((e: unknown) => e);
    expect((wrongType as ValidationError).issues.map((i) => i.path)).toEqual(["datastore_type"]);
  });

  it.each([
    ["a pair without =", "env"],
    ["an empty key", "=prod"],
    ["21 pairs", Array.from({ length: 21 }, (_, i) => `k${i}=v`).join(",")],
  ])("refuses a tags filter with %s before any I/O", async (_what, tags) => {
    const dds = createDdsClient({
      projectId: PROJECT,
      endpoint: "http://127.0.0.1:9",
      auth: tokenAuth("tok"),
      fetch: () => Promise.reject(new Error("no I/O expected")),
    });
    const err = await dds.listInstances({ tags }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path)).toEqual(["tags"]);
  });
});
