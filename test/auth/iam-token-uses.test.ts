/**
 * Each of the SDK's own IAM uses builds its IAM client over the operations it sends (see auth/iam-token.ts), so its
 * requests are treated as the IAM spec declares those operations: a POST the spec marks safe to repeat is sent
 * again after a 503 (a POST no table knows would not be), and a broken success answer of a spec operation is
 * retried like a truncated one. Fake fetches only: nothing leaves the process.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { federatedLoader } from "../../src/auth/federated.js";
import { passwordAuth } from "../../src/auth/password.js";
import { projectDiscovery } from "../../src/auth/project-discovery.js";
import { tokenAuth } from "../../src/auth/token.js";
import type { AuthContext, Logger } from "../../src/options.js";
import { credentialAnswer } from "./credential-fixtures.js";

const IAM = "https://iam.cn-north-4.myhuaweicloud.com";
const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const quiet: Logger = { error() {}, warn() {}, info() {}, debug() {} };

/** A fetch giving `answers` in turn (the last one again once they run out), recording each request's method and path. */
function scripted(...answers: (() => Response)[]) {
  const seen: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
    return (answers[Math.min(seen.length, answers.length) - 1] as () => Response)();
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}
const busy = () => new Response(JSON.stringify({ error_code: "IAM.0001", error_msg: "busy" }), { status: 503, headers: { "retry-after": "0" } });
const token = () =>
  new Response(JSON.stringify({ token: { expires_at: new Date(Date.now() + 3_600_000).toISOString(), methods: ["password"] } }), {
    status: 201,
    headers: { "content-type": "application/json", "x-subject-token": "issued-token" },
  });
const context = (fetch: typeof globalThis.fetch): AuthContext => ({ fetch, projectId: undefined, signal: new AbortController().signal, logger: quiet });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hwgw-iam-uses-"));
  vi.stubEnv("HUAWEICLOUD_SDK_IAM_ENDPOINT", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("the SDK's own IAM requests follow the IAM spec's declarations", () => {
  it("passwordAuth sends the token request (CreateTokenByPassword, safe to repeat) again after a 503", async () => {
    const { fetch, seen } = scripted(busy, token);
    const auth = passwordAuth({ domainName: "d", userName: "u", password: "p4ss", projectName: "cn-north-4", iamEndpoint: IAM });
    const headers = new Headers();
    await auth.authenticate({ method: "GET", url: new URL("https://apig.cn-north-4.myhuaweicloud.com/v2"), headers, body: undefined }, context(fetch));
    expect(headers.get("X-Auth-Token")).toBe("issued-token");
    expect(seen).toEqual(["POST /v3/auth/tokens", "POST /v3/auth/tokens"]);
  });

  it("federation sends the ID token exchange (CreateTokenWithIdToken, safe to repeat) again after a 503", async () => {
    const idTokenFile = join(dir, "id-token");
    writeFileSync(idTokenFile, "eyJ.id-token.sig");
    const keys = () => new Response(JSON.stringify(credentialAnswer(3_600_000)), { status: 201, headers: { "content-type": "application/json" } });
    const { fetch, seen } = scripted(busy, token, keys);
    const load = federatedLoader({ idpId: "idp", idTokenFile, iamEndpoint: IAM });
    await expect(load(context(fetch), new AbortController().signal)).resolves.toMatchObject({ securityToken: expect.any(String) });
    expect(seen).toEqual(["POST /v3.0/OS-AUTH/id-token/tokens", "POST /v3.0/OS-AUTH/id-token/tokens", "POST /v3.0/OS-CREDENTIAL/securitytokens"]);
  });

  it("project discovery retries a success answer that is not the JSON KeystoneListProjects promises", async () => {
    const page = () => new Response("<html>maintenance</html>", { status: 200, headers: { "content-type": "text/html" } });
    const projects = () =>
      new Response(JSON.stringify({ projects: [{ id: PROJECT, name: "cn-north-4" }] }), { status: 200, headers: { "content-type": "application/json" } });
    const { fetch, seen } = scripted(page, projects);
    const discover = projectDiscovery({ region: "cn-north-4", iamEndpoint: IAM, allowInsecureHttp: false, auth: tokenAuth("t"), fetch, logger: quiet });
    await expect(discover(undefined)).resolves.toEqual({ projectId: PROJECT, source: "iam" });
    expect(seen).toEqual(["GET /v3/projects", "GET /v3/projects"]);
  });
});
