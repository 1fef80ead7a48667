/**
 * Layer 7, generated types pinned: DDS. Checked by `tsc -p tsconfig.json` (part of `npm test`); never executed.
 * See apig.test-d.ts for how the checks fail.
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  createDdsClient,
  type BindPublicGatewayHandle,
  type BindPublicGatewayRequest,
  type BindPublicGatewayResponse,
  type CallOptions,
  type DdsClient,
  type DdsGroup,
  type DdsInstance,
  type DdsNode,
  type DdsNodeLocation,
  type ListInstancesQuery,
  type ListInstancesResponse,
  type UnbindPublicGatewayHandle,
  type UnbindPublicGatewayResponse,
} from "../../src/index.js";

declare const dds: DdsClient;
declare const page: ListInstancesResponse;
declare const bound: BindPublicGatewayHandle;

describe("DDS types", () => {
  it("createDdsClient returns a DdsClient", () => {
    expectTypeOf(createDdsClient).returns.toEqualTypeOf<DdsClient>();
    expectTypeOf(createDdsClient).parameter(0).toHaveProperty("projectId").toEqualTypeOf<string | undefined>();
  });

  it("bindPublicGateway: (instanceId, nodeId, body, options?) → a handle carrying the 200 body", () => {
    expectTypeOf(dds.bindPublicGateway).parameters.toEqualTypeOf<[instanceId: string, nodeId: string, body: BindPublicGatewayRequest, options?: CallOptions]>();
    expectTypeOf(dds.bindPublicGateway).returns.resolves.toEqualTypeOf<BindPublicGatewayHandle>();
    expectTypeOf<BindPublicGatewayHandle>().toExtend<BindPublicGatewayResponse>();
    expectTypeOf(bound.instance_id).toEqualTypeOf<string | undefined>();
    expectTypeOf(bound.node_id).toEqualTypeOf<string | undefined>();
    expectTypeOf(bound.external_service_port).toEqualTypeOf<number | undefined>();
    expectTypeOf(bound.wait).returns.resolves.toEqualTypeOf<DdsNodeLocation>();
    expectTypeOf<BindPublicGatewayRequest>().toEqualTypeOf<{ nat_gateway_id: string; public_ip_id: string; external_service_port: number }>();
  });

  it("unbindPublicGateway: (instanceId, nodeId, options?) → a handle carrying the 200 body", () => {
    expectTypeOf(dds.unbindPublicGateway).parameters.toEqualTypeOf<[instanceId: string, nodeId: string, options?: CallOptions]>();
    expectTypeOf(dds.unbindPublicGateway).returns.resolves.toEqualTypeOf<UnbindPublicGatewayHandle>();
    expectTypeOf<UnbindPublicGatewayHandle>().toExtend<UnbindPublicGatewayResponse>();
    expectTypeOf<UnbindPublicGatewayResponse>().toEqualTypeOf<{ instance_id?: string; instance_name?: string; node_id?: string; node_name?: string }>();
  });

  it("listInstances: (query?, options?) → one page; enums are literal unions, nullable fields say so", () => {
    expectTypeOf(dds.listInstances).parameters.toEqualTypeOf<[query?: ListInstancesQuery, options?: CallOptions]>();
    expectTypeOf(dds.listInstances).returns.resolves.toEqualTypeOf<ListInstancesResponse>();
    expectTypeOf<ListInstancesQuery>().toEqualTypeOf<{
      id?: string;
      name?: string;
      tags?: string;
      mode?: "Sharding" | "ReplicaSet" | "Single";
      datastore_type?: "DDS-Community" | "DDS-Enhanced";
      vpc_id?: string;
      subnet_id?: string;
      offset?: number;
      limit?: number;
    }>();
    expectTypeOf(page.total_count).toEqualTypeOf<number | undefined>();
    expectTypeOf(page.instances).toEqualTypeOf<DdsInstance[] | undefined>();
    expectTypeOf<DdsInstance["status"]>().toEqualTypeOf<
      "normal" | "abnormal" | "creating" | "frozen" | "data_disk_full" | "createfail" | "enlargefail" | undefined
    >();
    expectTypeOf<DdsInstance["mode"]>().toEqualTypeOf<"Sharding" | "ReplicaSet" | "Single" | undefined>();
    expectTypeOf<DdsInstance["groups"]>().toEqualTypeOf<DdsGroup[] | undefined>();
    expectTypeOf<DdsInstance["tags"]>().toEqualTypeOf<{ key?: string; value?: string }[] | undefined>();
    expectTypeOf<DdsGroup["nodes"]>().toEqualTypeOf<DdsNode[] | undefined>();
    expectTypeOf<DdsNode["nat_gateway_id"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<DdsNode["external_service_port"]>().toEqualTypeOf<number | null | undefined>();
  });

  it("getNode: (instanceId, nodeId, options?) → the node with its group and instance", () => {
    expectTypeOf(dds.getNode).parameters.toEqualTypeOf<[instanceId: string, nodeId: string, options?: CallOptions]>();
    expectTypeOf(dds.getNode).returns.resolves.toEqualTypeOf<DdsNodeLocation>();
    expectTypeOf<DdsNodeLocation>().toEqualTypeOf<{ instance: DdsInstance; group: DdsGroup; node: DdsNode }>();
  });

  it("a wrong field name, enum value, missing field or extra property does not compile", () => {
    const ok: BindPublicGatewayRequest = { nat_gateway_id: "nat", public_ip_id: "eip", external_service_port: 8635 };
    // @ts-expect-error wrong field name: natGatewayId instead of nat_gateway_id
    const wrongName: BindPublicGatewayRequest = { natGatewayId: "nat", public_ip_id: "eip", external_service_port: 8635 };
    // @ts-expect-error missing required field: external_service_port
    const missing: BindPublicGatewayRequest = { nat_gateway_id: "nat", public_ip_id: "eip" };
    // @ts-expect-error wrong type: the port is a number
    const wrongType: BindPublicGatewayRequest = { nat_gateway_id: "nat", public_ip_id: "eip", external_service_port: "8635" };
    // @ts-expect-error extra property in the request body
    void dds.bindPublicGateway("i", "n", { ...ok, protocol: "tcp" });
    // @ts-expect-error wrong enum case: replicaset is not ReplicaSet
    void dds.listInstances({ mode: "replicaset" });
    // @ts-expect-error unknown query parameter
    void dds.listInstances({ page: 2 });
    // @ts-expect-error limit is a number
    void dds.listInstances({ limit: "10" });
    // @ts-expect-error unbind takes no body
    void dds.unbindPublicGateway("i", "n", ok);
    // @ts-expect-error instance status values are literal
    void (page.instances[0]?.status === "Normal");
    void [ok, wrongName, missing, wrongType];
  });
});
