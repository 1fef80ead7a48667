/**
 * The SDK side of the contract tests: clients pointed at the Prism mocks, and one registry of every public SDK
 * method with the operation it calls, how to call it with inputs taken from the spec's own examples, and what its
 * result must look like for a given 2xx example. requests.test.ts, responses.test.ts and coverage.test.ts all
 * read this registry, so "every method" means the same thing in each.
 */
import { expect } from "vitest";
import {
  akskAuth,
  createApigClient,
  createDdsClient,
  createIamClient,
  passwordAuth,
  tokenAuth,
  type ApigClient,
  type AuthStrategy,
  type BindPublicGatewayRequest,
  type CreateTokenByPasswordRequest,
  type DdsClient,
  type IamClient,
  type IngressIpsRequest,
  type ListInstancesQuery,
} from "../../src/index.js";
import { RAW_METHODS } from "./raw-methods.js";
import { findOperation, isObj, parameterExample, requestExample, type ApiName, type Obj, type Operation, type ResponseSpec } from "./spec.js";

/** Prism checks that a credential is present, not what it is. */
export const PRISM_TOKEN = "prism-token";
export const PRISM_AKSK = { accessKeyId: "PRISMACCESSKEY000001", secretAccessKey: "prism-secret-access-key" } as const;
export const PRISM_PASSWORD = { domainName: "ACCOUNT_NAME", userName: "IAM_USER", password: "prism-password", projectName: "cn-north-4" } as const;

/** How the APIG and DDS clients authenticate; IAM's token call needs no credentials (`security: []`). */
export type AuthMode = "token" | "aksk" | "password" | "none";

export interface Clients {
  apig: ApigClient;
  dds: DdsClient;
  iam: IamClient;
  /** An IAM client with the auth strategy, for the IAM operations that need credentials (KeystoneListProjects). */
  iamSigned: IamClient;
}

export interface ClientSetup {
  prism: Record<ApiName, string>;
  fetch: typeof fetch;
  auth: AuthMode;
  /** @default 0 — one attempt per call, so a retryable answer is seen once and nothing sleeps. */
  maxRetries?: number;
}

export function authFor(mode: AuthMode, prism: Record<ApiName, string>): AuthStrategy | undefined {
  switch (mode) {
    case "token":
      return tokenAuth(PRISM_TOKEN);
    case "aksk":
      return akskAuth({ ...PRISM_AKSK });
    case "password":
      return passwordAuth({ ...PRISM_PASSWORD, iamEndpoint: prism.iam, maxRetries: 0 });
    case "none":
      return undefined;
  }
}

/** APIG, DDS and IAM clients on the Prism mocks; APIG and DDS share one auth strategy (one token cache). */
export function createClients(setup: ClientSetup): Clients {
  const auth = authFor(setup.auth, setup.prism);
  const common = { fetch: setup.fetch, maxRetries: setup.maxRetries ?? 0, timeoutMs: 10_000, logLevel: "off" as const, ...(auth ? { auth } : {}) };
  return {
    apig: createApigClient({ ...common, endpoint: setup.prism.apig, projectId: String(parameterExample(findOperation("ShowInstance"), "project_id")) }),
    dds: createDdsClient({ ...common, endpoint: setup.prism.dds, projectId: String(parameterExample(findOperation("ListInstances"), "project_id")) }),
    // The token call carries no credentials: the IAM client never gets the strategy.
    iam: createIamClient({ fetch: setup.fetch, maxRetries: setup.maxRetries ?? 0, timeoutMs: 10_000, logLevel: "off", endpoint: setup.prism.iam }),
    // No projectId: project discovery signs KeystoneListProjects without X-Project-Id.
    iamSigned: createIamClient({ ...common, endpoint: setup.prism.iam }),
  };
}

