/**
 * The emulator checked by the specs: `prism proxy --errors` runs in front of it (one proxy per spec), and the SDK
 * talks to the proxies, so every request and every emulator answer in this file is validated against
 * openapi/*.yaml. A response that breaks its spec becomes Prism's 500 VIOLATIONS answer, and any `sl-violations`
 * header or Prism-generated problem+json answer fails the test (see `afterEach`).
 *
 * Authentication is by IAM token (issued by the emulator through the IAM proxy): Prism drops the `Host` header
 * when forwarding, so an AK/SK signature (which signs `host`) cannot verify behind it; signatures are covered by
 * test/emulator/iam-auth.test.ts.
 */
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createApigClient,
  createDdsClient,
  createIamClient,
  InternalServerError,
  NotFoundError,
  passwordAuth,
  PermissionDeniedError,
  tokenAuth,
  type AuthStrategy,
  type Logger,
} from "../src/index.js";
import { startEmulator, type Emulator, type OperationId } from "../src/emulator/index.js";
// @ts-expect-error plain ESM script without types
import { startPrism, SPECS } from "../scripts/prism.mjs";

type Api = "apig" | "dds" | "iam";
type Running = { url: string; stop: () => Promise<void>; output: () => string };

const ROOT = path.resolve(import.meta.dirname, "..");
const APIS: readonly Api[] = ["apig", "dds", "iam"];
const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const OTHER_PROJECT = { id: "9a8b7c6d5e4f30211203f4e5d6c7b8a9", name: "ap-southeast-1" };
const USER = { domainName: "hwgw-demo", userName: "demo-user", password: "Emulator-Demo-Passw0rd" };
const GATEWAY = "6a7d71827fd54572b1f31aa9548fcc81";
const LVS_GATEWAY = "eddc4d25480b4cd6b512f270a1b8b341";
const ELB_A = "85392b45-685c-4f77-b19a-14ad875b8190";
const REPLICA_SET = "9136fd2a9fcd405ea4674276ce36dae8in02";
const PRIMARY = "52a4c096bb1f455d8d866956a959519eno02";
const SECONDARY = "7c3f1e2d9a8b4c5d6e7f8091a2b3c4d5no02";
const HIDDEN = "e1d2c3b4a5968778695a4b3c2d1e0f9ano02";
const CLUSTER = "d87f5b33049144ec95f0cab0a5f22cfbin02";
const MONGOS = "a1b2c3d4e5f60718293a4b5c6d7e8f90no02";
const RULE = { nat_gateway_id: "3f9c2b7e-6d41-4a8e-9b0c-000000000001", public_ip_id: "8c1e5a3d-2b7f-4e90-a6d4-000000000001", external_service_port: 27017 };
const FAST_WAIT = { minDelayMs: 50, maxDelayMs: 200, maxWaitMs: 10_000 };

let emu: Emulator | undefined;
const proxies: Partial<Record<Api, Running>> = {};

/** What came back through a proxy. */
interface Seen {
  request: string;
  status: number;
  violations: string | null;
  contentType: string;
}
const seen: Seen[] = [];

/** The SDK's fetch: records Prism's verdict on every exchange. */
const checkingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  seen.push({
    request: `${init?.method ?? "GET"} ${url.pathname}${url.search}`,
    status: res.status,
    violations: res.headers.get("sl-violations"),
    contentType: res.headers.get("content-type") ?? "",
  });
  return res;
};

const quiet: Logger = { error() {}, warn() {}, info() {}, debug() {} };

function proxyUrl(api: Api): string {
  const p = proxies[api];
  if (!p) throw new Error(`the ${api} proxy is not running`);
  return p.url;
}

function running(): Emulator {
  if (!emu) throw new Error("the emulator is not running");
  return emu;
}

