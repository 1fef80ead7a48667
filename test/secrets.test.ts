import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  akskAuth,
  createApigClient,
  createDdsClient,
  createIamClient,
  defaultCredentials,
  environmentCredentials,
  metadataCredentials,
  passwordAuth,
  tokenAuth,
  ValidationError,
  type Logger,
} from "../src/index.js";
import { json, startScriptedServer, type Handler } from "./helpers/scripted-server.js";

const SECRETS = {
  token: "TOKEN-very-secret-1f2e3d",
  sk: "SK-very-secret-9a8b7c6d",
  securityToken: "STS-very-secret-5e4d3c",
  password: "PW-very-secret-7h6g5f",
};

type Server = Awaited<ReturnType<typeof startScriptedServer>>;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A logger that keeps everything it is given, at every level. */
function capturingLogger() {
  const lines: string[] = [];
  const log = (level: string) => (message: string, details?: Record<string, unknown>) => lines.push(`${level} ${message} ${inspect(details, { depth: 10 })}`);
  const logger: Logger = { error: log("error"), warn: log("warn"), info: log("info"), debug: log("debug") };
  return { logger, lines };
}

/** Answers 401 echoing every request header back, as a hostile or buggy proxy might. */
const echoHeaders401: Handler = (_req, res) => {
  res.writeHead(401, {
    "content-type": "application/json",
    "x-request-id": "r1",
    "set-cookie": `s=${SECRETS.token}`,
    "x-subject-token": SECRETS.token,
    "x-auth-token": SECRETS.token,
  });
  res.end(JSON.stringify({ error_code: "APIC.7102", error_msg: "Incorrect token or token resolution failed" }));
};

function expectNoSecret(where: string, text: string) {
  for (const [name, secret] of Object.entries(SECRETS)) {
    expect(text.includes(secret), `${name} leaked into ${where}`).toBe(false);
  }
}

function everyView(value: unknown): string {
  return [
    inspect(value, { depth: 20, showHidden: true, getters: true }),
    JSON.stringify(value) ?? "",
    String(value),
    value instanceof Error ? `${value.stack}` : "",
  ].join("\n");
}

