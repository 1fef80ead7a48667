// Issue 12, auth side: the caller's signal bounds the token fetch, and credentials that cannot be header values
// are refused when the strategy is built, naming the field and never echoing the value.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { akskAuth } from "../../src/auth/aksk.js";
import { createIamTokenClient, IAM_OPERATIONS } from "../../src/auth/iam-token.js";
import { passwordAuth } from "../../src/auth/password.js";
import { signRequest } from "../../src/auth/signer.js";
import { tokenAuth } from "../../src/auth/token.js";
import { AbortError, InvalidResponseError, ValidationError } from "../../src/errors.js";
import { createDdsClient } from "../../src/services/dds.js";
import type { AuthContext, Logger } from "../../src/options.js";
import { json, startScriptedServer, type Handler } from "../helpers/scripted-server.js";

type Server = Awaited<ReturnType<typeof startScriptedServer>>;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const listAnswer = { instances: [], total_count: 0 };
const quiet: Logger = { error() {}, warn() {}, info() {}, debug() {} };

/** An IAM stub that answers a valid token after `delayMs` (never, for Infinity); `closed` counts requests the client dropped. */
function slowIam(delayMs: number) {
  const state = { closed: 0, issued: 0 };
  const handler: Handler = (_req, res) => {
    res.on("close", () => {
      if (!res.writableEnded) state.closed++;
    });
    if (!Number.isFinite(delayMs)) return;
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(201, { "content-type": "application/json", "x-subject-token": `T${++state.issued}` });
      res.end(JSON.stringify({ token: { expires_at: new Date(Date.now() + 3600_000).toISOString(), methods: ["password"] } }));
    }, delayMs);
  };
  return { state, handler };
}

async function setup(iamHandler: Handler, iamTimeoutMs = 2_000) {
  const iam = await startScriptedServer(iamHandler);
  const dds = await startScriptedServer(json(200, listAnswer));
  servers.push(iam, dds);
  // A short IAM timeout and no retries, so the code that ignores the caller's signal fails in seconds, not minutes.
  const auth = passwordAuth({ domainName: "d", userName: "u", password: "p", projectId: "p1", iamEndpoint: iam.url, timeoutMs: iamTimeoutMs, maxRetries: 0 });
  const client = createDdsClient({ projectId: "p1", endpoint: dds.url, auth, logger: quiet });
  return { iam, dds, client };
}

