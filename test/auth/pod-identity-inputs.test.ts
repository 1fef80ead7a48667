// Pod identity options, variables and agent answers, the agent faked by a fetch: nothing leaves the process.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type PodIdentityCredentialsOptions, podIdentityCredentials } from "../../src/auth/pod-identity.js";
import { CredentialsError, ValidationError } from "../../src/errors.js";
import { credentialAnswer } from "./credential-fixtures.js";

const URI = "http://127.0.0.1:9/credentials";
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hwgw-pod-inputs-"));
  vi.stubEnv("HC_CONTAINER_CREDENTIALS_FULL_URI", "");
  vi.stubEnv("HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});
const tokenFile = (text = "pod-token") => {
  const path = join(dir, "pod-token");
  writeFileSync(path, text);
  return path;
};

interface Seen {
  url: string;
  init: RequestInit | undefined;
}
/** A fetch answering every request with `answer()`, recording what it was asked. */
function fakeAgent(answer: () => Response = () => Response.json(credentialAnswer(3_600_000))) {
  const seen: Seen[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), init });
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const failure = (options: PodIdentityCredentialsOptions, fetch = fakeAgent().fetch) =>
  podIdentityCredentials(options)
    .describe({ fetch })
    .then(
      () => undefined,
      (err: unknown) => err as CredentialsError,
    );

describe("podIdentityCredentials timeoutMs", () => {
  it.each([0, -5, 60_001, 1.5, Number.NaN])("refuses %s before any I/O, naming the option and the range", (timeoutMs) => {
    let err: unknown;
    try {
      podIdentityCredentials({ timeoutMs });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toBe("podIdentityCredentials: timeoutMs must be an integer from 1 to 60000");
    expect((err as ValidationError).issues).toEqual([{ path: "timeoutMs", keyword: "maximum", message: "must be an integer from 1 to 60000" }]);
  });

  it.each([1, 60_000])("accepts %s", (timeoutMs) => {
    expect(() => podIdentityCredentials({ timeoutMs })).not.toThrow();
  });
});

describe("podIdentityCredentials variables", () => {
  it.each([
    ["only the URI", { HC_CONTAINER_CREDENTIALS_FULL_URI: URI }],
    ["only the token file", { HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: "token-file" }],
  ])("with %s set it is not configured, naming both variables", async (_, env) => {
    const agent = fakeAgent();
    const err = await failure({ env }, agent.fetch);
    expect(err?.message).toBe("podIdentity: HC_CONTAINER_CREDENTIALS_FULL_URI and HC_CONTAINER_AUTHORIZATION_TOKEN_FILE must both be set");
    expect(agent.seen).toEqual([]);
  });

  it.each(["not a url", "ftp://127.0.0.1/credentials", "git+https://127.0.0.1/credentials", "xhttp://127.0.0.1/credentials"])(
    "refuses the URI %s as not http(s), without asking anything",
    async (uri) => {
      const agent = fakeAgent();
      const err = await failure({ env: { HC_CONTAINER_CREDENTIALS_FULL_URI: uri, HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile() } }, agent.fetch);
      expect(err).toBeInstanceOf(CredentialsError);
      expect(err?.message).toBe("podIdentity: HC_CONTAINER_CREDENTIALS_FULL_URI is not an http(s) URL");
      expect(agent.seen).toEqual([]);
    },
  );

  it("reads process.env and the client's fetch when JavaScript passes null options", async () => {
    vi.stubEnv("HC_CONTAINER_CREDENTIALS_FULL_URI", URI);
    vi.stubEnv("HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile());
    const agent = fakeAgent();
    const info = await podIdentityCredentials(null as unknown as PodIdentityCredentialsOptions).describe({ fetch: agent.fetch });
    expect(info.provider).toBe("podIdentity");
    expect(agent.seen.map((s) => s.url)).toEqual([URI]);
  });
});

describe("podIdentityCredentials request", () => {
  const env = () => ({ HC_CONTAINER_CREDENTIALS_FULL_URI: URI, HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile(" pod-token\n") });

  it("posts {} as JSON with the token file's trimmed content as Authorization", async () => {
    const agent = fakeAgent();
    await podIdentityCredentials({ env: env() }).describe({ fetch: agent.fetch });
    expect(agent.seen).toHaveLength(1);
    expect(agent.seen[0]?.init).toMatchObject({ method: "POST", body: "{}", headers: { Authorization: "pod-token", "Content-Type": "application/json" } });
  });

  it("a token file holding only whitespace is missing, and nothing is asked", async () => {
    const agent = fakeAgent();
    const file = tokenFile(" \n\t");
    const err = await failure({ env: { HC_CONTAINER_CREDENTIALS_FULL_URI: URI, HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: file } }, agent.fetch);
    expect(err?.message).toBe(`podIdentity: the token file ${file} is missing, unreadable or empty`);
    expect(agent.seen).toEqual([]);
  });

  it("a redirect is refused, naming the provider", async () => {
    const err = await failure({ env: env() }, fakeAgent(() => new Response(null, { status: 302, headers: { location: "http://127.0.0.1:9/x" } })).fetch);
    expect(err?.message).toBe(`podIdentity: POST ${URI} answered a redirect (302), which is refused`);
  });

  it("an answer that is not JSON says so", async () => {
    const err = await failure({ env: env() }, fakeAgent(() => new Response("<html>busy</html>", { status: 200 })).fetch);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err?.message).toBe("podIdentity answered a body that is not JSON");
  });

  it("a JSON answer without keys names the provider and the missing fields", async () => {
    const err = await failure({ env: env() }, fakeAgent(() => Response.json({ credential: { access: "AK", secret: "SK" } })).fetch);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err?.message).toBe("podIdentity answered without securitytoken, expires_at");
  });
});
