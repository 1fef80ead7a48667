// The federation exchange driven through a fake fetch: nothing leaves the process, every request is recorded.
import { mkdtempSync, promises, rmSync, writeFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { federatedCredentials, federatedLoader } from "../../src/auth/federated.js";
import { AuthenticationError, CredentialsError, ValidationError } from "../../src/errors.js";
import type { AuthContext } from "../../src/options.js";
import { credentialAnswer } from "./credential-fixtures.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hwgw-fed-answers-"));
  vi.stubEnv("HUAWEICLOUD_SDK_IAM_ENDPOINT", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});
const tokenFile = (text = "eyJ.id-token.sig") => {
  const path = join(dir, "id-token");
  writeFileSync(path, text);
  return path;
};

interface Seen {
  url: string;
  body: unknown;
  signal: AbortSignal | undefined;
}
type Answer = (seen: Seen) => Response | Promise<Response>;

const tokenAnswer: Answer = () =>
  new Response(JSON.stringify({ token: { methods: ["mapped"], expires_at: new Date(Date.now() + 3_600_000).toISOString() } }), {
    status: 201,
    headers: { "content-type": "application/json", "x-subject-token": "unscoped-token" },
  });
const keysAnswer =
  (body: unknown = credentialAnswer(3_600_000)): Answer =>
  () =>
    new Response(JSON.stringify(body), { status: 201, headers: { "content-type": "application/json" } });
