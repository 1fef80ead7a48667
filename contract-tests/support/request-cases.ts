/**
 * The request-conformance matrix of requests.test.ts: every SDK method of the registry (sdk.ts) with the spec's
 * example inputs, plus variants that stress encoding and filters, each under every auth mode its operation
 * allows. coverage.test.ts finds the registered tests by the titles built here.
 */
import type { CreateTokenByPasswordRequest } from "../../src/index.js";
import { SDK_METHODS, type SdkMethod } from "./sdk.js";
import type { AuthMode, Clients } from "./sdk-clients.js";
import { inputs } from "./sdk-inputs.js";
import { findOperation } from "./spec.js";
import type { Operation } from "./spec-types.js";

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

export const REQUESTS_FILE = "contract-tests/requests.test.ts";
export const REQUESTS_SUITE = "requests: every SDK method sends requests that conform to the spec";

export function requestCaseTitle(rc: RequestCase, mode: AuthMode): string {
  return `${rc.method} (${rc.variant}) with ${mode === "none" ? "no credentials" : `${mode}Auth`}`;
}
