import { describe, expect, it } from "vitest";
import { AuthenticationError, createApigClient, createDdsClient, passwordAuth, PermissionDeniedError, signRequest, tokenAuth } from "../../src/index.js";
import { akskClients, apigPath, emulator, iamClient, passwordBody, raw, rejection, SEED, tokenClients } from "./support.js";

const OTHER_PROJECT = { id: "9a8b7c6d5e4f30211203f4e5d6c7b8a9", name: "ap-southeast-1" };

describe("emulator: IAM tokens", () => {
  it("issues a 201 token in X-Subject-Token with the documented body, the catalog pointing at the emulator", async () => {
    const emu = await emulator({ tokenTtlMs: 60_000 });
    const before = Date.now();
    const { token, body } = await iamClient(emu).createTokenByPassword(passwordBody(), {});
    expect(token).toMatch(/^MIIemu[\w-]{100,}$/);
    const t = body.token;
    if (!t) throw new Error("no token in the body");
    expect(t.methods).toEqual(["password"]);
    expect(t.project).toEqual({ id: SEED.project, name: "cn-north-4", domain: { id: "d78cbac186b744899480f25bd022f468", name: SEED.domain } });
    expect(t.user).toMatchObject({ id: "7116d09f88fa41908676fdd4b039e95b", name: SEED.user, password_expires_at: null });
    expect(t.roles?.map((r) => r.name)).toEqual(["te_admin"]);
    const issued = Date.parse(t.issued_at ?? "");
    expect(issued).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(t.expires_at ?? "") - issued).toBe(60_000);
    expect(t.catalog?.map((s) => [s.type, s.endpoints?.[0]?.url])).toEqual([
      ["apig", emu.url],
      ["dds", emu.url],
      ["iam", emu.url],
    ]);
    const { body: lean } = await iamClient(emu).createTokenByPassword(passwordBody({ projectName: "cn-north-4" }), { nocatalog: "true" });
    expect(lean.token).not.toHaveProperty("catalog");
    expect(lean.token?.project?.id).toBe(SEED.project);
  });

  it.each(["true", "false", "1", "x"])("leaves the catalog out for nocatalog=%s: any non-empty value (the parameter is a string)", async (value) => {
    const emu = await emulator();
    const res = await raw(emu, "POST", `/v3/auth/tokens?nocatalog=${value}`, { body: passwordBody() });
    expect(res.status).toBe(201);
    expect(res.json.token).not.toHaveProperty("catalog");
  });

  it("includes the catalog without nocatalog, or with an empty value", async () => {
    const emu = await emulator();
    for (const query of ["", "?nocatalog="]) {
      const res = await raw(emu, "POST", `/v3/auth/tokens${query}`, { body: passwordBody() });
      expect(res.status).toBe(201);
      expect(res.json.token).toHaveProperty("catalog");
    }
  });

  it.each(["application/json;charset=utf8", "application/json;charset=UTF-8", "application/json"])(
    "accepts Content-Type %s (the reference asks for charset=utf8, the official Node and Go clients send UTF-8)",
    async (type) => {
      const emu = await emulator();
      const res = await raw(emu, "POST", "/v3/auth/tokens?nocatalog=true", { body: passwordBody(), headers: { "Content-Type": type } });
      expect(res.status).toBe(201);
    },
  );

  it("gives a domain-level token for an empty scope", async () => {
    const emu = await emulator();
    const res = await raw(emu, "POST", "/v3/auth/tokens?nocatalog=true", { body: { auth: { identity: passwordBody().auth.identity, scope: {} } } });
    expect(res.status).toBe(201);
    expect(res.json.token).toMatchObject({ domain: { name: SEED.domain } });
    expect(res.json.token).not.toHaveProperty("project");
  });

  it("answers 401 (Keystone style) for a wrong password, user or domain", async () => {
    const emu = await emulator();
    for (const body of [passwordBody({ password: "wrong" }), passwordBody({ userName: "nobody" }), passwordBody({ domainName: "other" })]) {
      const err = await rejection(iamClient(emu, { maxRetries: 0 }).createTokenByPassword(body));
      expect(err).toBeInstanceOf(AuthenticationError);
      expect(err).toMatchObject({
        status: 401,
        body: { error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." } },
      });
    }
  });

  it("answers 403 for a project the user cannot use, and gives domain-scoped tokens for a domain scope", async () => {
    const emu = await emulator();
    const err = await rejection(iamClient(emu).createTokenByPassword(passwordBody({ projectId: OTHER_PROJECT.id })));
    expect(err).toBeInstanceOf(PermissionDeniedError);
    const res = await raw(emu, "POST", "/v3/auth/tokens?nocatalog=true", {
      body: { auth: { identity: passwordBody().auth.identity, scope: { domain: { name: SEED.domain } } } },
    });
    expect(res.status).toBe(201);
    expect(res.json.token).toMatchObject({ domain: { name: SEED.domain } });
    expect(res.json.token).not.toHaveProperty("project");
    // A domain-scoped token cannot call regional services.
    const apig = await raw(emu, "GET", apigPath(SEED.gateway), { token: res.headers.get("x-subject-token") ?? "" });
    expect(apig).toMatchObject({ status: 401, json: { error_code: "APIC.7103" } });
  });

  it.each([
    ["a non-JSON body", "nope", undefined],
    ["methods other than password", { auth: { identity: { methods: ["token"], password: passwordBody().auth.identity.password } } }, "auth.identity.methods"],
    [
      "no user name",
      { auth: { identity: { methods: ["password"], password: { user: { password: "x", domain: { name: "d" } } } } } },
      "auth.identity.password.user.name",
    ],
    [
      "no domain",
      { auth: { identity: { methods: ["password"], password: { user: { name: "u", password: "x" } } } } },
      "auth.identity.password.user.domain.name",
    ],
    ["an empty project scope", { auth: { identity: passwordBody().auth.identity, scope: { project: {} } } }, "auth.scope.project"],
    // `scope` is mandatory (reference; Go and Python PwdAuth models).
    ["no scope", { auth: { identity: passwordBody().auth.identity } }, "auth.scope"],
  ])("answers 400 for %s", async (_name, body, parameter) => {
    const emu = await emulator();
    const res = await raw(emu, "POST", "/v3/auth/tokens", { body });
    expect(res.status).toBe(400);
    if (parameter === undefined) expect(res.json).toEqual({ error: { code: 400, title: "Bad Request", message: "The request body is invalid." } });
    else expect(res.json).toEqual({ error_code: "IAM.0007", error_msg: `Request parameter ${parameter} is invalid.` });
  });
});

