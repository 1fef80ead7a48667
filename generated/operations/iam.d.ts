/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/iam.yaml (sha256 72c92187d9c480256978a1fef7b91b758a15e95edb712013b4f7aa71b2ad91f9)
 */

import type { OperationEntry } from "../operation-types.js";

/** The iam spec's operations: CreateTokenByPassword (POST /v3/auth/tokens), KeystoneListProjects (GET /v3/projects), CreateTokenWithIdToken (POST /v3.0/OS-AUTH/id-token/tokens), CreateTemporaryAccessKeyByToken (POST /v3.0/OS-CREDENTIAL/securitytokens). */
export declare const operations: readonly OperationEntry[];