/** Settles `promise`, giving its outcome and when it settled. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown; at: number }> {
  try {
    return { value: await promise, at: Date.now() };
  } catch (error) {
    return { error, at: Date.now() };
  }
}

const until = async (condition: () => boolean, ms = 2_000) => {
  for (const end = Date.now() + ms; !condition(); ) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("passwordAuth: the caller's signal bounds the token request", () => {
  it("a call aborted while IAM never answers rejects with AbortError at once, not after the IAM timeout", async () => {
    const never = slowIam(Infinity);
    const { iam, dds, client } = await setup(never.handler);
    const controller = new AbortController();
    const call = settle(client.listInstances({}, { signal: controller.signal }));
    await until(() => iam.requests.length === 1);
    await new Promise((r) => setTimeout(r, 300 - 5));
    const abortedAt = Date.now();
    controller.abort();
    const { error, at } = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect(at - abortedAt).toBeLessThan(150);
    expect(dds.requests).toHaveLength(0);
    // The only caller gave up, so the token request itself is dropped too.
    await until(() => never.state.closed === 1);
  });

  it("a caller already aborted sends no token request", async () => {
    const { iam, client } = await setup(slowIam(0).handler);
    const err = await client.listInstances({}, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(iam.requests).toHaveLength(0);
  });

  it("one caller aborting leaves the shared token request to the others", async () => {
    const slow = slowIam(400);
    const { iam, dds, client } = await setup(slow.handler);
    const leaving = new AbortController();
    const started = Date.now();
    const a = settle(client.listInstances({}, { signal: leaving.signal }));
    const b = settle(client.listInstances());
    const c = settle(client.listInstances({}, { signal: new AbortController().signal }));
    await until(() => iam.requests.length === 1);
    leaving.abort();
    const first = await a;
    expect(first.error).toBeInstanceOf(AbortError);
    expect(first.at - started).toBeLessThan(300);
    const [second, third] = await Promise.all([b, c]);
    expect(second.error).toBeUndefined();
    expect(third.error).toBeUndefined();
    expect(second.value).toEqual(listAnswer);
    expect(iam.requests).toHaveLength(1);
    expect(slow.state.closed).toBe(0);
    expect(dds.requests.map((r) => r.headers["x-auth-token"])).toEqual(["T1", "T1"]);
  });

  it("when every waiting caller has aborted the token request is dropped, and the next call starts a new one", async () => {
    const slow = slowIam(300);
    const { iam, client } = await setup(slow.handler);
    const controllers = [new AbortController(), new AbortController()];
    const calls = controllers.map((c) => settle(client.listInstances({}, { signal: c.signal })));
    await until(() => iam.requests.length === 1);
    controllers[0]?.abort();
    await new Promise((r) => setTimeout(r, 20));
    expect(slow.state.closed).toBe(0);
    controllers[1]?.abort();
    for (const call of await Promise.all(calls)) expect(call.error).toBeInstanceOf(AbortError);
    await until(() => slow.state.closed === 1);
    // Right after the last abort, not the dropped request's late failure: a new caller gets a new token request.
    await expect(client.listInstances()).resolves.toEqual(listAnswer);
    expect(iam.requests).toHaveLength(2);
  });

  it("tokenAuth: a token function that never settles is left at the caller's abort", async () => {
    const dds = await startScriptedServer(json(200, listAnswer));
    servers.push(dds);
    const client = createDdsClient({ projectId: "p1", endpoint: dds.url, auth: tokenAuth(() => new Promise<string>(() => {})), logger: quiet });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const { error, at } = await settle(client.listInstances({}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(at - started).toBeLessThan(500);
    expect(dds.requests).toHaveLength(0);
  });

  it("keeps refusing an IAM 201 without X-Subject-Token or expires_at, and with a token that cannot be a header value", async () => {
    const body = {
      auth: {
        identity: { methods: ["password" as const], password: { user: { name: "u", password: "p", domain: { name: "d" } } } },
        scope: { project: { id: "p" } },
      },
    };
    const answers: Array<[string, Record<string, string>, unknown]> = [
      ["no token", {}, { token: { expires_at: "2030-01-01T00:00:00Z" } }],
      ["no expiry", { "x-subject-token": "T" }, { token: {} }],
      ["a DEL in the token", { "x-subject-token": "SECRET-TOKEN\u007f" }, { token: { expires_at: "2030-01-01T00:00:00Z" } }],
    ];
    for (const [what, headers, answer] of answers) {
      // A custom fetch can hand over header values the wire would not carry.
      const fetch = async () => new Response(JSON.stringify(answer), { status: 201, headers: { "content-type": "application/json", ...headers } });
      const iam = createIamTokenClient({ endpoint: "http://127.0.0.1:9", allowInsecureHttp: true, fetch, maxRetries: 0, logLevel: "off" }, IAM_OPERATIONS);
      const err = await iam.createTokenByPassword(body).catch((e: unknown) => e);
      expect(err, what).toBeInstanceOf(InvalidResponseError);
      expect(everyView(err), what).not.toContain("SECRET-TOKEN");
    }
  });
});

function everyView(value: unknown): string {
  return [
    inspect(value, { depth: 20, showHidden: true, getters: true }),
    JSON.stringify(value) ?? "",
    String(value),
    value instanceof Error ? `${value.stack}` : "",
  ].join("\n");
}

/** The ValidationError `fn` throws (or rejects with), checked to name `field` and to hold `secret` nowhere. */
async function refused(fn: () => unknown, field: string, secret: string): Promise<void> {
  let caught: unknown;
  try {
    await fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, `${field} accepted`).toBeInstanceOf(ValidationError);
  const err = caught as ValidationError;
  expect(err.issues.map((i) => i.path)).toContain(`auth.${field}`);
  for (const view of [err.message, String(err.stack), JSON.stringify(err), inspect(err, { depth: 20, showHidden: true }), everyView(err)]) {
    expect(view.includes(secret), `${field}: the value leaked`).toBe(false);
  }
}

