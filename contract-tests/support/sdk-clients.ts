/**
 * The SDK clients of the contract tests: APIG, DDS and IAM clients pointed at the Prism mocks, with the
 * credentials of each auth mode (Prism checks that a credential is present, not what it is).
 */
import {
  akskAuth,
  createApigClient,
  createDdsClient,
  createIamClient,
  passwordAuth,
  tokenAuth,
  type ApigClient,
  type AuthStrategy,
  type DdsClient,
  type IamClient,
} from "../../src/index.js";
import { findOperation, parameterExample } from "./spec.js";
import type { ApiName } from "./spec-files.js";

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
