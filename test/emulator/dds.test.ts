import { describe, expect, it } from "vitest";
import { BadRequestError, NotFoundError, PermissionDeniedError } from "../../src/index.js";
import { ddsGatewayPath, emulator, raw, recordingLogger, rejection, SEED, tokenClients, until } from "./support.js";

const rule = { nat_gateway_id: SEED.boundGateway.nat_gateway_id, public_ip_id: SEED.spareEip, external_service_port: 27017 };

describe("emulator: DDS ListInstances", () => {
  it("lists both seed instances with groups, nodes and the bound public gateway", async () => {
    const emu = await emulator();
    const { dds } = tokenClients(emu);
    const page = await dds.listInstances();
    expect(page.total_count).toBe(2);
    expect((page.instances ?? []).map((i) => [i.id, i.mode, i.status, i.actions])).toEqual([
      [SEED.replicaSet, "ReplicaSet", "normal", []],
      [SEED.cluster, "Sharding", "normal", []],
    ]);
    const { node } = await dds.getNode(SEED.replicaSet, SEED.primary);
    expect(node).toEqual({
      id: SEED.primary,
      name: "dds-4352_replica_node_1",
      status: "normal",
      role: "Primary",
      private_ip: "192.168.0.21",
      public_ip: "",
      nat_gateway_id: SEED.boundGateway.nat_gateway_id,
      external_service_port: 8635,
    });
    const secondary = await dds.getNode(SEED.replicaSet, SEED.secondary);
    expect(secondary.node).not.toHaveProperty("nat_gateway_id");
    const mongos = await dds.getNode(SEED.cluster, SEED.mongos1);
    expect(mongos.group.type).toBe("mongos");
    expect(mongos.node.role).toBe("master");
  });

  it("filters by id, name (exact; fuzzy after a leading *), mode, datastore type, vpc, tags, and pages with offset and limit", async () => {
    const emu = await emulator();
    const { dds } = tokenClients(emu);
    const ids = async (q: Parameters<typeof dds.listInstances>[0]) => {
      const page = await dds.listInstances(q);
      return [page.total_count, (page.instances ?? []).map((i) => i.id)];
    };
    expect(await ids({ id: SEED.cluster })).toEqual([1, [SEED.cluster]]);
    expect(await ids({ id: "nope" })).toEqual([0, []]);
    // Exact unless the value starts with `*` (the official DdsClient's parameter doc).
    expect(await ids({ name: "dds-4352" })).toEqual([1, [SEED.replicaSet]]);
    expect(await ids({ name: "dds-43" })).toEqual([0, []]);
    expect(await ids({ name: "4352" })).toEqual([0, []]);
    expect(await ids({ name: "*dds-4352" })).toEqual([1, [SEED.replicaSet]]);
    expect(await ids({ name: "*4352" })).toEqual([1, [SEED.replicaSet]]);
    expect(await ids({ name: "*DDS-" })).toEqual([2, [SEED.replicaSet, SEED.cluster]]);
    expect(await ids({ datastore_type: "DDS-Enhanced" })).toEqual([1, [SEED.cluster]]);
    expect(await ids({ datastore_type: "DDS-Community" })).toEqual([1, [SEED.replicaSet]]);
    expect(await ids({ tags: "env=prod" })).toEqual([1, [SEED.replicaSet]]);
    expect(await ids({ tags: "env=prod,team=db" })).toEqual([1, [SEED.replicaSet]]);
    expect(await ids({ tags: "env=dev,team=db" })).toEqual([0, []]);
    expect(await ids({ tags: "env=dev" })).toEqual([1, [SEED.cluster]]);
    expect(await ids({ tags: "env=" })).toEqual([0, []]);
    expect(await ids({ mode: "Sharding" })).toEqual([1, [SEED.cluster]]);
    expect(await ids({ mode: "Single" })).toEqual([0, []]);
    expect(await ids({ vpc_id: "3dbd6f0d-6b3c-4a0f-8a0b-7e5b2c1d9f40" })).toEqual([2, [SEED.replicaSet, SEED.cluster]]);
    expect(await ids({ offset: 1 })).toEqual([2, [SEED.cluster]]);
    expect(await ids({ limit: 1 })).toEqual([2, [SEED.replicaSet]]);
    expect(await ids({ offset: 5, limit: 1 })).toEqual([2, []]);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["offset=-1", "offset"],
    ["offset=x", "offset"],
    ["mode=Cluster", "mode"],
    ["tags=env", "tags"],
    ["tags==prod", "tags"],
    ["tags=env=a,env=b", "repeat"],
    ["name=*", "name"],
    [`tags=${Array.from({ length: 21 }, (_, i) => `k${i}=v`).join(",")}`, "at most 20"],
  ])("answers 400 DBS.200001 for %s", async (query, name) => {
    const emu = await emulator();
    const res = await raw(emu, "GET", `/v3/${SEED.project}/instances?${query}`, { token: emu.issueToken() });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe("DBS.200001");
    expect(res.json.error_msg).toContain(name);
  });
});