// Each would break the header or the request: NUL, CR/LF, other controls, DEL, C1 controls and characters above U+00FF.
const BAD_TAILS = ["\u0000", "\r", "\n", "\u0001", "\t", "\u001b[31m", "\u007f", "\u009b", "\u0100", "€", "\u{1f511}", "\ud800"];
const SECRET = "VERY-SECRET-cred-4f3e2d";
/** Test names in code points, so no control character reaches the reporter's terminal. */
const named = (tails: string[]) =>
  tails.map((t) => [[...t].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`).join(" "), t]);

describe("credentials that cannot be header values are refused when the strategy is built", () => {
  it.each(named(BAD_TAILS))("tokenAuth with %s", async (_name, tail) => {
    await refused(() => tokenAuth(`${SECRET}${tail}x`), "token", SECRET);
  });

  it.each(named(BAD_TAILS))("a token function returning %s, at call time", async (_name, tail) => {
    const strategy = tokenAuth(() => `${SECRET}${tail}x`);
    await refused(
      () => strategy.authenticate({ method: "GET", url: new URL("http://127.0.0.1/"), headers: new Headers(), body: undefined }, {} as AuthContext),
      "token",
      SECRET,
    );
  });

  it.each(named(BAD_TAILS))("akskAuth with %s in each field", async (_name, tail) => {
    const bad = `${SECRET}${tail}x`;
    await refused(() => akskAuth({ accessKeyId: bad, secretAccessKey: "SK" }), "accessKeyId", SECRET);
    await refused(() => akskAuth({ accessKeyId: "AK", secretAccessKey: bad }), "secretAccessKey", SECRET);
    await refused(() => akskAuth({ accessKeyId: "AK", secretAccessKey: "SK", securityToken: bad }), "securityToken", SECRET);
  });

  it.each(named(BAD_TAILS))("signRequest on its own refuses %s in the access key id or security token, without echoing it", async (_name, tail) => {
    const bad = `${SECRET}${tail}x`;
    for (const creds of [
      { accessKeyId: bad, secretAccessKey: "SK" },
      { accessKeyId: "AK", secretAccessKey: "SK", securityToken: bad },
    ]) {
      const err = await signRequest({ method: "GET", url: "https://apig.cn-north-4.myhuaweicloud.com/v2/p/apigw/instances" }, creds).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(everyView(err)).not.toContain(SECRET);
    }
  });

  it("akskAuth refuses an access key id the Authorization header cannot carry (space, ',' or '=')", async () => {
    for (const bad of [`${SECRET} x`, `${SECRET},x`, `${SECRET}=x`])
      await refused(() => akskAuth({ accessKeyId: bad, secretAccessKey: "SK" }), "accessKeyId", SECRET);
  });

  it("accepts Latin-1 letters and printable ASCII, which headers carry", async () => {
    const request = { method: "GET", url: new URL("http://127.0.0.1/"), headers: new Headers(), body: undefined };
    await tokenAuth("tök-en_~!#$%&'*+./:;<=>?@[]^`{|}").authenticate(request, {} as AuthContext);
    expect(request.headers.get("X-Auth-Token")).toBe("tök-en_~!#$%&'*+./:;<=>?@[]^`{|}");
    expect(akskAuth({ accessKeyId: "AK", secretAccessKey: "s k,=é", securityToken: "sts/+=é" }).kind).toBe("aksk");
  });

  it("passwordAuth: the password and names go in the JSON body, so any text is taken", () => {
    expect(
      passwordAuth({ domainName: "dömain", userName: "用户", password: "p\u0100ss\u007f €", projectId: "p", iamEndpoint: "https://iam.example.com" }).kind,
    ).toBe("password");
  });
});
