import { describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, BadRequestError, type InstanceDetails } from "../../src/index.js";
import { apigPath, emulator, raw, recordingLogger, rejection, SEED, tokenClients, until } from "./support.js";
import { defaultSeed } from "../../src/emulator/index.js";

const twoPublic = {
  elbs: [
    {
      elb_id: SEED.elbA,
      public_ips: [
        { type: "v4" as const, ip: "192.0.2.10" },
        { type: "v4" as const, ip: "192.0.2.11" },
      ],
    },
  ],
};
const publicV4 = (d: InstanceDetails) => (d.publicips ?? []).map((p) => p.ip_address).filter((x): x is string => x !== undefined);

describe("emulator: APIG ShowInstance", () => {
  it("answers InstanceDetails built from the seed", async () => {
    const emu = await emulator();
    const { apig } = tokenClients(emu);
    const details = await apig.getInstance(SEED.gateway);
    expect(details).toMatchObject({
      id: SEED.gateway,
      instance_name: "apig-nlb-prod",
      status: "Running",
      instance_status: 6,
      loadbalancer_provider: "elb",
      ingress_ip: "192.168.0.100",
      ingress_ip_v6: "2001:db8:100::100",
      unreliable_ips: [],
      cbc_operation_locks: [],
    });
    expect(details.publicips).toEqual([
      { ip_address: "192.0.2.10", bandwidth_size: 5 },
      { ip_address: "192.0.2.11", bandwidth_size: 5 },
      { ipv6_address: "2001:db8::10", bandwidth_size: 5 },
      { ip_address: "198.51.100.7", bandwidth_size: 10 },
    ]);
    expect(details.privateips).toEqual([{ ip_address: "192.168.0.10" }]);
  });

  it("answers 404 APIC.7302 for an unknown gateway", async () => {
    const emu = await emulator();
    const { apig } = tokenClients(emu);
    const err = await rejection(apig.getInstance("ffffffffffffffffffffffffffffffff"));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ status: 404, code: "APIC.7302", message: "Instance not found" });
    expect(err.requestId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("emulator: APIG ingress jobs", () => {
  it("deregisters: 202 with a JOB- id, Updating (12) while the job runs, then Running (6) with the addresses gone", async () => {
    const emu = await emulator({ jobDelayMs: 1000 });
    const { apig } = tokenClients(emu);
    const job = await apig.deregisterIngressIps(SEED.gateway, twoPublic);
    expect(job.job_id).toMatch(/^JOB-[0-9a-f]{32}$/);
    expect(job.instance_id).toBe(SEED.gateway);
    expect(job.message).toBe(`JOB_ASSIGNED_FOR_UPDATE_0077I:The job ${job.job_id} is assigned to the instance ${SEED.gateway} for running updating`);

    const during = await apig.getInstance(SEED.gateway);
    expect(during).toMatchObject({ status: "Updating", instance_status: 12 });
    expect(publicV4(during)).toContain("192.0.2.10"); // not applied before the job ends

    const after = await until(
      () => apig.getInstance(SEED.gateway),
      (d) => d.status === "Running",
    );
    expect(after.instance_status).toBe(6);
    expect(publicV4(after)).toEqual(["198.51.100.7"]);
    expect(after.publicips).toContainEqual({ ipv6_address: "2001:db8::10", bandwidth_size: 5 });
    expect(emu.state.jobs.get(job.job_id ?? "")).toMatchObject({ status: "Succeeded", action: "unregister" });
  });

  it("registers them back, and the SDK's own wait() sees the job through", async () => {
    const emu = await emulator({ jobDelayMs: 150 });
    const { apig } = tokenClients(emu);
    await (await apig.deregisterIngressIps(SEED.gateway, twoPublic)).wait({ minDelayMs: 50, maxWaitMs: 5000 });
    const handle = await apig.registerIngressIps(SEED.gateway, twoPublic);
    const details = await handle.wait({ minDelayMs: 50, maxWaitMs: 5000 });
    expect(details.status).toBe("Running");
    expect(publicV4(details)).toEqual(expect.arrayContaining(["192.0.2.10", "192.0.2.11"]));
  });

  it("handles private, IPv6 (in any spelling) and global EIP addresses", async () => {
    const emu = await emulator({ jobDelayMs: 0 });
    const { apig } = tokenClients(emu);
    await apig.deregisterIngressIps(SEED.gateway, {
      elbs: [
        { elb_id: SEED.elbA, public_ips: [{ type: "v6", ip: "2001:0db8:0:0:0:0:0:0010" }], private_ips: [{ type: "v4", ip: "192.168.0.10" }] },
        { elb_id: SEED.elbB, global_eips: [{ type: "v4", ip: "203.0.113.50" }] },
      ],
    });
    const after = await until(
      () => apig.getInstance(SEED.gateway),
      (d) => d.status === "Running",
    );
    expect(after.privateips).toEqual([]);
    expect(after.publicips?.some((p) => p.ipv6_address !== undefined)).toBe(false);
    expect(emu.state.gateways.get(SEED.gateway)?.elbs[1]?.addresses.global_eips).toEqual([]);
  });

  it("answers 409 APIC.7701 while the gateway is Updating", async () => {
    const emu = await emulator({ jobDelayMs: 2000 });
    const { apig } = tokenClients(emu, { maxRetries: 0 });
    await apig.deregisterIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] });
    const err = await rejection(apig.deregisterIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.11" }] }] }));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ status: 409, code: "APIC.7701" });
  });

  it("answers 409 APIC.7712 while a billing order locks the gateway, shows the lock, and the SDK does not retry it", async () => {
    const seed = defaultSeed();
    const gw = seed.apig?.gateways[0];
    if (!gw) throw new Error("seed gateway missing");
    gw.cbcOperationLocks = [{ lockScene: "TO_PERIOD_LOCK", lockSourceId: "CS2312011200ABCDE" }];
    const emu = await emulator({ seed });
    const logger = recordingLogger();
    const { apig } = tokenClients(emu, { logger });
    const details = await apig.getInstance(SEED.gateway);
    expect(details.cbc_operation_locks).toEqual([{ lock_scene: "TO_PERIOD_LOCK", lock_source_id: "CS2312011200ABCDE" }]);
    const err = await rejection(apig.deregisterIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] }));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ status: 409, code: "APIC.7712", message: "The gateway operation has already been locked." });
    expect(logger.lines.filter((l) => l.includes("retry"))).toEqual([]);
    expect(emu.state.jobs.size).toBe(0);
  });

  it("lets the SDK retry a 409 until the previous job ended", async () => {
    const emu = await emulator({ jobDelayMs: 300 });
    const logger = recordingLogger();
    const { apig } = tokenClients(emu, { logger });
    await apig.deregisterIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] });
    const second = await apig.deregisterIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.11" }] }] });
    expect(second.job_id).toMatch(/^JOB-/);
    expect(logger.lines.some((l) => l.includes("409 APIC.7701; retry 1/2"))).toBe(true);
  });

  it("fails the job when the seed says so: UpdateFailed (13), addresses unchanged, and a later job may retry", async () => {
    const emu = await emulator({
      jobDelayMs: 50,
      seed: {
        projectId: SEED.project,
        users: [{ domainName: SEED.domain, userName: SEED.user, password: SEED.password }],
        apig: { gateways: [{ id: SEED.gateway, name: "gw", failNextJob: true, elbs: [{ id: SEED.elbA, publicIps: [{ type: "v4", ip: "192.0.2.10" }] }] }] },
      },
    });
    const { apig } = tokenClients(emu);
    const body = { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4" as const, ip: "192.0.2.10" }] }] };
    await apig.deregisterIngressIps(SEED.gateway, body);
    const failed = await until(
      () => apig.getInstance(SEED.gateway),
      (d) => d.status !== "Updating",
    );
    expect(failed).toMatchObject({ status: "UpdateFailed", instance_status: 13 });
    expect(publicV4(failed)).toEqual(["192.0.2.10"]);

    await apig.deregisterIngressIps(SEED.gateway, body);
    const ok = await until(
      () => apig.getInstance(SEED.gateway),
      (d) => d.status !== "Updating",
    );
    expect(ok.status).toBe("Running");
    expect(publicV4(ok)).toEqual([]);
  });

  it("uses a gateway's own jobDelayMs, and failNextJob can be set at run time", async () => {
    const emu = await emulator({ jobDelayMs: 60_000 });
    const gw = emu.state.gateways.get(SEED.gateway);
    if (!gw) throw new Error("seed gateway missing");
    gw.jobDelayMs = 20;
    emu.state.failNextJob(SEED.gateway);
    const { apig } = tokenClients(emu);
    await apig.deregisterIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] });
    expect(
      (
        await until(
          () => apig.getInstance(SEED.gateway),
          (d) => d.status !== "Updating",
        )
      ).status,
    ).toBe("UpdateFailed");
  });
});

