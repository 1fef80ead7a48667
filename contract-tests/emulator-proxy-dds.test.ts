/**
 * The emulator's DDS answers, checked by dds.yaml through `prism proxy --errors`: instance listing, nodes, public
 * gateway binding and its waits, error and authentication answers. What the proxies check: emulator-proxy-fixtures.ts.
 */
import { describe, expect, it } from "vitest";
import { tokenAuth } from "../src/index.js";
import {
  clients,
  FAST_WAIT,
  OTHER_PROJECT,
  PRIMARY,
  REPLICA_SET,
  rejection,
  RULE,
  running,
  SECONDARY,
  useEmulatorBehindProxies,
} from "./emulator-proxy-fixtures.js";

const HIDDEN = "e1d2c3b4a5968778695a4b3c2d1e0f9ano02";
const CLUSTER = "d87f5b33049144ec95f0cab0a5f22cfbin02";
const MONGOS = "a1b2c3d4e5f60718293a4b5c6d7e8f90no02";

useEmulatorBehindProxies();

describe("emulator behind prism proxy --errors: DDS", () => {
  it("ListInstances with filters and paging, getNode", async () => {
    const { dds } = clients();
    expect((await dds.listInstances()).total_count).toBe(2);
    expect(
      (await dds.listInstances({ id: REPLICA_SET, name: "*dds", mode: "ReplicaSet", datastore_type: "DDS-Community", tags: "env=prod", offset: 0, limit: 1 }))
        .instances,
    ).toHaveLength(1);
    expect((await dds.listInstances({ offset: 2, limit: 100 })).instances).toEqual([]);
    expect((await dds.getNode(REPLICA_SET, PRIMARY)).node).toMatchObject({ role: "Primary", nat_gateway_id: expect.any(String), external_service_port: 8635 });
    expect((await dds.getNode(CLUSTER, MONGOS)).node.role).toBe("master");
  });

  it("unbind and bind, each waited through the proxy", async () => {
    const { dds } = clients();
    const unbound = await dds.unbindPublicGateway(REPLICA_SET, PRIMARY);
    expect(unbound).toMatchObject({ instance_id: REPLICA_SET, node_id: PRIMARY });
    expect((await unbound.wait(FAST_WAIT)).node).not.toHaveProperty("nat_gateway_id");
    const bound = await dds.bindPublicGateway(CLUSTER, MONGOS, RULE);
    expect(bound).toMatchObject({ node_id: MONGOS, ...RULE });
    expect((await bound.wait(FAST_WAIT)).node).toMatchObject({ nat_gateway_id: RULE.nat_gateway_id, external_service_port: RULE.external_service_port });
  });

  it("error answers: 404 DBS.200002 / 200013, 400 DBS.200075 / 200047 / 200004 / 200001, 403 DBS.201015", async () => {
    const { dds } = clients({ maxRetries: 0 });
    expect(await rejection(dds.unbindPublicGateway("0000000000000000000000000000000ain02", PRIMARY))).toMatchObject({ status: 404, code: "DBS.200002" });
    expect(await rejection(dds.bindPublicGateway(REPLICA_SET, MONGOS, RULE))).toMatchObject({ status: 404, code: "DBS.200013" });
    expect(await rejection(dds.bindPublicGateway(REPLICA_SET, HIDDEN, RULE))).toMatchObject({ status: 400, code: "DBS.200075" });
    expect(await rejection(dds.unbindPublicGateway(REPLICA_SET, SECONDARY))).toMatchObject({ status: 400, code: "DBS.200004" });
    expect(
      await rejection(dds.bindPublicGateway(CLUSTER, MONGOS, { ...RULE, public_ip_id: "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25", external_service_port: 8635 })),
    ).toMatchObject({
      status: 400,
      code: "DBS.200001",
    });
    await dds.unbindPublicGateway(REPLICA_SET, PRIMARY);
    expect(await rejection(dds.bindPublicGateway(REPLICA_SET, SECONDARY, RULE))).toMatchObject({ status: 403, code: "DBS.201015" });
    const instance = running().state.instances.get(CLUSTER);
    if (!instance) throw new Error("seed instance missing");
    instance.status = "frozen";
    expect(await rejection(dds.bindPublicGateway(CLUSTER, MONGOS, RULE))).toMatchObject({ status: 400, code: "DBS.200047" });
  });

  it("authentication answers: 401 APIGW.0301, 403 APIGW.0310", async () => {
    const forged = clients({ auth: tokenAuth("MIIforged"), maxRetries: 0 }).dds;
    expect(await rejection(forged.listInstances())).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(await rejection(forged.unbindPublicGateway(REPLICA_SET, PRIMARY))).toMatchObject({ status: 401, code: "APIGW.0301" });
    const other = clients({ auth: tokenAuth(running().issueToken({ projectId: OTHER_PROJECT.id })), maxRetries: 0 }).dds;
    expect(await rejection(other.bindPublicGateway(REPLICA_SET, SECONDARY, RULE))).toMatchObject({ status: 403, code: "APIGW.0310" });
  });
});