/** SDK clients whose every request goes through the proxies. */
function clients(options: { auth?: AuthStrategy; maxRetries?: number } = {}) {
  const auth = options.auth ?? passwordAuth({ ...USER, projectId: PROJECT, iamEndpoint: proxyUrl("iam"), maxRetries: 0 });
  const common = {
    projectId: PROJECT,
    auth,
    fetch: checkingFetch,
    logger: quiet,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  };
  return {
    apig: createApigClient({ ...common, endpoint: proxyUrl("apig") }),
    dds: createDdsClient({ ...common, endpoint: proxyUrl("dds") }),
    iam: createIamClient({
      endpoint: proxyUrl("iam"),
      fetch: checkingFetch,
      logger: quiet,
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    }),
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected a rejection, but the promise resolved");
}

const passwordBody = (password = USER.password, project: { id?: string; name?: string } = { id: PROJECT }) => ({
  auth: {
    identity: { methods: ["password" as const], password: { user: { name: USER.userName, password, domain: { name: USER.domainName } } } },
    scope: { project },
  },
});

beforeAll(async () => {
  emu = await startEmulator({
    jobDelayMs: 200,
    ddsSettleMs: 200,
    credentials: { users: [{ ...USER, projects: [{ id: PROJECT, name: "cn-north-4" }, OTHER_PROJECT] }] },
  });
  const upstream = emu.url;
  const settled = await Promise.allSettled(
    APIS.map(async (api) => {
      proxies[api] = (await startPrism({ mode: "proxy", spec: path.join(ROOT, SPECS[api]), upstream, name: `${api} proxy` })) as Running;
    }),
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
}, 90_000);

/** Stops whatever runs; safe to call twice. */
async function stopAll(): Promise<void> {
  await Promise.allSettled(APIS.map((api) => proxies[api]?.stop()));
  await emu?.stop();
}

// Everything that started is stopped, also when setup or a test failed.
afterAll(stopAll);

beforeEach(() => {
  running().reset();
  seen.length = 0;
});

afterEach(() => {
  expect(seen.length, "the test sent no request through the proxies").toBeGreaterThan(0);
  expect(seen.filter((s) => s.violations !== null).map((s) => `${s.request} → ${s.status}: ${s.violations}`)).toEqual([]);
  expect(seen.filter((s) => s.contentType.includes("problem+json")).map((s) => `${s.request} → ${s.status} (a Prism error, not the emulator's)`)).toEqual([]);
});

describe("emulator behind prism proxy --errors: IAM", () => {
  it("CreateTokenByPassword: 201 with and without catalog, by project id and name", async () => {
    const { iam } = clients();
    const full = await iam.createTokenByPassword(passwordBody(), {});
    expect(full.body.token?.catalog?.length).toBe(3);
    const lean = await iam.createTokenByPassword(passwordBody(USER.password, { name: "cn-north-4" }), { nocatalog: "true" });
    expect(lean.body.token?.project?.id).toBe(PROJECT);
    expect(lean.body.token).not.toHaveProperty("catalog");
    expect(lean.token).not.toBe(full.token);
  });

  it("CreateTokenByPassword: 401 for a wrong password, 403 for a project the user lacks", async () => {
    const { iam } = clients({ maxRetries: 0 });
    expect(await rejection(iam.createTokenByPassword(passwordBody("wrong")))).toBeInstanceOf(AuthenticationError);
    expect(await rejection(iam.createTokenByPassword(passwordBody(USER.password, { id: "ffffffffffffffffffffffffffffffff" })))).toBeInstanceOf(
      PermissionDeniedError,
    );
  });
});

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

describe("emulator behind prism proxy --errors: IAM projects and federation", () => {
  it("KeystoneListProjects: 200 for the region's project with a token, 401 APIGW.0301 for a forged one", async () => {
    const signed = (token: string) =>
      createIamClient({ endpoint: proxyUrl("iam"), auth: tokenAuth(token), fetch: checkingFetch, logger: quiet, maxRetries: 0 });
    const { data } = await signed(running().issueToken()).raw.GET("/v3/projects", { params: { query: { name: "cn-north-4" } } });
    expect(data?.projects?.map((p) => p.id)).toEqual([PROJECT]);
    const { data: none } = await signed(running().issueToken()).raw.GET("/v3/projects", { params: { query: { name: "xx-nowhere-1", page: 1, per_page: 10 } } });
    expect(none?.projects).toEqual([]);
    expect(await rejection(signed("MIIforged").raw.GET("/v3/projects", { params: { query: { name: "cn-north-4" } } }))).toMatchObject({
      status: 401,
      code: "APIGW.0301",
    });
  });

  it("CreateTokenWithIdToken → CreateTemporaryAccessKeyByToken: 201 answers conform; a wrong ID token or token is a 401", async () => {
    const { iam } = clients({ maxRetries: 0 });
    const { idpId, idToken } = running().federation;
    const exchanged = await iam.raw.POST("/v3.0/OS-AUTH/id-token/tokens", {
      params: { header: { "X-Idp-Id": idpId } },
      body: { auth: { id_token: { id: idToken } } },
    });
    const unscoped = exchanged.response.headers.get("x-subject-token") ?? "";
    expect(unscoped).toMatch(/^MIIemu/);
    expect(exchanged.data?.token?.methods).toEqual(["mapped"]);
    const { data } = await iam.raw.POST("/v3.0/OS-CREDENTIAL/securitytokens", {
      body: { auth: { identity: { methods: ["token"], token: { id: unscoped, duration_seconds: 900 } } } },
    });
    expect(data?.credential?.access).toMatch(/^TMP/);
    expect(Date.parse(data?.credential?.expires_at ?? "")).toBeGreaterThan(Date.now());

    const wrongId = iam.raw.POST("/v3.0/OS-AUTH/id-token/tokens", {
      params: { header: { "X-Idp-Id": idpId } },
      body: { auth: { id_token: { id: `${idToken}x` } } },
    });
    expect(await rejection(wrongId)).toBeInstanceOf(AuthenticationError);
    const wrongToken = iam.raw.POST("/v3.0/OS-CREDENTIAL/securitytokens", { body: { auth: { identity: { methods: ["token"], token: { id: "MIIforged" } } } } });
    expect(await rejection(wrongToken)).toBeInstanceOf(AuthenticationError);
  });
});

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
