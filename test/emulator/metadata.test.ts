import { describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../../src/emulator/index.js";
import { call, credentialOf, metadataToken } from "./identity-support.js";
import { akskClients, emulator, rejection, SEED } from "./support.js";

const TOKEN_PATH = "/meta-data/latest/api/token";
const KEY_PATH = "/openstack/latest/securitykey";

describe("emulator: instance metadata API", () => {
  it("issues a session token (text/plain) and, with it, temporary credentials that sign APIG and DDS calls", async () => {
    const emu = await emulator();
    expect(emu.metadataUrl).toBe(emu.url);
    const token = await metadataToken(emu, 60);
    expect(token).toMatch(/^[\w-]{40,}$/);
    const before = Date.now();
    const res = await call(emu, "GET", KEY_PATH, { headers: { "X-Metadata-Token": token } });
    expect(res.status).toBe(200);
    const c = credentialOf(res.json);
    expect(Object.keys(res.json ?? {})).toEqual(["credential"]);
    expect(Object.keys(c).sort()).toEqual(["access", "expires_at", "secret", "securitytoken"]);
    // Six fractional digits, the form the official Python core parses.
    expect(c.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(Date.parse(c.expires_at) - before).toBeGreaterThan(emu.temporaryCredentialTtlMs - 5000);
    expect(emu.temporaryCredentialTtlMs).toBe(3_600_000);

    const clients = akskClients(emu, { ak: c.access, sk: c.secret, securityToken: c.securitytoken });
    expect((await clients.apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    expect((await clients.dds.listInstances()).total_count).toBeGreaterThan(0);
    // Each call issues new credentials.
    const again = credentialOf((await call(emu, "GET", KEY_PATH, { headers: { "X-Metadata-Token": token } })).json);
    expect(again.access).not.toBe(c.access);
  });

  it.each([
    ["no header", undefined],
    ["0", "0"],
    ["above 21600", "21601"],
    ["not a number", "abc"],
    ["a fraction", "1.5"],
  ])("refuses a session token TTL: %s → 400", async (_, ttl) => {
    const emu = await emulator();
    const res = await call(emu, "PUT", TOKEN_PATH, { headers: ttl === undefined ? {} : { "X-Metadata-Token-Ttl-Seconds": ttl } });
    expect(res.status).toBe(400);
    expect(String(res.json?.message)).toContain("X-Metadata-Token-Ttl-Seconds");
  });

  it("requires a valid, unexpired session token for securitykey", async () => {
    let clock = Date.now();
    const emu = await emulator({ now: () => clock });
    expect((await call(emu, "GET", KEY_PATH)).status).toBe(401);
    expect((await call(emu, "GET", KEY_PATH, { headers: { "X-Metadata-Token": "not-issued" } })).status).toBe(401);
    const token = await metadataToken(emu, 2);
    expect((await call(emu, "GET", KEY_PATH, { headers: { "X-Metadata-Token": token } })).status).toBe(200);
    clock += 2000;
    const expired = await call(emu, "GET", KEY_PATH, { headers: { "X-Metadata-Token": token } });
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({ code: 401, message: "X-Metadata-Token is invalid or expired" });
  });

  it("serves securitykey without a session token when metadataTokenRequired is off", async () => {
    const emu = await emulator({ identity: { metadataTokenRequired: false } });
    expect(credentialOf((await call(emu, "GET", KEY_PATH)).json).access).toMatch(/^TMP[0-9A-F]{17}$/);
  });

  it("answers 401 'Please configure Cloud Service Agency first' when the instance has no agency", async () => {
    const emu = await emulator({ identity: { metadataAgency: false } });
    const res = await call(emu, "GET", KEY_PATH, { headers: { "X-Metadata-Token": await metadataToken(emu) } });
    expect(res.status).toBe(401);
    expect(res.json?.message).toBe("Please configure Cloud Service Agency first");
  });

  it("accepts the temporary credentials until expires_at, then answers 401 APIGW.0301; a wrong or missing security token is 401 too", async () => {
    let clock = Date.now();
    const emu = await emulator({ now: () => clock, identity: { temporaryCredentialTtlMs: 1000 } });
    expect(emu.temporaryCredentialTtlMs).toBe(1000);
    const c = credentialOf((await call(emu, "GET", KEY_PATH, { headers: { "X-Metadata-Token": await metadataToken(emu) } })).json);
    expect(Date.parse(c.expires_at)).toBe(clock + 1000);
    const good = akskClients(emu, { ak: c.access, sk: c.secret, securityToken: c.securitytoken, maxRetries: 0 });
    expect((await good.apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);

    const wrong = await rejection(
      akskClients(emu, { ak: c.access, sk: c.secret, securityToken: `${c.securitytoken}x`, maxRetries: 0 }).apig.getInstance(SEED.gateway),
    );
    expect(wrong).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(wrong.message).toContain("security token");
    const missing = await rejection(akskClients(emu, { ak: c.access, sk: c.secret, maxRetries: 0 }).dds.listInstances());
    expect(missing).toMatchObject({ status: 401, code: "APIGW.0301" });

    clock += 1000;
    const expired = await rejection(good.apig.getInstance(SEED.gateway));
    expect(expired).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(expired.message).toContain("has expired");
    expect(expired.message).not.toContain(c.secret);
    expect(expired.message).not.toContain(c.securitytoken);
    expect(await rejection(good.dds.listInstances())).toMatchObject({ status: 401, code: "APIGW.0301" });
  });

  it("issueTemporaryCredentials gives credentials the emulator accepts, with the lifetime asked for", async () => {
    let clock = Date.now();
    const emu = await emulator({ now: () => clock });
    const c = emu.issueTemporaryCredentials(500);
    expect(c.expiresAt).toBe(clock + 500);
    const clients = akskClients(emu, { ak: c.accessKeyId, sk: c.secretAccessKey, securityToken: c.securityToken, maxRetries: 0 });
    expect((await clients.apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    clock += 500;
    expect(await rejection(clients.apig.getInstance(SEED.gateway))).toMatchObject({ status: 401 });
  });

  it("can be made slow or down with the metadata service's faults, leaving the other services alone", async () => {
    const log: RequestLogEntry[] = [];
    const emu = await emulator({ onRequest: (e) => log.push(e) });
    emu.setFaults({ latency: { ms: 50 }, only: { services: ["metadata"] } });
    await metadataToken(emu);
    expect((await akskClients(emu).apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    expect(log.map((e) => [e.operation, e.fault])).toEqual([
      ["CreateMetadataToken", "latency"],
      ["ShowInstance", undefined],
    ]);

    emu.setFaults({ resets: { rate: 1 }, only: { services: ["metadata"] } });
    await expect(fetch(`${emu.url}${TOKEN_PATH}`, { method: "PUT", headers: { "X-Metadata-Token-Ttl-Seconds": "60" } })).rejects.toThrow();
    emu.setFaults({ errors: { rate: 1, statuses: [503] }, only: { operations: ["ShowSecurityKey"] } });
    expect((await call(emu, "GET", KEY_PATH, { headers: { "X-Metadata-Token": "x" } })).status).toBe(503);
  });
});

describe("emulator: pod identity", () => {
  it("answers temporary credentials for the configured Authorization token, 401 for a wrong or missing one", async () => {
    const emu = await emulator({ identity: { podIdentityToken: "pod-token-from-file" } });
    expect(emu.podIdentity).toEqual({ url: `${emu.url}/pod-identity/credentials`, token: "pod-token-from-file" });
    const path = new URL(emu.podIdentity.url).pathname;
    // The official Python core sends the file's content (stripped) with an empty JSON body.
    const ok = await call(emu, "POST", path, { headers: { Authorization: "pod-token-from-file" }, body: {} });
    expect(ok.status).toBe(200);
    const c = credentialOf(ok.json);
    expect((await akskClients(emu, { ak: c.access, sk: c.secret, securityToken: c.securitytoken }).apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    expect((await call(emu, "POST", path, { headers: { Authorization: "another" }, body: {} })).status).toBe(401);
    expect((await call(emu, "POST", path, { body: {} })).status).toBe(401);
  });

  it("defaults to a random token, different per emulator", async () => {
    const a = await emulator();
    const b = await emulator();
    expect(a.podIdentity.token).toMatch(/^pod-[\w-]{40,}$/);
    expect(a.podIdentity.token).not.toBe(b.podIdentity.token);
    expect((await call(a, "POST", "/pod-identity/credentials", { headers: { Authorization: b.podIdentity.token }, body: {} })).status).toBe(401);
  });
});