/** Inputs of the calls, all taken from the spec's parameter and request-body examples. */
export const inputs = {
  get apigInstanceId() {
    return String(parameterExample(findOperation("ShowInstance"), "instance_id"));
  },
  get ddsInstanceId() {
    return String(parameterExample(findOperation("BindPublicGateway"), "instance_id"));
  },
  get ddsNodeId() {
    return String(parameterExample(findOperation("BindPublicGateway"), "node_id"));
  },
  ingressBody(operationId: "RegisterIngressIps" | "UnregisterIngressIps"): IngressIpsRequest {
    return structuredClone(requestExample(findOperation(operationId))) as IngressIpsRequest;
  },
  get bindBody(): BindPublicGatewayRequest {
    return structuredClone(requestExample(findOperation("BindPublicGateway"))) as BindPublicGatewayRequest;
  },
  get tokenBody(): CreateTokenByPasswordRequest {
    return structuredClone(requestExample(findOperation("CreateTokenByPassword"))) as CreateTokenByPasswordRequest;
  },
  /** Every documented ListInstances filter, each with its spec example. */
  get allListFilters(): ListInstancesQuery {
    const op = findOperation("ListInstances");
    return Object.fromEntries(op.parameters.filter((p) => p.in === "query").map((p) => [p.name, p.example])) as ListInstancesQuery;
  },
};

/** The public methods of the service clients (what a user can call), by client. */
export function publicMethods(clients: Clients): string[] {
  const out: string[] = [];
  // iamSigned is the same client class as iam, with credentials.
  for (const [service, client] of Object.entries({ apig: clients.apig, dds: clients.dds, iam: clients.iam }) as [string, object][]) {
    for (const key of Object.keys(client)) {
      if (typeof (client as Record<string, unknown>)[key] === "function") out.push(`${service}.${key}`);
    }
  }
  return out.sort();
}

/** One public SDK method and the operation it is the typed face of. */
export interface SdkMethod {
  /** `service.method`, e.g. `apig.registerIngressIps`. */
  name: string;
  operationId: string;
  /** Calls the method with the spec's example inputs. */
  call(c: Clients): Promise<unknown>;
  /** A `client.raw` call for an operation without a typed method yet (support/raw-methods.ts). */
  raw?: true;
  /** The auth modes to exercise it with. @default token, aksk and password */
  authModes?: readonly AuthMode[];
  /**
   * Asserts the resolved value for a 2xx answer with body `example` and response headers `served`. Returns the
   * part of the result that is the response body (re-validated against the response schema), if any.
   */
  expectSuccess(result: unknown, example: unknown, served: Record<string, string>): unknown;
}

/** Own enumerable, non-function properties: a handle's body fields without `wait()` and friends. */
export function dataFields(value: unknown): unknown {
  if (!isObj(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v !== "function"));
}

/** For methods that resolve with a handle carrying the body fields plus `wait()`: the body must be inside it. */
const handleOf = (result: unknown, example: unknown): unknown => {
  expect(result).toMatchObject(example as Obj);
  return dataFields(result);
};
const bodyIs = (result: unknown, example: unknown): unknown => {
  expect(result).toEqual(example);
  return result;
};

