import { describe, expect, it } from "vitest";
import { ValidationError, type ValidationIssue } from "../../src/errors.js";
import { parseDdsWaitState } from "../../src/services/dds.js";
import { WAIT_STATE_FORMAT } from "../../src/wait/state.js";

const ENDPOINT = "https://dds.cn-north-4.myhuaweicloud.com";
const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const DB = "9136fd2a9fcd405ea4674276ce36dae8in02";
const NODE = "52a4c096bb1f455d8d866956a959519eno02";
const NAT = "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f4c68";
const EIP = "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25";

const common = {
  format: WAIT_STATE_FORMAT,
  service: "dds",
  endpoint: ENDPOINT,
  projectId: PROJECT,
  instanceId: DB,
  nodeId: NODE,
  startedAt: "2026-01-02T03:04:05.000Z",
};
const unbindState = { ...common, operation: "unbindPublicGateway", expect: { bound: false } };
const bindExpect = { bound: true, natGatewayId: NAT, externalServicePort: 8635, publicIpId: EIP };
const bindState = (expect: Record<string, unknown> = {}) => ({ ...common, operation: "bindPublicGateway", expect: { ...bindExpect, ...expect } });

const parse = (input: unknown) => parseDdsWaitState(input, ENDPOINT, PROJECT);
function issuesOf(input: unknown): readonly ValidationIssue[] {
  try {
    parse(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).issues;
  }
  throw new Error("expected a ValidationError");
}
const PORT_ISSUE = { path: "state.expect.externalServicePort", keyword: "maximum", message: "must be an integer from 1 to 65535" };

describe("parseDdsWaitState", () => {
  it("reads an unbind state back as an expectation of no gateway, dropping unknown fields", () => {
    const state = parse({ ...unbindState, expect: { bound: false, natGatewayId: NAT }, extra: 1 });
    expect(state).toStrictEqual({ ...unbindState, expect: { bound: false } });
  });

  it("reads an unbind state from JSON text", () => {
    expect(parse(JSON.stringify(unbindState)).expect).toStrictEqual({ bound: false });
  });

  it("reads a bind state back with the bound values", () => {
    expect(parse(bindState())).toStrictEqual(bindState());
  });

  it.each([
    ["without expect", (({ expect: _e, ...rest }) => rest)(unbindState)],
    ["with expect null", { ...unbindState, expect: null }],
    ["with expect a list", { ...bindState(), expect: [true] }],
  ])("reports a state %s once, at state.expect, not also its missing bound flag", (_what, input) => {
    expect(issuesOf(input).map((i) => i.path)).toEqual(["state.expect"]);
  });

  it("names each missing text of a bind expectation at its own path", () => {
    const input = bindState({ natGatewayId: undefined, publicIpId: "" });
    expect(issuesOf(input)).toEqual([
      { path: "state.expect.natGatewayId", keyword: "type", message: "must be a non-empty string" },
      { path: "state.expect.publicIpId", keyword: "type", message: "must be a non-empty string" },
    ]);
  });

  it.each([1, 22, 65535])("accepts the port %d", (port) => {
    expect(parse(bindState({ externalServicePort: port })).expect).toEqual({ ...bindExpect, externalServicePort: port });
  });

  it.each([
    ["0", 0],
    ["a negative port", -1],
    ["65536", 65536],
    ["a fraction", 1.5],
    ["a fraction in range", 8635.5],
    ["the port as text", "8635"],
    ["no port", undefined],
    ["NaN", Number.NaN],
  ])("refuses %s as the bound port", (_what, port) => {
    expect(issuesOf(bindState({ externalServicePort: port }))).toEqual([PORT_ISSUE]);
  });

  it("does not check bind values for an unbind state", () => {
    expect(parse({ ...unbindState, expect: { bound: false, externalServicePort: 0, natGatewayId: "" } }).expect).toStrictEqual({ bound: false });
  });
});
