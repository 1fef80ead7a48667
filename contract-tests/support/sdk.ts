/**
 * The SDK side of the contract tests: one registry of every public SDK method with the operation it calls, how to
 * call it with inputs taken from the spec's own examples, and what its result must look like for a given 2xx
 * example. requests.test.ts (through request-cases.ts), responses.test.ts (through response-cases.ts) and
 * coverage.test.ts all read this registry, so "every method" means the same thing in each.
 */
import { expect } from "vitest";
import { RAW_METHODS } from "./raw-methods.js";
import type { AuthMode, Clients } from "./sdk-clients.js";
import { inputs } from "./sdk-inputs.js";
import { isObj, type Obj } from "./spec-types.js";

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

/**
 * Public methods that are no operation's typed face but poll one (a resumed wait): their requests are checked by
 * request-cases.ts; how their results and errors behave is the business of the waiter's tests
 * (contract-tests/wait.test.ts).
 */
export const POLLING_METHODS: Readonly<Record<string, string>> = {
  "apig.resumeWait": "ShowInstance",
  "dds.resumeWait": "ListInstances",
};