export const SDK_METHODS: readonly SdkMethod[] = [
  {
    name: "apig.registerIngressIps",
    operationId: "RegisterIngressIps",
    call: (c) => c.apig.registerIngressIps(inputs.apigInstanceId, inputs.ingressBody("RegisterIngressIps")),
    expectSuccess: handleOf,
  },
  {
    name: "apig.deregisterIngressIps",
    operationId: "UnregisterIngressIps",
    call: (c) => c.apig.deregisterIngressIps(inputs.apigInstanceId, inputs.ingressBody("UnregisterIngressIps")),
    expectSuccess: handleOf,
  },
  {
    name: "apig.getInstance",
    operationId: "ShowInstance",
    call: (c) => c.apig.getInstance(inputs.apigInstanceId),
    expectSuccess: bodyIs,
  },
  {
    name: "dds.bindPublicGateway",
    operationId: "BindPublicGateway",
    call: (c) => c.dds.bindPublicGateway(inputs.ddsInstanceId, inputs.ddsNodeId, inputs.bindBody),
    expectSuccess: handleOf,
  },
  {
    name: "dds.unbindPublicGateway",
    operationId: "UnbindPublicGateway",
    call: (c) => c.dds.unbindPublicGateway(inputs.ddsInstanceId, inputs.ddsNodeId),
    expectSuccess: handleOf,
  },
  {
    name: "dds.listInstances",
    operationId: "ListInstances",
    call: (c) => c.dds.listInstances({ id: inputs.ddsInstanceId }),
    expectSuccess: bodyIs,
  },
  {
    name: "dds.getNode",
    operationId: "ListInstances",
    call: (c) => c.dds.getNode(inputs.ddsInstanceId, inputs.ddsNodeId),
    expectSuccess: (result, example) => {
      const expected = locateNode(example, inputs.ddsInstanceId, inputs.ddsNodeId);
      if (!expected) throw new Error("the ListInstances example does not contain the node getNode looks for");
      expect(result).toEqual(expected);
      return undefined;
    },
  },
  {
    name: "iam.createTokenByPassword",
    operationId: "CreateTokenByPassword",
    call: (c) => c.iam.createTokenByPassword(inputs.tokenBody),
    expectSuccess: (result, example, served) => {
      const subjectToken = served["x-subject-token"];
      expect(subjectToken, "Prism served no X-Subject-Token header").toBeTruthy();
      expect(result).toEqual({ token: subjectToken, expiresAt: (example as { token?: { expires_at?: string } }).token?.expires_at, body: example });
      return (result as { body: unknown }).body;
    },
  },
  ...RAW_METHODS,
];

/** What getNode must find in a ListInstances body: the instance, its group and the node. */
export function locateNode(body: unknown, instanceId: string, nodeId: string): { instance: unknown; group: unknown; node: unknown } | undefined {
  const instances = isObj(body) && Array.isArray(body.instances) ? body.instances : [];
  for (const instance of instances) {
    if (!isObj(instance) || instance.id !== instanceId) continue;
    for (const group of Array.isArray(instance.groups) ? instance.groups : []) {
      const nodes = isObj(group) && Array.isArray(group.nodes) ? group.nodes : [];
      const node = nodes.find((n) => isObj(n) && n.id === nodeId);
      if (node) return { instance, group, node };
    }
  }
  return undefined;
}

/** One request-conformance case of requests.test.ts: a method, a variant of its inputs, and the auth modes. */
export interface RequestCase {
  method: string;
  /** The operation the method is about; every recorded request must be of it, or of `alsoCalls`. */
  operationId: string;
  /** Operations the case calls to set itself up (e.g. the operation whose handle a resumed wait continues). */
  alsoCalls?: readonly string[];
  variant: string;
  authModes: readonly AuthMode[];
  call(c: Clients): Promise<unknown>;
}

/**
 * Public methods that are no operation's typed face but poll one (a resumed wait): their requests are checked
 * here; how their results and errors behave is the business of the waiter's tests (contract-tests/wait.test.ts).
 */
export const POLLING_METHODS: Readonly<Record<string, string>> = {
  "apig.resumeWait": "ShowInstance",
  "dds.resumeWait": "ListInstances",
};

/** Short waits: a resumed wait polls a few times at most; its outcome does not matter here, its requests do. */
const QUICK_WAIT = { maxWaitMs: 400, minDelayMs: 50, maxDelayMs: 100 } as const;
const settle = (p: Promise<unknown>): Promise<unknown> => p.catch((e: unknown) => e);

const SECURED: readonly AuthMode[] = ["token", "aksk", "password"];
const byName = (name: string): SdkMethod => {
  const m = SDK_METHODS.find((x) => x.name === name);
  if (!m) throw new Error(`no SDK method ${name}`);
  return m;
};

