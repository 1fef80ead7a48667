/**
 * The emulator's APIG answers, checked by apig.yaml through `prism proxy --errors`: instances, ingress IP jobs and
 * their waits, error and authentication answers. What the proxies check: emulator-proxy-fixtures.ts.
 */
import { describe, expect, it } from "vitest";
import { BadRequestError, ConflictError, NotFoundError, tokenAuth } from "../src/index.js";
import { clients, ELB_A, FAST_WAIT, GATEWAY, OTHER_PROJECT, rejection, running, useEmulatorBehindProxies } from "./emulator-proxy-fixtures.js";

const LVS_GATEWAY = "eddc4d25480b4cd6b512f270a1b8b341";

useEmulatorBehindProxies();

describe("emulator behind prism proxy --errors: APIG", () => {
  it("ShowInstance, deregister (waited through the proxy), register back", async () => {
    const { apig } = clients();
    const before = await apig.getInstance(GATEWAY);
    expect(before).toMatchObject({ status: "Running", instance_status: 6 });
    const body = {
      elbs: [
        {
          elb_id: ELB_A,
          public_ips: [
            { type: "v4" as const, ip: "192.0.2.10" },
            { type: "v4" as const, ip: "192.0.2.11" },
          ],
        },
      ],
    };

    const out = await apig.deregisterIngressIps(GATEWAY, body);
    expect(out.job_id).toMatch(/^JOB-[0-9a-f]{32}$/);
    expect((await apig.getInstance(GATEWAY)).status).toBe("Updating");
    const gone = await out.wait(FAST_WAIT);
    expect(gone.publicips?.map((p) => p.ip_address)).not.toContain("192.0.2.10");

    const back = await (await apig.registerIngressIps(GATEWAY, body)).wait(FAST_WAIT);
    expect(back.publicips?.map((p) => p.ip_address)).toEqual(expect.arrayContaining(["192.0.2.10", "192.0.2.11"]));
  });

  it("a failed job: ShowInstance reports UpdateFailed (13)", async () => {
    running().state.failNextJob(GATEWAY);
    const { apig } = clients();
    const out = await apig.deregisterIngressIps(GATEWAY, { elbs: [{ elb_id: ELB_A, private_ips: [{ type: "v4", ip: "192.168.0.10" }] }] });
    const err = await rejection(out.wait(FAST_WAIT));
    expect(err).toMatchObject({ name: "JobFailedError", status: "UpdateFailed" });
    expect(await apig.getInstance(GATEWAY)).toMatchObject({ status: "UpdateFailed", instance_status: 13 });
  });

  it("error answers: 404 APIC.7302, 400 APIC.7211 / 7239 / 7242, 409 APIC.7701", async () => {
    const { apig } = clients({ maxRetries: 0 });
    const one = (ip: string, elb = ELB_A) => ({ elbs: [{ elb_id: elb, public_ips: [{ type: "v4" as const, ip }] }] });
    expect(await rejection(apig.getInstance("ffffffffffffffffffffffffffffffff"))).toMatchObject({ status: 404, code: "APIC.7302" });
    expect(await rejection(apig.registerIngressIps("ffffffffffffffffffffffffffffffff", one("192.0.2.77")))).toBeInstanceOf(NotFoundError);
    expect(await rejection(apig.registerIngressIps(GATEWAY, one("192.0.2.77", "99999999-9999-4999-8999-999999999999")))).toMatchObject({
      status: 400,
      code: "APIC.7211",
    });
    expect(await rejection(apig.deregisterIngressIps(GATEWAY, one("192.0.2.99")))).toMatchObject({ status: 400, code: "APIC.7239" });
    expect(await rejection(apig.registerIngressIps(GATEWAY, one("192.0.2.10")))).toBeInstanceOf(BadRequestError);
    expect(await rejection(apig.registerIngressIps(LVS_GATEWAY, one("192.0.2.77")))).toMatchObject({ status: 400, code: "APIC.7242" });
    await apig.deregisterIngressIps(GATEWAY, one("192.0.2.10"));
    const busy = await rejection(apig.deregisterIngressIps(GATEWAY, one("192.0.2.11")));
    expect(busy).toBeInstanceOf(ConflictError);
    expect(busy).toMatchObject({ code: "APIC.7701" });
  });

  it("authentication answers: 401 APIC.7102 / APIC.7101, 403 APIC.7130", async () => {
    const forged = clients({ auth: tokenAuth("MIIforged"), maxRetries: 0 }).apig;
    expect(await rejection(forged.getInstance(GATEWAY))).toMatchObject({ status: 401, code: "APIC.7102" });
    const expired = clients({ auth: tokenAuth(running().issueToken({ ttlMs: 1 })), maxRetries: 0 }).apig;
    await new Promise((r) => setTimeout(r, 20));
    expect(await rejection(expired.getInstance(GATEWAY))).toMatchObject({ status: 401, code: "APIC.7101" });
    const other = clients({ auth: tokenAuth(running().issueToken({ projectId: OTHER_PROJECT.id })), maxRetries: 0 }).apig;
    expect(await rejection(other.deregisterIngressIps(GATEWAY, { elbs: [{ elb_id: ELB_A, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] }))).toMatchObject({
      status: 403,
      code: "APIC.7130",
    });
  });
});