describe("emulator: token authentication", () => {
  it("accepts tokens from passwordAuth for APIG and DDS", async () => {
    const emu = await emulator();
    const auth = passwordAuth({ domainName: SEED.domain, userName: SEED.user, password: SEED.password, projectId: SEED.project, iamEndpoint: emu.url });
    const apig = createApigClient({ projectId: SEED.project, endpoint: emu.url, auth });
    const dds = createDdsClient({ projectId: SEED.project, endpoint: emu.url, auth });
    expect((await apig.getInstance(SEED.gateway)).status).toBe("Running");
    expect((await dds.listInstances()).total_count).toBe(2);
    expect(emu.snapshot().tokens).toEqual({ issued: 1, valid: 1 });
  });

  it("answers 401 APIC.7100 / APIGW.0301 without credentials and APIC.7102 / APIGW.0301 for a token it never issued", async () => {
    const emu = await emulator();
    expect(await raw(emu, "GET", apigPath(SEED.gateway))).toMatchObject({ status: 401, json: { error_code: "APIC.7100" } });
    const dds = await raw(emu, "GET", `/v3/${SEED.project}/instances`);
    expect(dds.status).toBe(401);
    expect(dds.json).toEqual({
      error_code: "APIGW.0301",
      error_msg: "Incorrect IAM authentication information: The token is missing",
      request_id: dds.headers.get("x-request-id"),
    });

    const bogus = tokenAuth("MIIforged");
    const apigErr = await rejection(createApigClient({ projectId: SEED.project, endpoint: emu.url, auth: bogus }).getInstance(SEED.gateway));
    expect(apigErr).toBeInstanceOf(AuthenticationError);
    expect(apigErr).toMatchObject({ status: 401, code: "APIC.7102", message: "Incorrect token or token resolution failed" });
    const ddsErr = await rejection(createDdsClient({ projectId: SEED.project, endpoint: emu.url, auth: bogus }).listInstances());
    expect(ddsErr).toMatchObject({ status: 401, code: "APIGW.0301" });
  });

  it("rejects expired tokens (short ttl): APIC.7101 on APIG, APIGW.0301 on DDS", async () => {
    let offset = 0;
    const emu = await emulator({ tokenTtlMs: 1000, now: () => Date.now() + offset });
    const { apig, dds } = tokenClients(emu);
    expect((await apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    offset = 1000; // the emulator's clock reaches expires_at
    expect(await rejection(apig.getInstance(SEED.gateway))).toMatchObject({ status: 401, code: "APIC.7101", message: "The token has expired" });
    expect(await rejection(dds.listInstances())).toMatchObject({
      status: 401,
      code: "APIGW.0301",
      message: "Incorrect IAM authentication information: The token has expired",
    });
  });

  it("lets passwordAuth renew a token that expired early (401 → new token → success)", async () => {
    let offset = 0;
    const emu = await emulator({ now: () => Date.now() + offset });
    const auth = passwordAuth({ domainName: SEED.domain, userName: SEED.user, password: SEED.password, projectName: "cn-north-4", iamEndpoint: emu.url });
    const apig = createApigClient({ projectId: SEED.project, endpoint: emu.url, auth, maxRetries: 0 });
    await apig.getInstance(SEED.gateway);
    offset = 25 * 60 * 60 * 1000; // the emulator's clock jumps past the token's 24 h
    expect((await apig.getInstance(SEED.gateway)).status).toBe("Running");
    expect(emu.snapshot().tokens).toEqual({ issued: 2, valid: 1 });
  });

  it("answers 403 for a token of another project, and 404 / an empty list for that project's (missing) resources", async () => {
    const emu = await emulator({
      credentials: {
        users: [{ domainName: SEED.domain, userName: SEED.user, password: SEED.password, projects: [{ id: SEED.project, name: "cn-north-4" }, OTHER_PROJECT] }],
      },
    });
    const other = emu.issueToken({ projectId: OTHER_PROJECT.id });
    expect(await raw(emu, "GET", apigPath(SEED.gateway), { token: other })).toMatchObject({ status: 403, json: { error_code: "APIC.7130" } });
    expect(await raw(emu, "GET", `/v3/${SEED.project}/instances`, { token: other })).toMatchObject({ status: 403, json: { error_code: "APIGW.0310" } });
    expect(await raw(emu, "GET", `/v2/${OTHER_PROJECT.id}/apigw/instances/${SEED.gateway}`, { token: other })).toMatchObject({
      status: 404,
      json: { error_code: "APIC.7302" },
    });
    expect(await raw(emu, "GET", `/v3/${OTHER_PROJECT.id}/instances`, { token: other })).toMatchObject({
      status: 200,
      json: { instances: [], total_count: 0 },
    });
    expect(() => emu.issueToken({ projectId: "nope" })).toThrow(/no project nope/);
    expect(() => emu.issueToken({ userName: "nobody" })).toThrow(/no user/);
  });
});

describe("emulator: AK/SK signatures", () => {
  it("accepts SDK-HMAC-SHA256 signatures of the SDK for every operation, including query strings and bodies", async () => {
    const emu = await emulator({ jobDelayMs: 0 });
    const { apig, dds } = akskClients(emu);
    expect((await apig.getInstance(SEED.gateway)).status).toBe("Running");
    expect((await apig.deregisterIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] })).job_id).toMatch(
      /^JOB-/,
    );
    expect((await dds.listInstances({ name: "dds 4352 é&=?", offset: 0, limit: 10 })).total_count).toBe(0);
    expect((await dds.listInstances({ mode: "ReplicaSet" })).total_count).toBe(1);
    await dds.unbindPublicGateway(SEED.replicaSet, SEED.primary);
    await dds.bindPublicGateway(SEED.replicaSet, SEED.secondary, {
      nat_gateway_id: SEED.boundGateway.nat_gateway_id,
      public_ip_id: SEED.spareEip,
      external_service_port: 1,
    });
  });

  it("answers 401 APIGW.0301 with the canonical request echoed for a wrong secret key", async () => {
    const emu = await emulator();
    const { apig, dds } = akskClients(emu, { sk: "not-the-secret" });
    const err = await rejection(apig.getInstance(SEED.gateway));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.code).toBe("APIGW.0301");
    expect(err.message).toMatch(
      new RegExp(
        `^Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:GET\\|/v2/${SEED.project}/apigw/instances/${SEED.gateway}/\\|\\|host:127\\.0\\.0\\.1:\\d+\\|x-project-id:${SEED.project}\\|x-sdk-date:\\d{8}T\\d{6}Z\\|\\|host;x-project-id;x-sdk-date\\|e3b0c442`,
      ),
    );
    expect((err.body as { request_id?: string }).request_id).toBe(err.requestId);
    expect(await rejection(dds.listInstances())).toMatchObject({ status: 401, code: "APIGW.0301" });
  });

  it("answers 401 APIGW.0301 for an unknown access key", async () => {
    const emu = await emulator();
    const err = await rejection(akskClients(emu, { ak: "UNKNOWNAK" }).apig.getInstance(SEED.gateway));
    expect(err).toMatchObject({ status: 401, code: "APIGW.0301", message: "Incorrect IAM authentication information: access key UNKNOWNAK does not exist" });
  });

  it("answers 401 APIGW.0301 when X-Sdk-Date is more than 15 minutes away from the emulator's clock", async () => {
    let offset = 16 * 60 * 1000;
    const emu = await emulator({ now: () => Date.now() + offset });
    const { apig, dds } = akskClients(emu);
    const err = await rejection(apig.getInstance(SEED.gateway));
    expect(err).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(err.message).toMatch(
      /^Incorrect IAM authentication information: verify aksk signature fail, signature expired, signature time:\d{8}T\d{6}Z, server time:\d{8}T\d{6}Z$/,
    );
    expect(await rejection(dds.listInstances())).toMatchObject({ status: 401, code: "APIGW.0301" });
    offset = -14 * 60 * 1000;
    expect((await apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
  });

  it("answers 401 when the body was changed after signing, or a header left out of SignedHeaders", async () => {
    const emu = await emulator();
    const tamper: typeof fetch = async (input, init) =>
      fetch(input, { ...init, body: JSON.stringify({ elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.11" }] }] }) });
    const { apig } = akskClients(emu, { fetch: tamper, maxRetries: 0 });
    const err = await rejection(apig.deregisterIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] }));
    expect(err).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(emu.state.jobs.size).toBe(0);

    const url = `${emu.url}${apigPath(SEED.gateway)}`;
    const headers = new Headers({ "X-Project-Id": SEED.project });
    const signed = await signRequest({ method: "GET", url, headers }, { accessKeyId: SEED.ak, secretAccessKey: SEED.sk }, { signedHeaders: ["host"] });
    const res = await fetch(url, { headers: { ...signed, "X-Project-Id": SEED.project } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error_msg: string }).error_msg).toContain("x-project-id is not in SignedHeaders");

    const noDate = await fetch(url, { headers: { Authorization: `SDK-HMAC-SHA256 Access=${SEED.ak}, SignedHeaders=host, Signature=00` } });
    expect(((await noDate.json()) as { error_msg: string }).error_msg).toContain("X-Sdk-Date is missing");
    const malformed = await fetch(url, { headers: { Authorization: "Basic abc" } });
    expect(malformed.status).toBe(401);
  });

  it("checks the security token of temporary credentials", async () => {
    const emu = await emulator({ credentials: { accessKeys: [{ accessKeyId: "TEMPAK", secretAccessKey: "tempsk", securityToken: "sts-token-value" }] } });
    expect((await akskClients(emu, { ak: "TEMPAK", sk: "tempsk", securityToken: "sts-token-value" }).apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    const err = await rejection(akskClients(emu, { ak: "TEMPAK", sk: "tempsk" }).apig.getInstance(SEED.gateway));
    expect(err).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(err.message).toContain("security token");
    // The seed's permanent key was replaced by `credentials.accessKeys`.
    expect(await rejection(akskClients(emu).apig.getInstance(SEED.gateway))).toMatchObject({ status: 401, code: "APIGW.0301" });
  });
});
