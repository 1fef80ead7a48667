// The credential sources follow the call they serve: an already aborted signal sends nothing, and each federation
// exchange goes through the fetch of the call that needs it and the IAM endpoint the variables name at that moment
// (before, the first call's fetch and endpoint were kept for good).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fetchFromSource } from "../../src/auth/credential-fetch.js";
import { environmentCredentials } from "../../src/auth/environment.js";
import { federatedLoader } from "../../src/auth/federated.js";
import { AbortError } from "../../src/errors.js";
import type { AuthContext } from "../../src/options.js";
import { credentialAnswer } from "./credential-fixtures.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hwgw-fed-context-"));
  vi.stubEnv("HUAWEICLOUD_SDK_IAM_ENDPOINT", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});
const tokenFile = () => {
  const path = join(dir, "id-token");
  writeFileSync(path, "eyJ.id-token.sig");
  return path;
};

/** A fetch playing IAM's two federation answers, recording the URLs it was asked for. */
function fakeIam(keysLiveMs = 3_600_000) {
  const urls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    urls.push(url);
    if (url.includes("/OS-AUTH/id-token/tokens"))
      return new Response(JSON.stringify({ token: { methods: ["mapped"], expires_at: new Date(Date.now() + 3_600_000).toISOString() } }), {
        status: 201,
        headers: { "content-type": "application/json", "x-subject-token": "unscoped-token" },
      });
    return new Response(JSON.stringify(credentialAnswer(keysLiveMs)), { status: 201, headers: { "content-type": "application/json" } });
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}
const silent = { error() {}, warn() {}, info() {}, debug() {} };
const contextWith = (fetch: typeof globalThis.fetch): AuthContext => ({ fetch, projectId: undefined, signal: undefined, logger: silent });

describe("fetchFromSource with an already aborted signal", () => {
  it("is an AbortError at once, naming the provider and the reason, and sends nothing", async () => {
    let sent = 0;
    const fetch = (async () => {
      sent++;
      return new Response("{}");
    }) as typeof globalThis.fetch;
    const signal = AbortSignal.abort(new Error("caller left"));
    const err = await fetchFromSource("pod identity", fetch, "http://127.0.0.1:9/x", {}, 60_000, signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as Error).message).toBe("the pod identity credentials request was aborted: caller left");
    expect(sent).toBe(0);
  });
});

describe("federation exchanges use the current call's context", () => {
  it("a second load goes through the second call's fetch, not the first one's", async () => {
    const load = federatedLoader({ idpId: "idp", idTokenFile: tokenFile(), iamEndpoint: "https://iam.example.com" });
    const [first, second] = [fakeIam(), fakeIam()];
    await load(contextWith(first.fetch), new AbortController().signal);
    await load(contextWith(second.fetch), new AbortController().signal);
    expect(first.urls).toHaveLength(2);
    expect(second.urls).toEqual(["https://iam.example.com/v3.0/OS-AUTH/id-token/tokens", "https://iam.example.com/v3.0/OS-CREDENTIAL/securitytokens"]);
  });

  it("environmentCredentials takes a changed HUAWEICLOUD_SDK_IAM_ENDPOINT at the next load", async () => {
    const env = {
      HUAWEICLOUD_SDK_IDP_ID: "idp",
      HUAWEICLOUD_SDK_ID_TOKEN_FILE: tokenFile(),
      HUAWEICLOUD_SDK_IAM_ENDPOINT: "https://iam-a.example.com",
    } as Record<string, string>;
    // Keys living 60 ms are due for renewal 30 ms in (half their lifetime), so the second describe() loads again.
    const iam = fakeIam(60);
    const strategy = environmentCredentials({ env });
    await strategy.describe({ fetch: iam.fetch });
    env.HUAWEICLOUD_SDK_IAM_ENDPOINT = "https://iam-b.example.com";
    await new Promise((resolve) => setTimeout(resolve, 40));
    await strategy.describe({ fetch: iam.fetch });
    expect(iam.urls.map((u) => new URL(u).host)).toEqual(["iam-a.example.com", "iam-a.example.com", "iam-b.example.com", "iam-b.example.com"]);
  });
});
