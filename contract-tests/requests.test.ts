/**
 * Layer 2, requests conform: every SDK method runs against the Prism mocks (started with `--errors`) under every
 * auth mode its operation accepts, through the recording transport of support/recording-fetch.ts, which fails on
 * any `sl-violations` entry and re-validates each request with Ajv against the same spec file, including what
 * Prism lets through (undocumented query parameters and headers, raw path encoding, credentials where none are
 * documented, AK/SK signatures that do not match the bytes sent).
 *
 * Canaries: requests that Prism itself MUST reject, and requests that only our checks reject, so a Prism upgrade
 * that stops validating, or a weakened transport check, fails this file.
 */
import { describe, expect, inject, it } from "vitest";
import { signRequest } from "../src/auth/signer.js";
import { ContractViolation, createRecordingFetch } from "./support/recording-fetch.js";
import { REQUEST_CASES, REQUESTS_SUITE, requestCaseTitle } from "./support/request-cases.js";
import { SDK_METHODS } from "./support/sdk.js";
import { createClients, PRISM_AKSK, PRISM_TOKEN, type AuthMode } from "./support/sdk-clients.js";
import { inputs } from "./support/sdk-inputs.js";
import { examplePath, findOperation, parameterExample, requestExample, successResponse } from "./support/spec.js";
import type { ApiName } from "./support/spec-files.js";
import { parseViolations, type Violation } from "./support/violations.js";

const subjectTokenExample = (): string => {
  const h = successResponse(findOperation("CreateTokenByPassword")).headers.find((x) => x.name.toLowerCase() === "x-subject-token");
  if (typeof h?.example !== "string") throw new Error("iam.yaml documents no X-Subject-Token example");
  return h.example;
};

