/**
 * The emulator's IAM answers, checked by iam.yaml through `prism proxy --errors`: tokens by password, project
 * listing and federation. What the proxies check and why authentication is by token: emulator-proxy-fixtures.ts.
 */
import { describe, expect, it } from "vitest";
import { AuthenticationError, createIamClient, PermissionDeniedError, tokenAuth } from "../src/index.js";
import {
  checkingFetch,
  clients,
  passwordBody,
  PROJECT,
  proxyUrl,
  quiet,
  rejection,
  running,
  USER,
  useEmulatorBehindProxies,
} from "./emulator-proxy-fixtures.js";

useEmulatorBehindProxies();

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
