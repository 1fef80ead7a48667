import { afterEach, describe, expect, it, vi } from "vitest";
import { passwordAuth, refreshTime } from "../../src/auth/password.js";
import { createDdsClient } from "../../src/services/dds.js";
import { AuthenticationError, ResponseTooLargeError, ValidationError } from "../../src/errors.js";
import { json, startScriptedServer, type Handler } from "../helpers/scripted-server.js";
import type { Logger } from "../../src/options.js";

// Counts the IAM clients passwordAuth builds, passing everything else through.
const built = vi.hoisted(() => ({ iamClients: 0 }));
vi.mock("../../src/auth/iam-token.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/auth/iam-token.js")>();
  return {
    ...original,
    createIamTokenClient: (...args: Parameters<typeof original.createIamTokenClient>) => {
      built.iamClients++;
      return original.createIamTokenClient(...args);
    },
  };
});

type Server = Awaited<ReturnType<typeof startScriptedServer>>;
const servers: Server[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const PASSWORD = "s3cret-Passw0rd!";
let tokenCounter = 0;

/** An IAM stub issuing tokens `T1`, `T2`… valid for `lifetimeMs`. */
function iamIssuing(lifetimeMs = 24 * 3600_000): Handler {
  return (req, res) => {
    const issued = new Date();
    const token = `T${++tokenCounter}`;
    res.writeHead(201, { "content-type": "application/json", "x-subject-token": token, "x-request-id": "iam-req" });
    res.end(
      JSON.stringify({
        token: { expires_at: new Date(issued.getTime() + lifetimeMs).toISOString(), issued_at: issued.toISOString(), methods: ["password"] },
        seen: JSON.parse(req.body),
      }),
    );
  };
}

const listAnswer = { instances: [], total_count: 0 };

async function setup(iamHandlers: Handler[], ddsHandlers: Handler[], lifetimeMs?: number) {
  const iam = await startScriptedServer(...(iamHandlers.length ? iamHandlers : [iamIssuing(lifetimeMs)]));
  const dds = await startScriptedServer(...ddsHandlers);
  servers.push(iam, dds);
  const auth = passwordAuth({ domainName: "acct", userName: "alice", password: PASSWORD, projectName: "cn-north-4", iamEndpoint: iam.url });
  const client = createDdsClient({ projectId: "p1", endpoint: dds.url, auth, logLevel: "off" });
  return { iam, dds, auth, client };
}

describe("passwordAuth", () => {
  it("gets a project-scoped token once and reuses it", async () => {
    const { iam, dds, client } = await setup([], [json(200, listAnswer)]);
    await client.listInstances();
    await client.listInstances();
    expect(iam.requests).toHaveLength(1);
    const sent = JSON.parse(iam.requests[0]?.body ?? "");
    expect(sent.auth.identity.password.user).toEqual({ name: "alice", password: PASSWORD, domain: { name: "acct" } });
    expect(sent.auth.scope).toEqual({ project: { name: "cn-north-4" } });
    const tokens = dds.requests.map((r) => r.headers["x-auth-token"]);
    expect(tokens[0]).toMatch(/^T\d+$/);
    expect(tokens[1]).toBe(tokens[0]);
  });

  it("shares one token request among concurrent calls", async () => {
    const { iam, dds, client } = await setup([], [json(200, listAnswer)]);
    await Promise.all(Array.from({ length: 25 }, () => client.listInstances()));
    expect(iam.requests).toHaveLength(1);
    expect(new Set(dds.requests.map((r) => r.headers["x-auth-token"])).size).toBe(1);
  });

  it("renews the token before it expires", async () => {
    // 20 minutes of validity against a 15-minute margin, capped at half the lifetime: renew after 10 minutes.
    const { iam, client } = await setup([], [json(200, listAnswer)], 20 * 60_000);
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    await client.listInstances();
    vi.setSystemTime(start + 9 * 60_000);
    await client.listInstances();
    expect(iam.requests).toHaveLength(1);
    vi.setSystemTime(start + 11 * 60_000);
    await client.listInstances();
    expect(iam.requests).toHaveLength(2);
  });

  it("on a 401 drops the cached token, gets a new one and sends the request once more", async () => {
    const { iam, dds, client } = await setup(
      [],
      [json(200, listAnswer), json(401, { error_code: "APIGW.0301", error_msg: "token expired" }), json(200, listAnswer)],
    );
    await client.listInstances();
    await client.listInstances();
    expect(iam.requests).toHaveLength(2);
    const tokens = dds.requests.map((r) => r.headers["x-auth-token"]);
    expect(tokens).toHaveLength(3);
    expect(tokens[1]).toBe(tokens[0]);
    expect(tokens[2]).not.toBe(tokens[1]);
  });

  it("a wrong password surfaces IAM's 401 as AuthenticationError, without the password", async () => {
    const { dds, client } = await setup(
      [json(401, { error: { code: 401, message: "The username or password is wrong.", title: "Unauthorized" } })],
      [json(200, listAnswer)],
    );
    const err = (await client.listInstances().catch((e: unknown) => e)) as AuthenticationError;
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.message).toBe("The username or password is wrong.");
    expect(dds.requests).toHaveLength(0);
    expect(JSON.stringify(err)).not.toContain(PASSWORD);
    expect(String(err.stack)).not.toContain(PASSWORD);
  });

  it("builds its IAM client once, when created, not per token request", async () => {
    const before = built.iamClients;
    const { iam, client } = await setup(
      [],
      [json(200, listAnswer), json(401, { error_code: "APIGW.0301", error_msg: "token expired" }), json(200, listAnswer)],
    );
    expect(built.iamClients).toBe(before + 1);
    await client.listInstances();
    await client.listInstances(); // 401: a second token request
    expect(iam.requests).toHaveLength(2);
    expect(built.iamClients).toBe(before + 1);
  });

  it("sends the token request through the host client's fetch and logs it to the host's logger, at the host's level", async () => {
    const iam = await startScriptedServer(iamIssuing());
    const dds = await startScriptedServer(json(200, listAnswer));
    servers.push(iam, dds);
    const run = async (logLevel: "debug" | "warn") => {
      const seen: string[] = [];
      const fetched: string[] = [];
      const log = (level: string) => (message: string) => seen.push(`${level} ${message}`);
      const logger: Logger = { error: log("error"), warn: log("warn"), info: log("info"), debug: log("debug") };
      const fetch: typeof globalThis.fetch = (input, init) => {
        fetched.push(new Request(input, init).url);
        return globalThis.fetch(input, init);
      };
      const auth = passwordAuth({ domainName: "acct", userName: "alice", password: PASSWORD, projectId: "p1", iamEndpoint: iam.url });
      await createDdsClient({ projectId: "p1", endpoint: dds.url, auth, logger, logLevel, fetch }).listInstances();
      return { seen, fetched };
    };
    const verbose = await run("debug");
    expect(verbose.fetched).toEqual([`${iam.url}/v3/auth/tokens?nocatalog=true`, `${dds.url}/v3/p1/instances`]);
    expect(verbose.seen).toContainEqual(expect.stringMatching(/^debug POST \/v3\/auth\/tokens → 201/));
    expect(verbose.seen.join("\n")).not.toContain(PASSWORD);
    const quiet = await run("warn");
    expect(quiet.fetched).toHaveLength(2);
    expect(quiet.seen).toEqual([]);
  });

  it("checks the IAM client's options when created, named as passwordAuth's", () => {
    const err = (() => {
      try {
        passwordAuth({ domainName: "d", userName: "u", password: "p", projectId: "x", iamEndpoint: "http://iam.example.com", maxRetries: 99 });
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error("accepted");
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues.map((i) => i.path)).toEqual(["auth.iamEndpoint", "auth.maxRetries"]);
  });

  it("bounds the token answer by its own maxResponseBytes (a typed error, the oversize answer not kept)", async () => {
    const iam = await startScriptedServer((_req, res) => {
      res.writeHead(201, { "content-type": "application/json", "x-subject-token": "T-big" });
      res.end(
        JSON.stringify({
          token: { expires_at: new Date(Date.now() + 3600_000).toISOString(), issued_at: new Date().toISOString() },
          pad: "x".repeat(64 * 1024),
        }),
      );
    });
    const dds = await startScriptedServer(json(200, listAnswer));
    servers.push(iam, dds);
    const auth = passwordAuth({
      domainName: "acct",
      userName: "alice",
      password: PASSWORD,
      projectName: "cn-north-4",
      iamEndpoint: iam.url,
      maxResponseBytes: 16 * 1024,
      maxRetries: 0,
    });
    const client = createDdsClient({ projectId: "p1", endpoint: dds.url, auth, logLevel: "off" });
    const err = await client.listInstances().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseTooLargeError);
    expect(String((err as Error).message)).not.toContain(PASSWORD);
    expect(dds.requests).toHaveLength(0);
    expect(() =>
      passwordAuth({ domainName: "d", userName: "u", password: "p", projectId: "x", iamEndpoint: "http://iam.example.com", maxResponseBytes: 0 }),
    ).toThrow(/auth\.maxResponseBytes/);
  });

  it("validates its options, naming each field", () => {
    const err = (() => {
      try {
        passwordAuth({ domainName: "", userName: "u", password: "p", projectId: "x", projectName: "y", region: "cn-north-4" } as never);
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error("accepted");
    })();
    expect(err.issues.map((i) => i.path)).toEqual(["auth.domainName", "auth.projectId"]);
  });
});

describe("refreshTime", () => {
  it("measures the lifetime on the server clock and lays it on ours", () => {
    // Server clock one hour ahead: a token issued "at 13:00" valid to "13:20" still lasts 20 minutes here.
    const t = refreshTime(1_000_000, "2026-01-01T13:00:00Z", "2026-01-01T13:20:00Z", 15 * 60_000);
    expect(t).toBe(1_000_000 + 10 * 60_000);
    expect(refreshTime(0, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", 15 * 60_000)).toBe(24 * 3600_000 - 15 * 60_000);
  });
});