const projectOf = (api: ApiName): string | undefined => {
  if (api === "apig") return String(parameterExample(findOperation("ShowInstance"), "project_id"));
  if (api === "dds") return String(parameterExample(findOperation("ListInstances"), "project_id"));
  return undefined;
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

interface Canary {
  title: string;
  api: ApiName;
  operationId: string;
  query?: string;
  headers?: Record<string, string>;
  body?: unknown;
  status: number;
  /** A violation whose location starts with this path and has this code must be reported. */
  location: string[];
  code: string | number;
}

const withToken = { "x-auth-token": PRISM_TOKEN, "content-type": "application/json" };
const ingress = () => inputs.ingressBody("RegisterIngressIps") as unknown as { elbs: Record<string, unknown>[] };
const ELB_ID = "85392b45-685c-4f77-b19a-14ad875b8190";

const CANARIES: Canary[] = [
  {
    title: "RegisterIngressIps without the required elbs[0].elb_id",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: [{ public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] },
    status: 400,
    location: ["request", "body", "elbs", "0"],
    code: "required",
  },
  {
    title: "RegisterIngressIps with 11 elbs (maxItems 10 + 1)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: Array.from({ length: 11 }, () => ({ elb_id: ELB_ID })) },
    status: 400,
    location: ["request", "body", "elbs"],
    code: "maxItems",
  },
  {
    title: "UnregisterIngressIps with 3 public_ips (maxItems 2 + 1)",
    api: "apig",
    operationId: "UnregisterIngressIps",
    headers: withToken,
    body: { elbs: [{ elb_id: ELB_ID, public_ips: ["192.0.2.1", "192.0.2.2", "192.0.2.3"].map((ip) => ({ type: "v4", ip })) }] },
    status: 400,
    location: ["request", "body", "elbs", "0", "public_ips"],
    code: "maxItems",
  },
  {
    title: "RegisterIngressIps with an elb_id of 31 characters (minLength 32 − 1)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: [{ elb_id: "a".repeat(31) }] },
    status: 400,
    location: ["request", "body", "elbs", "0", "elb_id"],
    code: "minLength",
  },
  {
    title: "RegisterIngressIps with address type v5 (bad enum)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: [{ elb_id: ELB_ID, public_ips: [{ type: "v5", ip: "192.0.2.10" }] }] },
    status: 400,
    location: ["request", "body", "elbs", "0", "public_ips", "0", "type"],
    code: "enum",
  },
  {
    title: "RegisterIngressIps with type v4 and 192.0.2.300 (bad ipv4)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: [{ elb_id: ELB_ID, private_ips: [{ type: "v4", ip: "192.0.2.300" }] }] },
    status: 400,
    location: ["request", "body", "elbs", "0", "private_ips", "0", "ip"],
    code: "format",
  },
  {
    title: "RegisterIngressIps with type v6 and 2001:db8::zz (bad ipv6)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { elbs: [{ elb_id: ELB_ID, global_eips: [{ type: "v6", ip: "2001:db8::zz" }] }] },
    status: 400,
    location: ["request", "body", "elbs", "0", "global_eips", "0", "ip"],
    code: "format",
  },
  {
    title: "RegisterIngressIps with an undocumented body field (closed schema)",
    api: "apig",
    operationId: "RegisterIngressIps",
    headers: withToken,
    body: { ...ingress(), dry_run: true },
    status: 400,
    location: ["request", "body"],
    code: "additionalProperties",
  },
  {
    title: "BindPublicGateway with external_service_port 70000 (maximum 65535)",
    api: "dds",
    operationId: "BindPublicGateway",
    headers: withToken,
    body: { ...inputs.bindBody, external_service_port: 70000 },
    status: 400,
    location: ["request", "body", "external_service_port"],
    code: "maximum",
  },
  {
    title: "BindPublicGateway without the required public_ip_id",
    api: "dds",
    operationId: "BindPublicGateway",
    headers: withToken,
    body: { nat_gateway_id: inputs.bindBody.nat_gateway_id, external_service_port: 8635 },
    status: 400,
    location: ["request", "body"],
    code: "required",
  },
  {
    title: "ListInstances with mode=Cluster (bad query enum)",
    api: "dds",
    operationId: "ListInstances",
    query: "?mode=Cluster",
    headers: withToken,
    status: 400,
    location: ["request", "query", "mode"],
    code: "enum",
  },
  {
    title: "ListInstances with limit=0 (minimum 1)",
    api: "dds",
    operationId: "ListInstances",
    query: "?limit=0",
    headers: withToken,
    status: 400,
    location: ["request", "query", "limit"],
    code: "minimum",
  },
  {
    title: "CreateTokenByPassword without the user's password",
    api: "iam",
    operationId: "CreateTokenByPassword",
    headers: { "content-type": "application/json" },
    body: { auth: { identity: { methods: ["password"], password: { user: { name: "IAM_USER", domain: { name: "ACCOUNT_NAME" } } } } } },
    status: 400,
    location: ["request", "body", "auth", "identity", "password", "user"],
    code: "required",
  },
  {
    title: "UnbindPublicGateway with a body, which the operation does not document (415 served as the spec's 400)",
    api: "dds",
    operationId: "UnbindPublicGateway",
    headers: withToken,
    body: { force: true },
    status: 400,
    location: ["request"],
    code: 415,
  },
  {
    title: "ShowInstance without a token (security) → 401",
    api: "apig",
    operationId: "ShowInstance",
    headers: {},
    status: 401,
    location: ["request"],
    code: 401,
  },
  {
    title: "UnbindPublicGateway without a token (security) → 401",
    api: "dds",
    operationId: "UnbindPublicGateway",
    headers: {},
    status: 401,
    location: ["request"],
    code: 401,
  },
];

describe("canaries: Prism MUST reject these requests (a Prism that stops validating fails here)", () => {
  for (const c of CANARIES) {
    it(c.title, async () => {
      const prism = inject("prism");
      const op = findOperation(c.operationId);
      const res = await fetch(`${prism[c.api]}${examplePath(op)}${c.query ?? ""}`, {
        method: op.method,
        headers: c.headers ?? {},
        ...(c.body !== undefined ? { body: JSON.stringify(c.body) } : {}),
      });
      await res.arrayBuffer();
      expect(res.status).toBe(c.status);
      const { violations } = parseViolations(res.headers.get("sl-violations"));
      const hit = violations.find((v: Violation) => v.code === c.code && c.location.every((part, i) => v.location[i] === part) && v.severity === "Error");
      expect(hit, `violation ${c.code} at ${c.location.join(".")} in ${JSON.stringify(violations)}`).toBeDefined();
    });
  }
});

describe("canaries: our transport rejects what Prism lets through", () => {
  /** Sends one request through a recorder; Prism must have answered success and our checks must have failed. */
  async function expectOnlyOursReject(
    send: (f: typeof fetch, prism: Record<ApiName, string>) => Promise<Response>,
    problem: RegExp,
    options: { verifyAksk?: typeof PRISM_AKSK } = {},
  ): Promise<void> {
    const prism = inject("prism");
    const recorder = createRecordingFetch({ prism, ...options });
    const error = await send(recorder.fetch, prism).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContractViolation);
    const [ex] = recorder.exchanges;
    expect(ex?.status, "Prism answered success: it did not see the problem").toBeGreaterThanOrEqual(200);
    expect(ex?.status).toBeLessThan(300);
    expect(ex?.violations, "Prism reported nothing").toEqual([]);
    expect(ex?.problems.join("\n")).toMatch(problem);
  }

  const showInstance = (prism: Record<ApiName, string>, suffix = "") => `${prism.apig}${examplePath(findOperation("ShowInstance"))}${suffix}`;

  it("an undocumented query parameter", async () => {
    await expectOnlyOursReject(
      (f, prism) => f(showInstance(prism, "?verbose=true"), { headers: { "x-auth-token": PRISM_TOKEN } }),
      /query parameter verbose is not documented/,
    );
  });

  it("an undocumented header", async () => {
    await expectOnlyOursReject(
      (f, prism) => f(showInstance(prism), { headers: { "x-auth-token": PRISM_TOKEN, "x-debug-trace": "1" } }),
      /header x-debug-trace is not documented/,
    );
  });

  it("a path parameter that is not percent-encoded", async () => {
    const op = findOperation("ShowInstance");
    await expectOnlyOursReject(
      (f, prism) =>
        f(`${prism.apig}${op.path.replace("{project_id}", String(parameterExample(op, "project_id"))).replace("{instance_id}", "gw:1")}`, {
          headers: { "x-auth-token": PRISM_TOKEN },
        }),
      /path parameter instance_id is not percent-encoded: sent gw:1, expected gw%3A1/,
    );
  });

  it("credentials sent to IAM's token operation, which documents none", async () => {
    await expectOnlyOursReject(
      (f, prism) =>
        f(`${prism.iam}/v3/auth/tokens`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-auth-token": PRISM_TOKEN },
          body: JSON.stringify(requestExample(findOperation("CreateTokenByPassword"))),
        }),
      /needs no credentials but the request carries x-auth-token/,
    );
  });

  it("an AK/SK signature that does not cover the body actually sent", async () => {
    await expectOnlyOursReject(
      async (f, prism) => {
        const url = `${prism.dds}${examplePath(findOperation("BindPublicGateway"))}`;
        const headers: Record<string, string> = { "content-type": "application/json", "x-project-id": String(projectOf("dds")) };
        const signed = await signRequest({ method: "POST", url, headers, body: JSON.stringify(inputs.bindBody) }, PRISM_AKSK);
        return f(url, { method: "POST", headers: { ...headers, ...signed }, body: JSON.stringify({ ...inputs.bindBody, external_service_port: 8636 }) });
      },
      /Authorization does not match a signature/,
      { verifyAksk: PRISM_AKSK },
    );
  });
});
