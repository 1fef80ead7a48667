import { describe, expect, it } from "vitest";
import { evaluateGateway, type DdsNodeLocation } from "../../src/services/dds.js";

const NODE = "52a4c096bb1f455d8d866956a959519eno02";
const NAT = "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f4c68";
const EIP = "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25";
const BOUND = { bound: true, natGatewayId: NAT, externalServicePort: 8635, publicIpId: EIP } as const;
const UNBOUND = { bound: false } as const;
const at = (location: unknown) => location as DdsNodeLocation;

describe("evaluateGateway on partial observations", () => {
  it.each([
    ["no location at all", undefined],
    ["a null location", null],
    ["a location without instance and node", {}],
    ["null instance and node", { instance: null, group: null, node: null }],
  ])("reads %s as a node without gateway: unbind done, bind pending", (_what, location) => {
    expect(evaluateGateway(at(location), UNBOUND)).toEqual({ state: "success", status: undefined, pending: [] });
    expect(evaluateGateway(at(location), BOUND)).toEqual({
      state: "retry",
      status: undefined,
      pending: [`nat_gateway_id is not set, expected ${NAT}`, "external_service_port is not set, expected 8635"],
    });
  });

  it("reads the node's fields when the location has no instance", () => {
    const location = at({ node: { id: NODE, status: "normal", nat_gateway_id: NAT, external_service_port: 8635 } });
    expect(evaluateGateway(location, BOUND)).toEqual({ state: "success", status: undefined, pending: [] });
    expect(evaluateGateway(location, UNBOUND)).toEqual({
      state: "retry",
      status: undefined,
      pending: [`nat_gateway_id ${NAT} still bound`, "external_service_port 8635 still set"],
    });
  });

  it("judges the instance's status when the location has no node", () => {
    expect(evaluateGateway(at({ instance: { status: "normal" } }), UNBOUND)).toEqual({ state: "success", status: "normal", pending: [] });
    expect(evaluateGateway(at({ instance: { status: "abnormal" } }), UNBOUND)).toEqual({
      state: "failure",
      status: "abnormal",
      pending: [],
      reason: "instance status is abnormal",
    });
  });

  it.each([
    ["a number", 3],
    ["an object", { code: "abnormal" }],
    ["null", null],
  ])("reports no status for an instance status that is %s", (_what, status) => {
    const location = at({ instance: { status }, node: { id: NODE, status: "normal" } });
    expect(evaluateGateway(location, UNBOUND)).toEqual({ state: "success", status: undefined, pending: [] });
  });

  it("fails on an abnormal node of a normal instance, naming the node", () => {
    const location = at({ instance: { status: "normal" }, node: { id: NODE, status: "abnormal" } });
    expect(evaluateGateway(location, UNBOUND)).toEqual({ state: "failure", status: "abnormal", pending: [], reason: `node ${NODE} status is abnormal` });
  });
});
