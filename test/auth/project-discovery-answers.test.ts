import { describe, expect, it } from "vitest";
import type { CredentialsInfo } from "../../src/auth/credentials.js";
import { projectDiscovery, type ProjectDiscoveryOptions } from "../../src/auth/project-discovery.js";
import { tokenAuth } from "../../src/auth/token.js";
import { AbortError, CredentialsError, ProjectDiscoveryError } from "../../src/errors.js";
import type { AuthContext, AuthStrategy, Logger } from "../../src/options.js";
import { json, scriptedServers } from "../helpers/scripted-server.js";

const start = scriptedServers();
const REGION = "cn-north-4";

/** A logger keeping every line, by level. */
function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    error: (m) => void lines.push(`error ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    info: (m) => void lines.push(`info ${m}`),
    debug: (m) => void lines.push(`debug ${m}`),
  };
  return { logger, lines };
}

const info = (over: Partial<CredentialsInfo> = {}): CredentialsInfo => ({
  provider: "fake",
  expiresAt: undefined,
  projectId: undefined,
  domainId: undefined,
  iamEndpoint: undefined,
  ...over,
});

/** A credentials strategy that signs nothing and describes itself as `describeAs` answers. */
function fakeCredentials(describeAs: (context: Partial<AuthContext>) => CredentialsInfo, authenticate: AuthStrategy["authenticate"] = async () => {}) {
  return { kind: "fake", authenticate, describe: async (context: Partial<AuthContext>) => describeAs(context) };
}

function discovery(over: Partial<ProjectDiscoveryOptions>) {
  return projectDiscovery({
    region: REGION,
    iamEndpoint: undefined,
    allowInsecureHttp: false,
    auth: tokenAuth("discovery-token"),
    fetch: (input, init) => globalThis.fetch(input, init),
    logger: recordingLogger().logger,
    maxRetries: 0,
    ...over,
  });
}

describe("projectDiscovery answers", () => {
  it("asks the credentials with the client's fetch, logger, iamEndpoint and a signal, and keeps the project they name", async () => {
    const seen: Partial<AuthContext>[] = [];
    const fetch: typeof globalThis.fetch = async () => new Response("{}", { status: 500 });
    const { logger } = recordingLogger();
    const auth = fakeCredentials((context) => {
      seen.push(context);
      return info({ provider: "profile", projectId: "p-named" });
    });
    const discover = discovery({ auth, fetch, logger, iamEndpoint: "http://127.0.0.1:9" });
    expect(await discover(undefined)).toEqual({ projectId: "p-named", source: "profile" });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.fetch).toBe(fetch);
    expect(seen[0]?.logger).toBe(logger);
    expect(seen[0]?.iamEndpoint).toBe("http://127.0.0.1:9");
    expect(seen[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it("without auth, looks the project up unsigned and says it came from IAM", async () => {
    const server = await start(json(200, { projects: [{ id: "p-unsigned", name: REGION, domain_id: "d" }], links: { self: "x" } }));
    const { logger, lines } = recordingLogger();
    const discover = discovery({ auth: undefined, iamEndpoint: server.url, logger });
    expect(await discover(undefined)).toEqual({ projectId: "p-unsigned", source: "iam" });
    expect(server.requests[0]?.url).toBe(`/v3/projects?name=${REGION}`);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(lines).toContain(`info project of region ${REGION} discovered through IAM`);
  });

  it("with no IAM endpoint known, refuses before any request, naming the region", async () => {
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return new Response("{}", { status: 500 });
    };
    const discover = discovery({ auth: fakeCredentials(() => info()), fetch });
    const err = (await discover(undefined).catch((e: unknown) => e)) as ProjectDiscoveryError;
    expect(err).toBeInstanceOf(ProjectDiscoveryError);
    expect(err.message).toBe(`no IAM endpoint to discover the project of region ${REGION}: give projectId or iamEndpoint`);
    expect(err).toMatchObject({ region: REGION, projectIds: [] });
    expect(urls).toEqual([]);
  });

  it("takes the credentials' own IAM endpoint over the client's", async () => {
    const server = await start(json(200, { projects: [{ id: "p-own", name: REGION, domain_id: "d" }], links: { self: "x" } }));
    const discover = discovery({ auth: fakeCredentials(() => info({ iamEndpoint: server.url })), iamEndpoint: "http://127.0.0.1:9" });
    expect(await discover(undefined)).toEqual({ projectId: "p-own", source: "iam" });
    expect(server.requests).toHaveLength(1);
  });

  it("applies the client's maxResponseBytes to the lookup, and wraps what IAM did with no project id guessed", async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ id: `p-${i}`, name: REGION, domain_id: "d" }));
    const server = await start(json(200, { projects: many, links: { self: "x" } }));
    const discover = discovery({ iamEndpoint: server.url, maxResponseBytes: 200 });
    const err = (await discover(undefined).catch((e: unknown) => e)) as ProjectDiscoveryError;
    expect(err).toBeInstanceOf(ProjectDiscoveryError);
    expect(err.message).toMatch(
      new RegExp(
        `^the project of region ${REGION} could not be looked up at ${server.url} \\(ResponseTooLargeError: .*maxResponseBytes \\(200 bytes\\).*\\); give projectId$`,
      ),
    );
    expect(err.projectIds).toEqual([]);
    expect(err.cause).toMatchObject({ name: "ResponseTooLargeError" });
  });

  it("keeps only the non-empty string ids IAM lists", async () => {
    const listed = [{ id: "" }, { name: REGION }, { id: "p-only", name: REGION, domain_id: "d" }, { id: 7 }];
    const server = await start(json(200, { projects: listed, links: { self: "x" } }));
    expect(await discovery({ iamEndpoint: server.url })(undefined)).toEqual({ projectId: "p-only", source: "iam" });
  });

  it("passes over a null entry in IAM's list", async () => {
    const server = await start(json(200, { projects: [null, { id: "p-after-null", name: REGION, domain_id: "d" }], links: { self: "x" } }));
    expect(await discovery({ iamEndpoint: server.url })(undefined)).toEqual({ projectId: "p-after-null", source: "iam" });
  });

  it.each([
    ["a CredentialsError", () => new CredentialsError("the token provider is down")],
    ["an AbortError", () => new AbortError("the signer was stopped")],
    ["an error of no SDK type", () => new TypeError("signer bug")],
  ])("lets %s of the signing auth through unwrapped", async (_what, make) => {
    const server = await start(json(200, { projects: [], links: { self: "x" } }));
    const thrown = make();
    const auth = fakeCredentials(
      () => info(),
      async () => {
        throw thrown;
      },
    );
    const err = await discovery({ auth, iamEndpoint: server.url })(undefined).catch((e: unknown) => e);
    expect(err).toBe(thrown);
    expect(server.requests).toHaveLength(0);
  });

  it("ends the IAM request when the caller aborts, naming the lookup", async () => {
    let fetchSignal: AbortSignal | undefined;
    let called!: () => void;
    const reached = new Promise<void>((resolve) => {
      called = resolve;
    });
    const fetch: typeof globalThis.fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        fetchSignal = init?.signal ?? undefined;
        fetchSignal?.addEventListener("abort", () => reject(fetchSignal?.reason), { once: true });
        called();
      });
    const controller = new AbortController();
    const pending = discovery({ iamEndpoint: "http://127.0.0.1:9", fetch, timeoutMs: 5_000 })(controller.signal);
    await reached;
    controller.abort();
    const err = (await pending.catch((e: unknown) => e)) as AbortError;
    expect(err).toBeInstanceOf(AbortError);
    expect(err.message).toMatch(/^the project id lookup was aborted/);
    await Promise.resolve();
    expect(fetchSignal?.aborted).toBe(true);
  });
});