describe("emulator: DDS public gateway", () => {
  it("unbinds and binds at once when the settle time is 0", async () => {
    const emu = await emulator({ ddsSettleMs: 0 });
    const { dds } = tokenClients(emu);
    const unbound = await dds.unbindPublicGateway(SEED.replicaSet, SEED.primary);
    expect(unbound).toMatchObject({ instance_id: SEED.replicaSet, instance_name: "dds-4352", node_id: SEED.primary, node_name: "dds-4352_replica_node_1" });
    expect((await dds.getNode(SEED.replicaSet, SEED.primary)).node).not.toHaveProperty("nat_gateway_id");

    const bound = await dds.bindPublicGateway(SEED.replicaSet, SEED.secondary, rule);
    expect(bound).toMatchObject({ instance_id: SEED.replicaSet, node_id: SEED.secondary, ...rule });
    expect((await dds.getNode(SEED.replicaSet, SEED.secondary)).node).toMatchObject({ nat_gateway_id: rule.nat_gateway_id, external_service_port: 27017 });
    expect(emu.state.instances.get(SEED.replicaSet)?.groups[0]?.nodes[1]?.publicGateway).toEqual({
      natGatewayId: rule.nat_gateway_id,
      publicIpId: rule.public_ip_id,
      externalServicePort: 27017,
    });
  });

  it("settles after the delay: the action shows meanwhile, other calls get 403 DBS.201015, and the SDK's wait() sees the end", async () => {
    const emu = await emulator({ ddsSettleMs: 1000 });
    const { dds } = tokenClients(emu, { maxRetries: 0 });
    const handle = await dds.unbindPublicGateway(SEED.replicaSet, SEED.primary);
    const during = await dds.getNode(SEED.replicaSet, SEED.primary);
    expect(during.instance.actions).toEqual(["UNBIND_PUBLIC_GATEWAY"]);
    expect(during.node.nat_gateway_id).toBe(SEED.boundGateway.nat_gateway_id);

    const busy = await rejection(dds.bindPublicGateway(SEED.replicaSet, SEED.secondary, rule));
    expect(busy).toBeInstanceOf(PermissionDeniedError);
    expect(busy).toMatchObject({ status: 403, code: "DBS.201015" });

    const done = await handle.wait({ minDelayMs: 50, maxWaitMs: 5000 });
    expect(done.node).not.toHaveProperty("nat_gateway_id");
    expect(done.instance.actions).toEqual([]);
  });

  it("lets the SDK retry a busy answer (DBS.201015) until the instance is idle", async () => {
    const emu = await emulator({ ddsSettleMs: 300 });
    const logger = recordingLogger();
    const { dds } = tokenClients(emu, { logger });
    await dds.bindPublicGateway(SEED.cluster, SEED.mongos1, rule);
    await dds.bindPublicGateway(SEED.cluster, SEED.mongos2, { ...rule, external_service_port: 27018 });
    expect(logger.lines.some((l) => l.includes("403 DBS.201015; retry 1/2"))).toBe(true);
    await until(
      () => dds.getNode(SEED.cluster, SEED.mongos2),
      (l) => l.node.external_service_port === 27018,
    );
  });

  it("binds a mongos node of a cluster but refuses shard nodes (400 DBS.200075)", async () => {
    const emu = await emulator();
    const { dds } = tokenClients(emu);
    await dds.bindPublicGateway(SEED.cluster, SEED.mongos1, rule);
    const err = await rejection(dds.bindPublicGateway(SEED.cluster, SEED.shardPrimary, { ...rule, external_service_port: 1 }));
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 400, code: "DBS.200075" });
    expect(err.message).toContain("only mongos nodes");
  });

  it("refuses the Hidden node of a replica set (400 DBS.200075), for bind and unbind", async () => {
    const emu = await emulator();
    const { dds } = tokenClients(emu);
    expect(await rejection(dds.bindPublicGateway(SEED.replicaSet, SEED.hidden, rule))).toMatchObject({ status: 400, code: "DBS.200075" });
    expect(await rejection(dds.unbindPublicGateway(SEED.replicaSet, SEED.hidden))).toMatchObject({ status: 400, code: "DBS.200075" });
  });

  it.each(["frozen", "abnormal", "creating"] as const)("refuses a %s instance (400 DBS.200047)", async (status) => {
    const emu = await emulator();
    const instance = emu.state.instances.get(SEED.replicaSet);
    if (!instance) throw new Error("seed instance missing");
    instance.status = status;
    const { dds } = tokenClients(emu);
    expect(await rejection(dds.unbindPublicGateway(SEED.replicaSet, SEED.primary))).toMatchObject({ status: 400, code: "DBS.200047" });
    expect(await rejection(dds.bindPublicGateway(SEED.replicaSet, SEED.secondary, rule))).toMatchObject({ status: 400, code: "DBS.200047" });
  });

  it("refuses an abnormal node (400 DBS.200047) and an instance with another action running (403 DBS.201015)", async () => {
    const emu = await emulator();
    const instance = emu.state.instances.get(SEED.replicaSet);
    const node = instance?.groups[0]?.nodes[1];
    if (!instance || !node) throw new Error("seed instance missing");
    node.status = "abnormal";
    const { dds } = tokenClients(emu, { maxRetries: 0 });
    expect(await rejection(dds.bindPublicGateway(SEED.replicaSet, SEED.secondary, rule))).toMatchObject({ status: 400, code: "DBS.200047" });
    instance.actions.push("RESTARTING");
    expect(await rejection(dds.unbindPublicGateway(SEED.replicaSet, SEED.primary))).toMatchObject({ status: 403, code: "DBS.201015" });
  });

  it("answers 404 DBS.200002 for an unknown instance and 404 DBS.200013 for an unknown node", async () => {
    const emu = await emulator();
    const { dds } = tokenClients(emu);
    const noInstance = await rejection(dds.unbindPublicGateway("0000000000000000000000000000000ain02", SEED.primary));
    expect(noInstance).toBeInstanceOf(NotFoundError);
    expect(noInstance).toMatchObject({ status: 404, code: "DBS.200002", message: "The instance does not exist." });
    expect(await rejection(dds.bindPublicGateway(SEED.replicaSet, SEED.mongos1, rule))).toMatchObject({ status: 404, code: "DBS.200013" });
  });

  it("answers 400 DBS.200004 for unbinding a node without a public gateway and for binding one that has one", async () => {
    const emu = await emulator();
    const { dds } = tokenClients(emu);
    const unbind = await rejection(dds.unbindPublicGateway(SEED.replicaSet, SEED.secondary));
    expect(unbind).toMatchObject({ status: 400, code: "DBS.200004", message: "Invalid operation: the node has no public gateway bound." });
    const bind = await rejection(dds.bindPublicGateway(SEED.replicaSet, SEED.primary, rule));
    expect(bind).toMatchObject({ status: 400, code: "DBS.200004" });
  });

  it("answers 400 DBS.200001 when the EIP port is already used by another node's rule", async () => {
    const emu = await emulator();
    const { dds } = tokenClients(emu);
    const err = await rejection(
      dds.bindPublicGateway(SEED.cluster, SEED.mongos1, { ...rule, public_ip_id: SEED.boundGateway.public_ip_id, external_service_port: 8635 }),
    );
    expect(err).toMatchObject({ status: 400, code: "DBS.200001" });
    expect(err.message).toContain(`already used by node ${SEED.primary}`);
  });

  it.each([
    ["no body", undefined, "body"],
    ["a body that is not JSON", "{", "not valid JSON"],
    ["port 0", { ...rule, external_service_port: 0 }, "external_service_port"],
    ["port 65536", { ...rule, external_service_port: 65536 }, "external_service_port"],
    ["a fractional port", { ...rule, external_service_port: 80.5 }, "external_service_port"],
    ["an empty nat_gateway_id", { ...rule, nat_gateway_id: "" }, "nat_gateway_id"],
    ["a blank public_ip_id", { ...rule, public_ip_id: "  " }, "public_ip_id"],
    ["a missing public_ip_id", { nat_gateway_id: "n", external_service_port: 1 }, "public_ip_id"],
    ["an unknown field", { ...rule, extra: true }, "extra"],
  ])("answers 400 DBS.200001 for a bind with %s", async (_name, body, mention) => {
    const emu = await emulator();
    const res = await raw(emu, "POST", ddsGatewayPath(SEED.replicaSet, SEED.secondary), { token: emu.issueToken(), ...(body !== undefined ? { body } : {}) });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe("DBS.200001");
    expect(res.json.error_msg).toContain(mention);
  });

  it.each([
    ["an unknown NAT gateway", { ...rule, nat_gateway_id: "9e9e9e9e-0000-4000-8000-000000000000" }, "does not exist"],
    [
      "a NAT gateway in another subnet of the instance's VPC",
      { ...rule, nat_gateway_id: SEED.otherSubnetNat.id, public_ip_id: SEED.otherSubnetNat.eip },
      "not in the VPC and subnet",
    ],
    ["a NAT gateway in another VPC", { ...rule, nat_gateway_id: SEED.otherVpcNat.id, public_ip_id: SEED.otherVpcNat.eip }, "not in the VPC and subnet"],
    ["an EIP the NAT gateway does not hold", { ...rule, public_ip_id: SEED.otherVpcNat.eip }, "is not bound to NAT gateway"],
  ])("answers 400 DBS.200001 for a bind through %s (the NAT gateway must be in the instance's VPC and subnet)", async (_name, body, mention) => {
    const emu = await emulator();
    const { dds } = tokenClients(emu);
    const err = await rejection(dds.bindPublicGateway(SEED.replicaSet, SEED.secondary, body));
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 400, code: "DBS.200001" });
    expect(err.message).toContain(mention);
    expect((await dds.getNode(SEED.replicaSet, SEED.secondary)).node).not.toHaveProperty("nat_gateway_id");
  });

  it("refuses single-node instances (400 DBS.200004)", async () => {
    const emu = await emulator({
      seed: {
        projectId: SEED.project,
        users: [{ domainName: SEED.domain, userName: SEED.user, password: SEED.password }],
        dds: {
          instances: [
            { id: "single-in02", name: "dds-single", mode: "Single", groups: [{ type: "single", nodes: [{ id: "single-no02", name: "n", role: "Primary" }] }] },
          ],
        },
      },
    });
    const { dds } = tokenClients(emu);
    expect(await rejection(dds.bindPublicGateway("single-in02", "single-no02", rule))).toMatchObject({ status: 400, code: "DBS.200004" });
  });
});
