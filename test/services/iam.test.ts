import { describe, expect, it } from "vitest";
import { InvalidResponseError, ValidationError } from "../../src/errors.js";
import { createIamClient } from "../../src/services/iam.js";
import { json, scriptedServers } from "../helpers/scripted-server.js";

const serve = scriptedServers();

const body = {
  auth: {
    identity: { methods: ["password" as const], password: { user: { name: "u", password: "p", domain: { name: "d" } } } },
    scope: { project: { name: "cn-north-4" } },
  },
};
const issued = (extra: Record<string, unknown> = {}) =>
  json(
    201,
    { token: { expires_at: "2030-01-01T00:00:00.000000Z", issued_at: "2029-12-31T00:00:00.000000Z", methods: ["password"], ...extra } },
    { "x-subject-token": "MIItoken" },
  );

describe("IAM client", () => {
  it("sends the Content-Type the reference asks for and nocatalog=true (a string) by default", async () => {
    const server = await serve(issued());
    const iam = createIamClient({ endpoint: server.url });
    const { token, expiresAt } = await iam.createTokenByPassword(body);
    expect(token).toBe("MIItoken");
    expect(expiresAt).toBe("2030-01-01T00:00:00.000000Z");
    const [req] = server.requests;
    expect(req?.url).toBe("/v3/auth/tokens?nocatalog=true");
    expect(req?.headers["content-type"]).toBe("application/json;charset=utf8");
  });

  it("leaves nocatalog out when asked for the catalog with an empty query (any value, false included, would omit it)", async () => {
    const server = await serve(issued());
    await createIamClient({ endpoint: server.url }).createTokenByPassword(body, {});
    expect(server.requests[0]?.url).toBe("/v3/auth/tokens");
  });

  it("checks the query as typed, before any I/O: values the URL cannot carry (an array, an object) are named", async () => {
    const iam = createIamClient({ endpoint: "http://127.0.0.1:9", fetch: () => Promise.reject(new Error("no I/O expected")) });
    for (const query of [{ nocatalog: [] }, { nocatalog: { deep: {} } }, { nocatalog: null }]) {
      const err = await iam.createTokenByPassword(body, query as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues.map((i) => i.path)).toContain("nocatalog");
    }
  });

  it("refuses a body without scope before any I/O: scope is mandatory", async () => {
    const iam = createIamClient({ endpoint: "http://127.0.0.1:9", fetch: () => Promise.reject(new Error("no I/O expected")) });
    const err = await iam.createTokenByPassword({ auth: { identity: body.auth.identity } } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toContainEqual({ path: "auth.scope", keyword: "required", message: "is required" });
  });

  it("accepts an empty scope (a domain-level token) and passes mfa_authn_at through", async () => {
    const server = await serve(issued({ mfa_authn_at: "2029-12-31T00:00:00.000000Z" }));
    const { body: answer } = await createIamClient({ endpoint: server.url }).createTokenByPassword({ auth: { identity: body.auth.identity, scope: {} } });
    expect(answer.token?.mfa_authn_at).toBe("2029-12-31T00:00:00.000000Z");
    expect(JSON.parse(server.requests[0]?.body ?? "").auth.scope).toEqual({});
  });

  it.each([
    ["no token object", { methods: ["password"] }],
    ["no expires_at", { token: { methods: ["password"] } }],
    ["an expires_at that is no date", { token: { expires_at: "soon" } }],
  ])("reports a 201 with %s as an InvalidResponseError, since the spec marks no response field required", async (_what, answer) => {
    const server = await serve(json(201, answer, { "x-subject-token": "MIItoken" }));
    const err = await createIamClient({ endpoint: server.url, maxRetries: 0 })
      .createTokenByPassword(body)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as Error).message).toMatch(/expires_at/);
    expect((err as Error).message).not.toContain("MIItoken");
  });
});
