import { describe, expect, it } from "vitest";
import { canonicalIp, evaluateIngress, type IngressIpExpectation, type InstanceDetails, isFailedGatewayStatus } from "../../src/services/apig.js";

// The acceptor reads whatever ShowInstance answered: a gateway mid-change, or a body that is not what the spec
// says. It must judge it, never throw (a throw would end the wait with a TypeError instead of a retry).

const ELB = "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab";
const ip = (address: string, type: "v4" | "v6" = "v4"): IngressIpExpectation => ({ elbId: ELB, kind: "public", type, ip: address });
const deregistering = { registered: false, ips: [ip("192.0.2.10")] };

describe("evaluateIngress on malformed details", () => {
  it.each([
    ["null", null],
    ["undefined", undefined],
  ])("%s details is a retry with unknown status, not a TypeError", (_, details) => {
    expect(evaluateIngress(details as unknown as InstanceDetails, deregistering)).toEqual({
      state: "retry",
      status: undefined,
      pending: ["gateway status is unknown"],
    });
    expect(evaluateIngress(details as unknown as InstanceDetails, { registered: true, ips: [ip("192.0.2.10")] })).toEqual({
      state: "retry",
      status: undefined,
      pending: ["gateway status is unknown", "192.0.2.10 not registered yet"],
    });
  });

  it("a status that is not a string is unknown (it is neither reported nor matched as a failure)", () => {
    for (const status of [6, null, { code: "Running" }, ["UpdateFailed"]]) {
      expect(evaluateIngress({ status, publicips: [] } as unknown as InstanceDetails, deregistering)).toEqual({
        state: "retry",
        status: undefined,
        pending: ["gateway status is unknown"],
      });
    }
  });

  it("an empty address field lists no address", () => {
    const details = { status: "Running", ingress_ip: "", ingress_ip_v6: "", publicips: [{ ip_address: "", ipv6_address: "" }] } as InstanceDetails;
    // nothing is listed, so an address the expectation names as "" is not registered yet ...
    expect(evaluateIngress(details, { registered: true, ips: [ip("")] })).toEqual({ state: "retry", status: "Running", pending: [" not registered yet"] });
    // ... and is already gone
    expect(evaluateIngress(details, { registered: false, ips: [ip("")] })).toEqual({ state: "success", status: "Running", pending: [] });
  });

  it("reads every address field: ingress_ip, ingress_ip_v6, and ip_address / ipv6_address of both lists", () => {
    const details = {
      status: "Running",
      ingress_ip: "198.51.100.1",
      ingress_ip_v6: "2001:db8::1",
      publicips: [{ ip_address: "198.51.100.2" }, "junk", null, { ipv6_address: "2001:db8::2" }],
      privateips: [{ ip_address: "198.51.100.3", ipv6_address: "2001:db8::3" }],
    } as unknown as InstanceDetails;
    const all = ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
      .map((a) => ip(a))
      .concat(["2001:db8::1", "2001:db8::2", "2001:db8::3"].map((a) => ip(a, "v6")));
    expect(evaluateIngress(details, { registered: true, ips: all })).toEqual({ state: "success", status: "Running", pending: [] });
    expect(evaluateIngress(details, { registered: false, ips: all }).pending).toEqual(all.map((e) => `${e.ip} still registered`));
  });

  it("address lists that are not arrays list nothing", () => {
    const details = { status: "Running", publicips: "198.51.100.2", privateips: { ip_address: "198.51.100.2" } } as unknown as InstanceDetails;
    expect(evaluateIngress(details, { registered: false, ips: [ip("198.51.100.2")] })).toEqual({ state: "success", status: "Running", pending: [] });
  });
});

describe("isFailedGatewayStatus", () => {
  it("matches Fail / Failed only at the end: a status that merely starts with them is not a failure", () => {
    for (const s of ["CreateFail", "RestartFail", "UpdateFailed", "UnRegisterFailed"]) expect(isFailedGatewayStatus(s)).toBe(true);
    for (const s of ["Failover", "FailedOverRunning", "FailbackUpdating", "UpdateFailedRollbacking"]) expect(isFailedGatewayStatus(s)).toBe(false);
  });

  it("a status that starts with Failed but goes on is not a failure in the acceptor either", () => {
    expect(evaluateIngress({ status: "FailoverUpdating" } as unknown as InstanceDetails, deregistering)).toEqual({
      state: "retry",
      status: "FailoverUpdating",
      pending: ["gateway status is FailoverUpdating"],
    });
  });
});

describe("canonicalIp on text that is not an IPv6 literal", () => {
  it("text without a colon is returned as it is (trimmed, lower-cased), never read through the URL parser", () => {
    // inside `http://[…]/` this text is a valid URL whose host is example.com: it must not come out as a piece of it
    expect(URL.canParse("http://[1]@example.com/[]/")).toBe(true);
    expect(canonicalIp("1]@example.com/[")).toBe("1]@example.com/[");
    expect(canonicalIp(" X]@B.C/[ ")).toBe("x]@b.c/[");
    expect(canonicalIp("]@a/[")).toBe("]@a/[");
  });
});
