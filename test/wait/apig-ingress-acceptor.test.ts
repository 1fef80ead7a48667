/**
 * The APIG ingress acceptor as pure functions, without a client or timers: failure statuses, IP canonical form, and
 * the success rule checked as a property.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalIp, evaluateIngress, ingressExpectations, isFailedGatewayStatus } from "../../src/services/apig.js";
import { IP } from "./apig-ingress-fixtures.js";
import { ELB, gateway } from "./fake-cloud.js";

describe("acceptor (pure)", () => {
  it("classifies failure statuses", () => {
    for (const s of ["UpdateFailed", "RestartFail", "CreateFail", "UnRegisterFailed", "InstallTimeout", "Unhealthy"])
      expect(isFailedGatewayStatus(s)).toBe(true);
    for (const s of ["Running", "Updating", "Restarting", "Frozen", "Creating", "RollbackSuccess"]) expect(isFailedGatewayStatus(s)).toBe(false);
  });

  it("canonicalises IPv6 and leaves IPv4 alone", () => {
    expect(canonicalIp("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(canonicalIp(" 192.0.2.1 ")).toBe("192.0.2.1");
    expect(canonicalIp("not:an:ip")).toBe("not:an:ip");
  });

  it("property: success iff status is Running and every visible address is in the expected state", () => {
    const pool = ["192.0.2.1", "192.0.2.2", "2001:db8::1", "2001:db8::2"];
    const statuses = ["Running", "Updating", "UpdateFailed", "Restarting", "Unhealthy", "RestartTimeout"];
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        fc.subarray(pool),
        fc.subarray(pool, { minLength: 1 }),
        fc.boolean(),
        fc.constantFrom("public" as const, "private" as const, "global" as const),
        (status, listed, wanted, registered, kind) => {
          const details = gateway(
            status,
            listed.filter((_, i) => i % 2 === 0),
            {
              privateips: listed.filter((_, i) => i % 2 === 1).map((ip) => (ip.includes(":") ? { ipv6_address: ip } : { ip_address: ip })),
              ingress_ip: "10.0.0.1",
            },
          );
          const ips = ingressExpectations({
            elbs: [
              { elb_id: ELB, [`${kind === "global" ? "global_eips" : `${kind}_ips`}`]: wanted.map((ip) => ({ type: ip.includes(":") ? "v6" : "v4", ip })) },
            ],
          });
          const verdict = evaluateIngress(details, { registered, ips });
          const addressesOk = kind === "global" || wanted.every((ip) => listed.includes(ip) === registered);
          if (isFailedGatewayStatus(status)) return verdict.state === "failure";
          return (verdict.state === "success") === (status === "Running" && addressesOk) && (verdict.pending?.length === 0) === (verdict.state === "success");
        },
      ),
    );
  });

  it("tolerates malformed details without throwing", () => {
    const expectation = { registered: false, ips: [{ elbId: ELB, kind: "public" as const, type: "v4" as const, ip: IP }] };
    expect(evaluateIngress({ id: "x", publicips: "nope", privateips: [null, 3] } as never, expectation)).toEqual({
      state: "retry",
      status: undefined,
      pending: ["gateway status is unknown"],
    });
  });
});