/** Never answers; rejects like fetch once the request's signal aborts. */
const hang: Answer = ({ signal }) =>
  new Promise((_, reject) => signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")), { once: true }));
const refuse: Answer = () =>
  new Response(JSON.stringify({ error: { code: "1101", message: "the ID token is not valid" } }), {
    status: 401,
    headers: { "content-type": "application/json" },
  });

/** A fetch answering the token request, then the securitytokens request. */
function fakeIam(onToken: Answer, onKeys: Answer = keysAnswer()) {
  const seen: Seen[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const s: Seen = { url: String(input), body: JSON.parse(String(new TextDecoder().decode(init?.body as Uint8Array))), signal: init?.signal ?? undefined };
    seen.push(s);
    return (s.url.includes("/OS-AUTH/id-token/tokens") ? onToken : onKeys)(s);
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}
const silent = { error() {}, warn() {}, info() {}, debug() {} };
const contextWith = (fetch: typeof globalThis.fetch): AuthContext => ({ fetch, projectId: undefined, signal: undefined, logger: silent });

function validationIssues(make: () => unknown) {
  try {
    make();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return { message: (err as ValidationError).message, issues: (err as ValidationError).issues };
  }
  throw new Error("no ValidationError");
}

describe("federatedCredentials option checks", () => {
  it("names the provider and each bad field, with its keyword and message", () => {
    const { message, issues } = validationIssues(() => federatedCredentials({ idpId: "", idTokenFile: "", durationSeconds: 899 }));
    expect(message).toMatch(/^federated credentials: /);
    expect(issues).toEqual([
      { path: "idpId", keyword: "minLength", message: "must be a non-empty string" },
      { path: "idTokenFile", keyword: "minLength", message: "must be a non-empty string" },
      { path: "durationSeconds", keyword: "maximum", message: "must be an integer from 900 to 86400" },
    ]);
  });

  it("the loader names the provider it stands for", () => {
    expect(validationIssues(() => federatedLoader({ idpId: "", idTokenFile: "f" }, "profile")).message).toBe(
      "profile credentials: idpId must be a non-empty string",
    );
  });

  it("refuses an idpId no header can carry, but accepts any text as the token file path", () => {
    expect(validationIssues(() => federatedCredentials({ idpId: "idp\nX-Evil: 1", idTokenFile: "f" })).issues).toEqual([
      expect.objectContaining({ path: "idpId", keyword: "pattern" }),
    ]);
    expect(() => federatedCredentials({ idpId: "idp", idTokenFile: join(dir, "令牌\u2028token") })).not.toThrow();
  });

  it.each([899, 86_401, 1000.5, -1, 0])("refuses durationSeconds %s", (durationSeconds) => {
    expect(validationIssues(() => federatedCredentials({ idpId: "idp", idTokenFile: "f", durationSeconds })).issues).toEqual([
      { path: "durationSeconds", keyword: "maximum", message: "must be an integer from 900 to 86400" },
    ]);
  });

  it.each([900, 86_400])("accepts durationSeconds %s and asks IAM for exactly that lifetime", async (durationSeconds) => {
    const iam = fakeIam(tokenAnswer);
    const auth = federatedCredentials({ idpId: "idp", idTokenFile: tokenFile(), iamEndpoint: "https://iam.example.com", durationSeconds });
    await auth.describe({ fetch: iam.fetch });
    expect(iam.seen[1]?.body).toMatchObject({ auth: { identity: { token: { id: "unscoped-token", duration_seconds: durationSeconds } } } });
  });
});

describe("federatedCredentials IAM endpoint", () => {
  it("takes HUAWEICLOUD_SDK_IAM_ENDPOINT when no endpoint is given", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_IAM_ENDPOINT", "https://iam-from-env.example.com");
    const iam = fakeIam(tokenAnswer);
    await federatedCredentials({ idpId: "idp", idTokenFile: tokenFile(), region: "cn-north-4" }).describe({ fetch: iam.fetch });
    expect(iam.seen.map((s) => s.url)).toEqual([
      "https://iam-from-env.example.com/v3.0/OS-AUTH/id-token/tokens",
      "https://iam-from-env.example.com/v3.0/OS-CREDENTIAL/securitytokens",
    ]);
  });

  it("takes the IAM endpoint of the region when neither option nor variable names one", async () => {
    const iam = fakeIam(tokenAnswer);
    await federatedCredentials({ idpId: "idp", idTokenFile: tokenFile(), region: "cn-north-4" }).describe({ fetch: iam.fetch });
    expect(iam.seen[0]?.url).toBe("https://iam.cn-north-4.myhuaweicloud.com/v3.0/OS-AUTH/id-token/tokens");
  });
});

describe("federatedCredentials failures", () => {
  it("names the code when the ID token file cannot be read", async () => {
    const auth = federatedCredentials({ idpId: "idp", idTokenFile: dir, iamEndpoint: "https://iam.example.com" });
    const err = await auth.describe({ fetch: fakeIam(tokenAnswer).fetch }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect((err as Error).message).toBe(`federated: the ID token file ${dir} cannot be read (EISDIR)`);
  });

  it("says `error` when the read fails without a code", async () => {
    // The CommonJS object behind node:fs/promises; syncBuiltinESMExports hands the spy to its ESM named export.
    const spy = vi.spyOn(promises, "readFile").mockRejectedValue(new Error("no code here"));
    syncBuiltinESMExports();
    try {
      const auth = federatedCredentials({ idpId: "idp", idTokenFile: tokenFile(), iamEndpoint: "https://iam.example.com" });
      await expect(auth.describe({ fetch: fakeIam(tokenAnswer).fetch })).rejects.toThrow(/^federated: the ID token file .* cannot be read \(error\)$/);
    } finally {
      spy.mockRestore();
      syncBuiltinESMExports();
    }
  });

  it("a securitytokens answer without keys is a CredentialsError naming the operation, not wrapped again", async () => {
    const iam = fakeIam(tokenAnswer, keysAnswer({ credential: { access: "AK" } }));
    const auth = federatedCredentials({ idpId: "idp", idTokenFile: tokenFile(), iamEndpoint: "https://iam.example.com" });
    const err = await auth.describe({ fetch: iam.fetch }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect((err as Error).message).toBe("federated (IAM securitytokens) answered without secret, securitytoken, expires_at");
  });

  it("an IAM refusal becomes a CredentialsError with the IAM error as its cause and no providers tried", async () => {
    const auth = federatedCredentials({ idpId: "idp", idTokenFile: tokenFile(), iamEndpoint: "https://iam.example.com", maxRetries: 0 });
    const err = (await auth.describe({ fetch: fakeIam(refuse).fetch }).catch((e: unknown) => e)) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/^federated: the IAM federation exchange at https:\/\/iam\.example\.com failed \(AuthenticationError: [^)]*\)$/);
    expect(err.tried).toEqual([]);
    expect(err.cause).toBeInstanceOf(AuthenticationError);
  });
});

describe("federatedLoader abort", () => {
  it.each([
    ["the token request", hang, keysAnswer()],
    ["the securitytokens request", tokenAnswer, hang],
  ])("aborting its signal during %s aborts that request and rejects with the AbortError itself", async (_, onToken, onKeys) => {
    const iam = fakeIam(onToken, onKeys);
    const load = federatedLoader({ idpId: "idp", idTokenFile: tokenFile(), iamEndpoint: "https://iam.example.com", timeoutMs: 2000, maxRetries: 0 });
    const controller = new AbortController();
    const loading = load(contextWith(iam.fetch), controller.signal);
    await vi.waitFor(() => expect(iam.seen.length).toBe(onToken === hang ? 1 : 2));
    controller.abort();
    expect(iam.seen.at(-1)?.signal?.aborted).toBe(true);
    const err = await loading.catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(CredentialsError);
    expect(err).toMatchObject({ name: "AbortError" });
  });
});
