/**
 * Layer 2, requests conform: every SDK method runs against the Prism mocks (started with `--errors`) under every
 * auth mode its operation accepts, through the recording transport of support/recording-fetch.ts, which fails on
 * any `sl-violations` entry and re-validates each request with Ajv against the same spec file, including what
 * Prism lets through (undocumented query parameters and headers, raw path encoding, credentials where none are
 * documented, AK/SK signatures that do not match the bytes sent).
 *
 * The canaries that keep these checks honest are in requests-prism-canaries.test.ts (what Prism itself must
 * reject) and requests-transport-canaries.test.ts (what only our checks reject).
 */
import { describe, expect, inject, it } from "vitest";
import { projectOf } from "./requests-fixtures.js";
import { createRecordingFetch } from "./support/recording-fetch.js";
import { REQUEST_CASES, REQUESTS_SUITE, requestCaseTitle } from "./support/request-cases.js";
import { SDK_METHODS } from "./support/sdk.js";
import { createClients, PRISM_AKSK, PRISM_TOKEN, type AuthMode } from "./support/sdk-clients.js";
import { findOperation, successResponse } from "./support/spec.js";
import type { ApiName } from "./support/spec-files.js";

const subjectTokenExample = (): string => {
  const h = successResponse(findOperation("CreateTokenByPassword")).headers.find((x) => x.name.toLowerCase() === "x-subject-token");
  if (typeof h?.example !== "string") throw new Error("iam.yaml documents no X-Subject-Token example");
  return h.example;
};

/** What the credential headers of one recorded request must be under an auth mode. */
function expectCredentials(mode: AuthMode, api: ApiName | undefined, operationId: string | undefined, headers: Record<string, string>): void {
  expect(headers["user-agent"], "User-Agent").toMatch(/^hwc-gateways\//);
  const open = operationId === undefined || findOperation(operationId).security.length === 0;
  if (open || mode === "none") {
    expect(headers).not.toHaveProperty("authorization");
    expect(headers).not.toHaveProperty("x-auth-token");
    return;
  }
  if (mode === "token") {
    expect(headers["x-auth-token"]).toBe(PRISM_TOKEN);
    expect(headers).not.toHaveProperty("authorization");
  } else if (mode === "password") {
    expect(headers["x-auth-token"], "the token IAM issued (X-Subject-Token)").toBe(subjectTokenExample());
    expect(headers).not.toHaveProperty("authorization");
  } else {
    expect(headers.authorization).toMatch(new RegExp(`^SDK-HMAC-SHA256 Access=${PRISM_AKSK.accessKeyId}, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`));
    expect(headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(headers["x-project-id"]).toBe(projectOf(api as ApiName));
    expect(headers).not.toHaveProperty("x-auth-token");
  }
}

describe(REQUESTS_SUITE, () => {
  describe("every SDK method, every auth mode: no violations", () => {
    for (const rc of REQUEST_CASES) {
      for (const mode of rc.authModes) {
        it(requestCaseTitle(rc, mode), async () => {
          const prism = inject("prism");
          const recorder = createRecordingFetch({ prism, ...(mode === "aksk" ? { verifyAksk: PRISM_AKSK } : {}) });
          const clients = createClients({ prism, fetch: recorder.fetch, auth: mode });
          await rc.call(clients);
          expect(recorder.problems()).toEqual([]);
          const own = recorder.of(rc.operationId);
          expect(own.length, `requests of ${rc.operationId}`).toBeGreaterThan(0);
          for (const ex of own) {
            expect(ex.status, "Prism's answer").toBeGreaterThanOrEqual(200);
            expect(ex.status).toBeLessThan(300);
            expectCredentials(mode, ex.api, ex.operationId, ex.headers);
          }
          // Everything recorded belongs to the operation, its set-up calls, or (passwordAuth) the IAM token call.
          const expected = new Set([rc.operationId, ...(rc.alsoCalls ?? []), ...(mode === "password" ? ["CreateTokenByPassword"] : [])]);
          expect(recorder.exchanges.map((e) => e.operationId).filter((id) => !expected.has(id ?? ""))).toEqual([]);
          for (const ex of recorder.exchanges) expectCredentials(mode, ex.api, ex.operationId, ex.headers);
        });
      }
    }
  });

  it("passwordAuth end to end: one IAM token (from the IAM mock) authenticates every APIG and DDS call", async () => {
    const prism = inject("prism");
    const recorder = createRecordingFetch({ prism });
    const clients = createClients({ prism, fetch: recorder.fetch, auth: "password" });
    const secured = SDK_METHODS.filter((m) => !m.raw && m.operationId !== "CreateTokenByPassword");
    for (const m of secured) await m.call(clients);
    await Promise.all(secured.map((m) => m.call(clients)));
    expect(recorder.problems()).toEqual([]);

    const tokenCalls = recorder.of("CreateTokenByPassword");
    expect(tokenCalls, "one token request, cached and shared by both clients").toHaveLength(1);
    const sent = JSON.parse(tokenCalls[0]?.body ?? "null") as { auth: { identity: { password: { user: Record<string, unknown> } }; scope: unknown } };
    expect(sent.auth.identity.password.user).toEqual({ name: "IAM_USER", password: "prism-password", domain: { name: "ACCOUNT_NAME" } });
    expect(sent.auth.scope).toEqual({ project: { name: "cn-north-4" } });
    expect(tokenCalls[0]?.headers).not.toHaveProperty("x-auth-token");

    const rest = recorder.exchanges.filter((e) => e.operationId !== "CreateTokenByPassword");
    expect(rest).toHaveLength(secured.length * 2);
    for (const e of rest) expect(e.headers["x-auth-token"]).toBe(subjectTokenExample());
  });
});