describe("emulator: APIG ingress errors", () => {
  const put = async (emu: Awaited<ReturnType<typeof emulator>>, body: unknown, instance: string = SEED.gateway, route = "ingress-unregister") =>
    raw(emu, "PUT", apigPath(instance, `/${route}`), { token: emu.issueToken(), body });

  it.each([
    ["a body that is not JSON", "{", "body"],
    ["no elbs", {}, "elbs"],
    ["an unknown top-level field", { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }], extra: 1 }, "extra"],
    ["empty elbs", { elbs: [] }, "elbs"],
    ["11 ELBs", { elbs: Array.from({ length: 11 }, () => ({ elb_id: SEED.elbA })) }, "elbs"],
    ["a short elb_id", { elbs: [{ elb_id: "short", public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] }, "elb_id"],
    ["the same ELB twice", { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }, { elb_id: SEED.elbA }] }, "elb_id"],
    [
      "three public addresses",
      { elbs: [{ elb_id: SEED.elbA, public_ips: ["192.0.2.1", "192.0.2.2", "192.0.2.3"].map((ip) => ({ type: "v4", ip })) }] },
      "public_ips",
    ],
    ["a bad type", { elbs: [{ elb_id: SEED.elbA, private_ips: [{ type: "v5", ip: "192.0.2.10" }] }] }, "type"],
    ["a missing ip", { elbs: [{ elb_id: SEED.elbA, global_eips: [{ type: "v4" }] }] }, "ip"],
    ["an unknown ELB field", { elbs: [{ elb_id: SEED.elbA, public_ip: [] }] }, "public_ip"],
    [
      "the same address twice",
      { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }], private_ips: [{ type: "v4", ip: "192.0.2.10" }] }] },
      "ip",
    ],
    ["no address at all", { elbs: [{ elb_id: SEED.elbA }] }, "elbs"],
    [
      "an ELB the gateway does not have",
      { elbs: [{ elb_id: "99999999-9999-4999-8999-999999999999", public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] },
      "elb_id",
    ],
  ])("answers 400 APIC.7211 naming the parameter for %s", async (_name, body, parameter) => {
    const emu = await emulator();
    const res = await put(emu, body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error_code: "APIC.7211", error_msg: `Parameter value does not match the rules, parameter name[${parameter}]` });
    expect(emu.state.gateways.get(SEED.gateway)?.status).toBe("Running");
  });

  it.each([
    ["v4", "2001:db8::1"],
    ["v6", "192.0.2.1"],
    ["v4", "192.0.2.256"],
  ])("answers 400 APIC.7239 when an address is not a %s literal (%s)", async (type, ip) => {
    const emu = await emulator();
    const res = await put(emu, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type, ip }] }] });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe("APIC.7239");
    expect(res.json.error_msg).toContain(ip);
  });

  it("answers 400 APIC.7239 for deregistering an address that is not registered (as that kind, on that ELB)", async () => {
    const emu = await emulator();
    const { apig } = tokenClients(emu);
    for (const body of [
      { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4" as const, ip: "192.0.2.99" }] }] },
      { elbs: [{ elb_id: SEED.elbA, private_ips: [{ type: "v4" as const, ip: "192.0.2.10" }] }] },
      { elbs: [{ elb_id: SEED.elbB, public_ips: [{ type: "v4" as const, ip: "192.0.2.10" }] }] },
    ]) {
      const err = await rejection(apig.deregisterIngressIps(SEED.gateway, body));
      expect(err).toBeInstanceOf(BadRequestError);
      expect(err).toMatchObject({ status: 400, code: "APIC.7239" });
      expect(err.message).toMatch(/is not registered as (public|private)_ips on ELB/);
    }
    expect(emu.state.jobs.size).toBe(0);
  });

  it("answers 400 APIC.7239 for registering an address the gateway already has", async () => {
    const emu = await emulator();
    const { apig } = tokenClients(emu);
    const err = await rejection(apig.registerIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbB, private_ips: [{ type: "v4", ip: "192.0.2.10" }] }] }));
    expect(err).toMatchObject({ status: 400, code: "APIC.7239", message: "Invalid IP address: 192.0.2.10 is already registered on the gateway" });
  });

  it("answers 400 APIC.7242 for a gateway that is not NLB-series (lvs)", async () => {
    const emu = await emulator();
    const { apig } = tokenClients(emu);
    const err = await rejection(apig.registerIngressIps(SEED.lvsGateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.77" }] }] }));
    expect(err).toMatchObject({ status: 400, code: "APIC.7242" });
  });

  it("answers 404 APIC.7302 for an unknown gateway after the body passed", async () => {
    const emu = await emulator();
    const res = await put(
      emu,
      { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] },
      "ffffffffffffffffffffffffffffffff",
      "ingress-register",
    );
    expect(res).toMatchObject({ status: 404, json: { error_code: "APIC.7302", error_msg: "Instance not found" } });
  });

  it("answers 409 APIC.7701 for a gateway in a state other than Running or UpdateFailed", async () => {
    const emu = await emulator();
    const gw = emu.state.gateways.get(SEED.gateway);
    if (!gw) throw new Error("seed gateway missing");
    gw.status = "Frozen";
    const res = await put(emu, twoPublic);
    expect(res).toMatchObject({ status: 409, json: { error_code: "APIC.7701" } });
    expect((await tokenClients(emu).apig.getInstance(SEED.gateway)).instance_status).toBe(37);
  });
});