/** Every SDK method, with the spec's example inputs, under every auth mode its operation allows. */
export const REQUEST_CASES: readonly RequestCase[] = [
  ...SDK_METHODS.filter((m) => m.operationId !== "CreateTokenByPassword").map((m) => ({
    method: m.name,
    operationId: m.operationId,
    variant: "spec example inputs",
    authModes: m.authModes ?? SECURED,
    call: m.call,
  })),
  {
    method: "apig.getInstance",
    operationId: "ShowInstance",
    variant: "an instance id with reserved and non-ASCII characters",
    authModes: SECURED,
    call: (c) => c.apig.getInstance("gw:1 ü+(x)@!"),
  },
  {
    method: "dds.listInstances",
    operationId: "ListInstances",
    variant: "every documented filter (spec examples)",
    authModes: SECURED,
    call: (c) => c.dds.listInstances(inputs.allListFilters),
  },
  {
    method: "dds.listInstances",
    operationId: "ListInstances",
    variant: "no filter",
    authModes: SECURED,
    call: (c) => c.dds.listInstances(),
  },
  {
    method: "dds.listInstances",
    operationId: "ListInstances",
    variant: "a name with spaces and reserved characters, mode Sharding, paging",
    authModes: SECURED,
    call: (c) => c.dds.listInstances({ name: "dds 4352&x=1#", mode: "Sharding", offset: 100, limit: 1 }),
  },
  {
    method: "apig.resumeWait",
    operationId: "ShowInstance",
    alsoCalls: ["UnregisterIngressIps"],
    variant: "state of a deregister handle (waitState), polled briefly",
    authModes: SECURED,
    call: async (c) => {
      const handle = await c.apig.deregisterIngressIps(inputs.apigInstanceId, inputs.ingressBody("UnregisterIngressIps"));
      return settle(c.apig.resumeWait(JSON.stringify(handle.waitState()), QUICK_WAIT));
    },
  },
  {
    method: "dds.resumeWait",
    operationId: "ListInstances",
    alsoCalls: ["BindPublicGateway"],
    variant: "state of a bind handle (waitState), polled briefly",
    authModes: SECURED,
    call: async (c) => {
      const handle = await c.dds.bindPublicGateway(inputs.ddsInstanceId, inputs.ddsNodeId, inputs.bindBody);
      return settle(c.dds.resumeWait(handle.waitState(), QUICK_WAIT));
    },
  },
  {
    method: "iam.createTokenByPassword",
    operationId: "CreateTokenByPassword",
    variant: "spec example body (project by name), default nocatalog",
    authModes: ["none"],
    call: byName("iam.createTokenByPassword").call,
  },
  {
    method: "iam.createTokenByPassword",
    operationId: "CreateTokenByPassword",
    variant: "every request example, with the catalog (no nocatalog: any value, false included, leaves it out)",
    authModes: ["none"],
    call: async (c) => {
      for (const ex of findOperation("CreateTokenByPassword").requestBody?.examples ?? []) {
        await c.iam.createTokenByPassword(structuredClone(ex.value) as CreateTokenByPasswordRequest, {});
      }
    },
  },
];

/** The auth modes an operation must be exercised with: every scheme it accepts, or none. */
export function requiredAuthModes(op: Operation): AuthMode[] {
  return op.security.length === 0 ? ["none"] : ["token", "aksk"];
}

/** The `X-Request-Id` example the spec documents for a response (what Prism serves), if any. */
export function requestIdExample(response: ResponseSpec): string | undefined {
  const h = response.headers.find((x) => x.name.toLowerCase() === "x-request-id");
  return typeof h?.example === "string" ? h.example : undefined;
}

export const REQUESTS_FILE = "contract-tests/requests.test.ts";
export const REQUESTS_SUITE = "requests: every SDK method sends requests that conform to the spec";

export function requestCaseTitle(rc: RequestCase, mode: AuthMode): string {
  return `${rc.method} (${rc.variant}) with ${mode === "none" ? "no credentials" : `${mode}Auth`}`;
}

export const RAW_CLIENT_FILE = "contract-tests/raw-client.test.ts";
export const RAW_CLIENT_SUITE = "raw openapi-fetch client typed by generated/ against the Prism mocks";

/** Title of the raw-client test that sends a valid request for an operation and gets its default example back. */
export function rawClientTitle(operationId: string): string {
  return `${operationId}: a valid request gets the spec's first example back`;
}
