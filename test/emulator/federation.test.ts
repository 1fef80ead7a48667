import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { call, credentialOf, signedGet } from "./identity-support.js";
import { akskClients, emulator, rejection, SEED } from "./support.js";

const ID_TOKEN_PATH = "/v3.0/OS-AUTH/id-token/tokens";
const STS_PATH = "/v3.0/OS-CREDENTIAL/securitytokens";
const stsBody = (id: string | undefined, duration?: number) => ({
  auth: { identity: { methods: ["token"], token: { ...(id !== undefined ? { id } : {}), ...(duration !== undefined ? { duration_seconds: duration } : {}) } } },
});

describe("emulator: federation (ID token → unscoped token → temporary AK/SK)", () => {
  it("exchanges the configured idp id and ID token for an unscoped token in X-Subject-Token", async () => {
    const emu = await emulator({ identity: { idpId: "my-idp", idToken: "header.payload.signature" } });
    expect(emu.federation).toEqual({ idpId: "my-idp", idToken: "header.payload.signature" });
    const res = await call(emu, "POST", ID_TOKEN_PATH, { headers: { "X-Idp-Id": "my-idp" }, body: { auth: { id_token: { id: "header.payload.signature" } } } });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-subject-token")).toMatch(/^MIIemu/);
    const token = res.json?.token as Record<string, unknown>;
    expect(token.methods).toEqual(["mapped"]);
    expect(token).not.toHaveProperty("project");
    expect(token.user).toMatchObject({ name: "FederationUser", domain: { name: SEED.domain } });
    // Unscoped: APIG refuses it.
    const apig = await call(emu, "GET", `/v2/${SEED.project}/apigw/instances/${SEED.gateway}`, {
      headers: { "X-Auth-Token": res.headers.get("x-subject-token") ?? "" },
    });
    expect(apig.json).toMatchObject({ error_code: "APIC.7103" });
  });

  it.each([
    ["a wrong idp id", { "X-Idp-Id": "other-idp" }, "ID", 401],
    ["a wrong ID token", { "X-Idp-Id": "IDP" }, "not-the-token", 401],
    ["no X-Idp-Id", {} as Record<string, string>, "ID", 400],
  ])("refuses %s", async (_, headers, idToken, status) => {
    const emu = await emulator();
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === "IDP" ? emu.federation.idpId : v]));
    const res = await call(emu, "POST", ID_TOKEN_PATH, {
      headers: h,
      body: { auth: { id_token: { id: idToken === "ID" ? emu.federation.idToken : idToken } } },
    });
    expect(res.status).toBe(status);
    expect(res.headers.get("x-subject-token")).toBeNull();
  });

  it("answers 400 for a malformed body", async () => {
    const emu = await emulator();
    const headers = { "X-Idp-Id": emu.federation.idpId };
    expect((await call(emu, "POST", ID_TOKEN_PATH, { headers, body: { auth: {} } })).json).toMatchObject({
      error_code: "IAM.0007",
      error_msg: "Request parameter auth.id_token.id is invalid.",
    });
    expect((await call(emu, "POST", ID_TOKEN_PATH, { headers, body: [] })).status).toBe(400);
  });

  it("exchanges the token for temporary AK/SK valid duration_seconds (default 900), accepted with the security token", async () => {
    let clock = Date.now();
    const emu = await emulator({ now: () => clock });
    const unscoped =
      (
        await call(emu, "POST", ID_TOKEN_PATH, { headers: { "X-Idp-Id": emu.federation.idpId }, body: { auth: { id_token: { id: emu.federation.idToken } } } })
      ).headers.get("x-subject-token") ?? "";
    const sixHours = await call(emu, "POST", STS_PATH, { body: stsBody(unscoped, 21600) });
    expect(sixHours.status).toBe(201);
    expect(Date.parse(credentialOf(sixHours.json).expires_at)).toBe(clock + 21_600_000);
    const byDefault = credentialOf((await call(emu, "POST", STS_PATH, { body: stsBody(unscoped) })).json);
    expect(Date.parse(byDefault.expires_at)).toBe(clock + 900_000);
    // The token may come in X-Auth-Token instead of the body.
    expect((await call(emu, "POST", STS_PATH, { headers: { "X-Auth-Token": unscoped }, body: stsBody(undefined) })).status).toBe(201);

    const clients = akskClients(emu, { ak: byDefault.access, sk: byDefault.secret, securityToken: byDefault.securitytoken, maxRetries: 0 });
    expect((await clients.dds.listInstances()).total_count).toBeGreaterThan(0);
    clock += 900_000;
    // At expires_at; the expiry is checked before the 15-minute X-Sdk-Date window, which this still fits in.
    const expired = await rejection(clients.dds.listInstances());
    expect(expired).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(expired.message).toContain("has expired");
  });

  it("uses temporaryCredentialTtlMs instead of duration_seconds when it is configured", async () => {
    const clock = Date.now();
    const emu = await emulator({ now: () => clock, identity: { temporaryCredentialTtlMs: 1500 } });
    const c = credentialOf((await call(emu, "POST", STS_PATH, { body: stsBody(emu.issueToken(), 3600) })).json);
    expect(Date.parse(c.expires_at)).toBe(clock + 1500);
  });

  it.each([
    ["an unknown token", () => stsBody("MIIunknown"), 401],
    ["no token at all", () => stsBody(undefined), 401],
    ["duration_seconds below 900", (t: string) => stsBody(t, 899), 400],
    ["duration_seconds above 86400", (t: string) => stsBody(t, 86401), 400],
    ["methods other than token", (t: string) => ({ auth: { identity: { methods: ["password"], token: { id: t } } } }), 400],
  ])("refuses %s", async (_, body, status) => {
    const emu = await emulator();
    expect((await call(emu, "POST", STS_PATH, { body: body(emu.issueToken()) })).status).toBe(status);
  });

  it("refuses an expired token with 401", async () => {
    let clock = Date.now();
    const emu = await emulator({ now: () => clock });
    const token = emu.issueToken({ ttlMs: 1000 });
    clock += 1000;
    const res = await call(emu, "POST", STS_PATH, { body: stsBody(token) });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." } });
  });

  it("end to end: ID token → unscoped token → temporary AK/SK that discover the region's project", async () => {
    const emu = await emulator();
    const exchanged = await call(emu, "POST", ID_TOKEN_PATH, {
      headers: { "X-Idp-Id": emu.federation.idpId },
      body: { auth: { id_token: { id: emu.federation.idToken } } },
    });
    const c = credentialOf((await call(emu, "POST", STS_PATH, { body: stsBody(exchanged.headers.get("x-subject-token") ?? "", 21600) })).json);
    const projects = await signedGet(emu, "/v3/projects?name=cn-north-4", { accessKeyId: c.access, secretAccessKey: c.secret, securityToken: c.securitytoken });
    expect((projects.json.projects as { id: string }[]).map((p) => p.id)).toEqual([SEED.project]);
    const unsignedToken = await signedGet(emu, "/v3/projects?name=cn-north-4", { accessKeyId: c.access, secretAccessKey: c.secret });
    expect(unsignedToken.status).toBe(401);
  });

  it.each([
    [{ temporaryCredentialTtlMs: 0 }, /temporaryCredentialTtlMs/],
    [{ temporaryCredentialTtlMs: 1.5 }, /temporaryCredentialTtlMs/],
    [{ idpId: "" }, /identity\.idpId/],
    [{ idToken: "line\nbreak" }, /identity\.idToken/],
    [{ podIdentityToken: "ü" }, /identity\.podIdentityToken/],
  ])("refuses the identity option %o with a TypeError naming it", async (identity, message) => {
    await expect(startEmulator({ identity })).rejects.toThrow(message);
  });
});
