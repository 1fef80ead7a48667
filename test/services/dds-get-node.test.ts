import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { InvalidResponseError, NotFoundError, ValidationError } from "../../src/errors.js";
import { createDdsClient } from "../../src/services/dds.js";
import { json, scriptedServers } from "../helpers/scripted-server.js";

const serve = scriptedServers();

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const DB = "9136fd2a9fcd405ea4674276ce36dae8in02";
const OTHER_DB = "4a1b2c3d4e5f40718293a4b5c6d7e8f9in02";
const NODE = "52a4c096bb1f455d8d866956a959519eno02";
const OTHER_NODE = "7c3f1e2d9a8b4c5d6e7f8091a2b3c4d5no02";

const client = (url: string) => createDdsClient({ projectId: PROJECT, endpoint: url, auth: tokenAuth("tok"), maxRetries: 0, logLevel: "off" });
const node = (id: string, role: string) => ({ id, name: `n-${role}`, status: "normal", role });
const instance = (id: string, groups: unknown[]) => ({ id, name: `dds-${id.slice(0, 4)}`, status: "normal", mode: "Sharding", groups });

describe("DDS getNode", () => {
  it("reports a page without an instances array as InvalidResponseError, not as a missing instance", async () => {
    const server = await serve(json(200, { total_count: 0 }));
    const err = await client(server.url)
      .getNode(DB, NODE)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).not.toBeInstanceOf(NotFoundError);
    expect((err as InvalidResponseError).message).toBe("ListInstances answer has no instances array");
    expect((err as InvalidResponseError).status).toBe(200);
  });

  it("picks the instance with the asked id, not the first one the page lists", async () => {
    // The id filter is the server's; an answer listing another instance first must not be read as the asked one.
    const page = {
      total_count: 2,
      instances: [instance(OTHER_DB, [{ type: "replica", nodes: [node(NODE, "Decoy")] }]), instance(DB, [{ type: "replica", nodes: [node(NODE, "Primary")] }])],
    };
    const server = await serve(json(200, page));
    const found = await client(server.url).getNode(DB, NODE);
    expect(found.instance.id).toBe(DB);
    expect(found.node.role).toBe("Primary");
  });

  it("reports an instance the page does not list as missing, even when another instance holds a node of that id", async () => {
    const page = { total_count: 1, instances: [instance(OTHER_DB, [{ type: "replica", nodes: [node(NODE, "Primary")] }])] };
    const server = await serve(json(200, page));
    const err = await client(server.url)
      .getNode(DB, NODE)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).message).toBe(`instance ${DB} not found`);
  });

  it("skips null entries among instances, groups and nodes instead of failing on them", async () => {
    const page = {
      total_count: 1,
      instances: [null, instance(DB, [null, { type: "shard", nodes: [null, node(OTHER_NODE, "Secondary"), node(NODE, "Primary")] }])],
    };
    const server = await serve(json(200, page));
    const found = await client(server.url).getNode(DB, NODE);
    expect(found.node).toEqual(node(NODE, "Primary"));
    expect(found.group.type).toBe("shard");
    expect(found.instance.id).toBe(DB);
  });

  it("searches every group, and a group without a node list is no match", async () => {
    const groups = [{ type: "mongos" }, { type: "config", nodes: [node(OTHER_NODE, "Primary")] }, { type: "shard", nodes: [node(NODE, "Secondary")] }];
    const server = await serve(json(200, { total_count: 1, instances: [instance(DB, groups)] }), json(200, { total_count: 1, instances: [{ id: DB }] }));
    const dds = client(server.url);
    expect((await dds.getNode(DB, NODE)).group.type).toBe("shard");
    const err = await dds.getNode(DB, NODE).catch((e: unknown) => e);
    expect((err as NotFoundError).message).toBe(`node ${NODE} not found in instance ${DB}`);
  });

  it("describes a missing instance as a 404 of the GET it came from, with the page as its body", async () => {
    const page = { total_count: 0, instances: [] };
    const server = await serve(json(200, page));
    const err = (await client(server.url)
      .getNode(DB, NODE)
      .catch((e: unknown) => e)) as NotFoundError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({
      status: 404,
      code: undefined,
      requestId: undefined,
      message: `instance ${DB} not found`,
      method: "GET",
      url: `${server.url}/v3/${PROJECT}/instances`,
      body: page,
    });
  });

  it.each([
    ["a dot-segment node id", DB, "..", "node_id"],
    ["a node id with a slash", DB, "a/b", "node_id"],
    ["a dot-segment instance id", "..", NODE, "instance_id"],
  ])("refuses %s like a path parameter, before any I/O", async (_what, instanceId, nodeId, path) => {
    const server = await serve(json(200, { total_count: 0, instances: [] }));
    const err = await client(server.url)
      .getNode(instanceId, nodeId)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path)).toEqual([path]);
    expect(server.requests).toHaveLength(0);
  });
});