describe("secrets never leak", () => {
  it("through errors, logs, inspect and JSON of token and AK/SK clients", async () => {
    const server = await startScriptedServer(echoHeaders401);
    servers.push(server);
    const { logger, lines } = capturingLogger();
    const strategies = [tokenAuth(SECRETS.token), akskAuth({ accessKeyId: "AK", secretAccessKey: SECRETS.sk, securityToken: SECRETS.securityToken })];
    for (const auth of strategies) {
      const apig = createApigClient({ projectId: "p", endpoint: server.url, auth, logger, logLevel: "debug", maxRetries: 1 });
      const err = await apig.getInstance("i").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expectNoSecret("error", everyView(err));
      expectNoSecret("error.headers", JSON.stringify((err as { headers: unknown }).headers));
      expectNoSecret("client", everyView(apig));
      expectNoSecret("strategy", everyView(auth));
    }
    // The secrets did travel: the test would be vacuous otherwise.
    expect(server.requests.some((r) => r.headers["x-auth-token"] === SECRETS.token)).toBe(true);
    expect(server.requests.some((r) => r.headers["x-security-token"] === SECRETS.securityToken)).toBe(true);
    expect(lines.length).toBeGreaterThan(0);
    expectNoSecret("logs", lines.join("\n"));
  });

  it("when a hostile server echoes every credential it got in error_msg, the body and a custom header", async () => {
    // Echoes every request header value and the request body back, in the message, the body and headers.
    const echoAll: Handler = (req, res) => {
      const seen = `${Object.values(req.headers).join(" | ")} | ${req.body}`;
      res.writeHead(500, { "content-type": "application/json", "x-echo": encodeURIComponent(seen).slice(0, 4000) });
      res.end(JSON.stringify({ error_code: "APIG.0000", error_msg: `bad request: ${seen}`, detail: { seen, nested: [seen] } }));
    };
    const server = await startScriptedServer(echoAll);
    servers.push(server);
    const { logger, lines } = capturingLogger();
    for (const auth of [tokenAuth(SECRETS.token), akskAuth({ accessKeyId: "AK", secretAccessKey: SECRETS.sk, securityToken: SECRETS.securityToken })]) {
      const apig = createApigClient({ projectId: "p", endpoint: server.url, auth, logger, logLevel: "debug", maxRetries: 1 });
      const err = await apig.getInstance("i").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toContain("[REDACTED]");
      expectNoSecret("error", everyView(err));
      expectNoSecret("error.body", JSON.stringify((err as { body: unknown }).body));
      expectNoSecret("error.headers", JSON.stringify((err as { headers: unknown }).headers));
      const signature = /Signature=([0-9a-f]+)/.exec(String(server.requests.at(-1)?.headers.authorization ?? ""))?.[1];
      if (signature) expect(everyView(err)).not.toContain(signature);
    }
    const iam = createIamClient({ endpoint: server.url, logger, logLevel: "debug", maxRetries: 0 });
    const body = {
      auth: {
        identity: { methods: ["password" as const], password: { user: { name: "u", password: SECRETS.password, domain: { name: "d" } } } },
        scope: { project: { name: "cn-north-4" } },
      },
    };
    const iamErr = await iam.createTokenByPassword(body).catch((e: unknown) => e);
    expect(server.requests.at(-1)?.body).toContain(SECRETS.password);
    expectNoSecret("IAM error", everyView(iamErr));
    expect(server.requests.some((r) => r.headers["x-auth-token"] === SECRETS.token)).toBe(true);
    expectNoSecret("logs", lines.join("\n"));
  });

  it("through the credential providers: temporary keys from a metadata service that then rejects them, env keys", async () => {
    // Answers the metadata API with temporary keys made of the secrets, and every other request with 401 echoing headers.
    const server = await startScriptedServer((req, res) => {
      if (req.url === "/meta-data/latest/api/token") return void res.end("session-token");
      if (req.url === "/openstack/latest/securitykey") {
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end(
          JSON.stringify({
            credential: {
              access: "TMPAK",
              secret: SECRETS.sk,
              securitytoken: SECRETS.securityToken,
              expires_at: new Date(Date.now() + 3_600_000).toISOString(),
            },
          }),
        );
      }
      echoHeaders401(req, res, 0);
    });
    servers.push(server);
    const { logger, lines } = capturingLogger();
    vi.stubEnv("HUAWEICLOUD_SDK_AK", "ENVAK");
    vi.stubEnv("HUAWEICLOUD_SDK_SK", SECRETS.sk);
    // The metadata provider is asked here, of this test's own loopback server (the test guard turns it off).
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_DISABLED", undefined);
    try {
      for (const auth of [metadataCredentials({ endpoint: server.url }), environmentCredentials(), defaultCredentials()]) {
        const dds = createDdsClient({ projectId: "p", endpoint: server.url, auth, logger, logLevel: "debug", maxRetries: 0 });
        const err = await dds.listInstances().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(Error);
        expectNoSecret("error", everyView(err));
        expectNoSecret("client", everyView(dds));
        expectNoSecret("strategy", everyView(auth));
        expectNoSecret("describe()", JSON.stringify(await auth.describe()));
      }
    } finally {
      vi.unstubAllEnvs();
    }
    expect(server.requests.some((r) => r.headers["x-security-token"] === SECRETS.securityToken)).toBe(true);
    expectNoSecret("logs", lines.join("\n"));
  });

  it("through the password strategy, its IAM call and a failing token request", async () => {
    const iam = await startScriptedServer(json(401, { error: { code: 401, message: "The username or password is wrong.", title: "Unauthorized" } }));
    const dds = await startScriptedServer(json(200, { instances: [], total_count: 0 }));
    servers.push(iam, dds);
    const { logger, lines } = capturingLogger();
    const auth = passwordAuth({ domainName: "d", userName: "u", password: SECRETS.password, projectId: "p", iamEndpoint: iam.url });
    const client = createDdsClient({ projectId: "p", endpoint: dds.url, auth, logger, logLevel: "debug" });
    const err = await client.listInstances().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(iam.requests[0]?.body).toContain(SECRETS.password);
    expectNoSecret("error", everyView(err));
    expectNoSecret("strategy", everyView(auth));
    expectNoSecret("client", everyView(client));
    expectNoSecret("logs", lines.join("\n"));
  });

  it("through validation errors about credentials", () => {
    const attempts = [
      () => tokenAuth(`${SECRETS.token}\r\nX-Evil: 1`),
      () => akskAuth({ accessKeyId: "AK", secretAccessKey: `${SECRETS.sk}\n` }),
      () => akskAuth({ accessKeyId: "AK", secretAccessKey: "s", securityToken: `${SECRETS.securityToken}\r` }),
    ];
    for (const attempt of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(Error);
      expectNoSecret("validation error", everyView(caught));
    }
  });

  it("through credentials no header can carry, refused at creation or, from a token function, before anything is sent", async () => {
    for (const tail of ["\u0000", "\u007f", "\u0100", "\u{1f511}", "\u001b]0;title\u0007"]) {
      const attempts = [
        () => tokenAuth(`${SECRETS.token}${tail}`),
        () => akskAuth({ accessKeyId: "AK", secretAccessKey: "s", securityToken: `${SECRETS.securityToken}${tail}` }),
        () => akskAuth({ accessKeyId: "AK", secretAccessKey: `${SECRETS.sk}${tail}` }),
      ];
      for (const attempt of attempts) {
        const caught = (() => {
          try {
            attempt();
          } catch (e) {
            return e;
          }
          throw new Error(`accepted ${JSON.stringify(tail)}`);
        })();
        expect(caught).toBeInstanceOf(ValidationError);
        expectNoSecret("validation error", everyView(caught));
      }
      const server = await startScriptedServer(json(200, {}));
      servers.push(server);
      const apig = createApigClient({ projectId: "p", endpoint: server.url, auth: tokenAuth(() => `${SECRETS.token}${tail}`), logLevel: "off" });
      const err = await apig.getInstance("i").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expectNoSecret("call-time validation error", everyView(err));
      expect(server.requests).toHaveLength(0);
    }
  });

  it("through the IAM client's token answer", async () => {
    const server = await startScriptedServer((_r, res) => {
      res.writeHead(201, { "content-type": "application/json", "x-subject-token": SECRETS.token });
      res.end(JSON.stringify({ token: { expires_at: "2030-01-01T00:00:00Z", methods: ["password"] } }));
    });
    servers.push(server);
    const { logger, lines } = capturingLogger();
    const iam = createIamClient({ endpoint: server.url, logger, logLevel: "debug" });
    const issued = await iam.createTokenByPassword({
      auth: {
        identity: { methods: ["password"], password: { user: { name: "u", password: SECRETS.password, domain: { name: "d" } } } },
        scope: { project: { name: "cn-north-4" } },
      },
    });
    expect(issued.token).toBe(SECRETS.token);
    expectNoSecret("logs", lines.join("\n"));
    expectNoSecret("client", everyView(iam));
  });
});
