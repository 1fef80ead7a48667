/**
 * Operations the SDK has no typed method for yet (the credential providers call them internally), exercised
 * through `client.raw`, which goes through the same transport: validation, auth, retries and typed errors. They
 * join the registry of support/sdk.ts, so the request and response matrices cover them like every other
 * operation; coverage.test.ts does not count them as public methods.
 */
import { expect } from "vitest";
import type { components } from "../../generated/iam.js";
import type { SdkMethod } from "./sdk.js";
import { findOperation, parameterExample, requestExample } from "./spec.js";

type Schemas = components["schemas"];

const bodyIs = (result: unknown, example: unknown): unknown => {
  expect(result).toEqual(example);
  return result;
};

/** Every documented query parameter of an operation, each with its spec example. */
function exampleQuery(operationId: string): Record<string, unknown> {
  const op = findOperation(operationId);
  return Object.fromEntries(op.parameters.filter((p) => p.in === "query").map((p) => [p.name, p.example]));
}

export const RAW_METHODS: readonly SdkMethod[] = [
  {
    name: "iam.raw.GET /v3/projects",
    operationId: "KeystoneListProjects",
    raw: true,
    call: async (c) => (await c.iamSigned.raw.GET("/v3/projects", { params: { query: exampleQuery("KeystoneListProjects") } })).data,
    expectSuccess: bodyIs,
  },
  {
    name: "iam.raw.POST /v3.0/OS-AUTH/id-token/tokens",
    operationId: "CreateTokenWithIdToken",
    raw: true,
    authModes: ["none"],
    call: async (c) => {
      const op = findOperation("CreateTokenWithIdToken");
      const { data, response } = await c.iam.raw.POST("/v3.0/OS-AUTH/id-token/tokens", {
        params: { header: { "X-Idp-Id": String(parameterExample(op, "X-Idp-Id")) } },
        body: structuredClone(requestExample(op)) as Schemas["CreateTokenWithIdTokenRequest"],
      });
      return { token: response.headers.get("x-subject-token"), body: data };
    },
    expectSuccess: (result, example, served) => {
      expect(served["x-subject-token"], "Prism served no X-Subject-Token header").toBeTruthy();
      expect(result).toEqual({ token: served["x-subject-token"], body: example });
      return (result as { body: unknown }).body;
    },
  },
  {
    name: "iam.raw.POST /v3.0/OS-CREDENTIAL/securitytokens",
    operationId: "CreateTemporaryAccessKeyByToken",
    raw: true,
    authModes: ["none"],
    call: async (c) =>
      (
        await c.iam.raw.POST("/v3.0/OS-CREDENTIAL/securitytokens", {
          body: structuredClone(requestExample(findOperation("CreateTemporaryAccessKeyByToken"))) as Schemas["CreateTemporaryAccessKeyByTokenRequest"],
        })
      ).data,
    expectSuccess: bodyIs,
  },
];
