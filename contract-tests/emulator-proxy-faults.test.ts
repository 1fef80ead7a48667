/**
 * The emulator's injected faults behind `prism proxy --errors`: throttling and 500 answers must conform too, and a
 * corrupted answer must be caught by Prism, so a proxy that stops checking fails here. What the proxies check:
 * emulator-proxy-fixtures.ts.
 */
import { describe, expect, it } from "vitest";
import { InternalServerError, tokenAuth } from "../src/index.js";
import type { OperationId } from "../src/emulator/index.js";
import {
  type Api,
  clients,
  ELB_A,
  GATEWAY,
  passwordBody,
  PRIMARY,
  REPLICA_SET,
  rejection,
  RULE,
  running,
  SECONDARY,
  seen,
  useEmulatorBehindProxies,
} from "./emulator-proxy-fixtures.js";

useEmulatorBehindProxies();

describe("emulator behind prism proxy --errors: injected faults", () => {
  it.each<[Api, OperationId]>([
    ["apig", "ShowInstance"],
    ["dds", "ListInstances"],
    ["iam", "CreateTokenByPassword"],
  ])("%s: a 429 burst with Retry-After conforms, and the SDK retries through it", async (_api, operation) => {
    const { apig, dds, iam } = clients();
    if (operation !== "CreateTokenByPassword") await iam.createTokenByPassword(passwordBody()); // warm the token before faults
    running().setFaults({ throttle: { count: 1, retryAfterSec: 1 }, only: { operations: [operation] } });
    if (operation === "ShowInstance") expect((await apig.getInstance(GATEWAY)).id).toBe(GATEWAY);
    if (operation === "ListInstances") expect((await dds.listInstances()).total_count).toBe(2);
    if (operation === "CreateTokenByPassword") expect((await iam.createTokenByPassword(passwordBody())).token).toMatch(/^MIIemu/);
    expect(seen.map((s) => s.status)).toContain(429);
  });

  it("500 answers of each service conform", async () => {
    const { iam } = clients({ maxRetries: 0 });
    const token = (await iam.createTokenByPassword(passwordBody())).token;
    const withToken = clients({ auth: tokenAuth(token), maxRetries: 0 });
    running().setFaults({ errors: { rate: 1, statuses: [500] } });
    expect(await rejection(withToken.apig.getInstance(GATEWAY))).toMatchObject({ status: 500, code: "APIC.9000" });
    expect(
      await rejection(withToken.apig.registerIngressIps(GATEWAY, { elbs: [{ elb_id: ELB_A, public_ips: [{ type: "v4", ip: "192.0.2.77" }] }] })),
    ).toBeInstanceOf(InternalServerError);
    expect(await rejection(withToken.dds.bindPublicGateway(REPLICA_SET, SECONDARY, RULE))).toMatchObject({ status: 500, code: "APIGW.0201" });
    expect(await rejection(iam.createTokenByPassword(passwordBody()))).toMatchObject({ status: 500, code: "IAM.0006" });
  });
});

describe("emulator behind prism proxy --errors: a non-conforming answer is caught", () => {
  it.each<[OperationId, string]>([
    ["ShowInstance", "status"],
    ["ListInstances", "total_count"],
    ["CreateTokenByPassword", "methods"],
    ["RegisterIngressIps", "job_id"],
    ["UnbindPublicGateway", "node_id"],
  ])("a corrupted %s answer becomes Prism's 500 VIOLATIONS, which the SDK surfaces as InternalServerError", async (operation, field) => {
    const { apig, dds, iam } = clients({ maxRetries: 0 });
    if (operation !== "CreateTokenByPassword") await iam.createTokenByPassword(passwordBody());
    running().setFaults({ corrupt: { count: 1, operation } });
    const call: Record<string, () => Promise<unknown>> = {
      ShowInstance: () => apig.getInstance(GATEWAY),
      ListInstances: () => dds.listInstances(),
      CreateTokenByPassword: () => iam.createTokenByPassword(passwordBody()),
      RegisterIngressIps: () => apig.registerIngressIps(GATEWAY, { elbs: [{ elb_id: ELB_A, public_ips: [{ type: "v4", ip: "192.0.2.77" }] }] }),
      UnbindPublicGateway: () => dds.unbindPublicGateway(REPLICA_SET, PRIMARY),
    };
    const err = await rejection((call[operation] as () => Promise<unknown>)());
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.status).toBe(500);
    const body = err.body as { type?: string; title?: string; validation?: { location?: string[]; message?: string }[] };
    expect(body.type).toMatch(/#VIOLATIONS$/);
    expect(body.title).toBe("Request/Response not valid");
    expect(JSON.stringify(body.validation)).toContain(field);
    expect(running().faults.corrupt?.count).toBe(0);

    // The check itself saw it; the caught answer is the expected one, everything else conformed.
    const caught = seen.filter((s) => s.contentType.includes("problem+json") || s.violations !== null);
    expect(caught.map((s) => s.status)).toEqual([500]);
    seen.splice(0, seen.length, ...seen.filter((s) => !caught.includes(s)));
    // The corruption was one answer only: the next one conforms again.
    expect((await apig.getInstance(GATEWAY)).id).toBe(GATEWAY);
  });
});
