/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/iam.yaml (sha256 e438640bfb0450ce2c6e28111d227a375778929e2de1e5bcbb0a999f759606b9)
 */

import type { OperationEntry } from "../operation-types.js";

/** The iam spec's operations: CreateTokenByPassword (POST /v3/auth/tokens), KeystoneListProjects (GET /v3/projects), CreateTokenWithIdToken (POST /v3.0/OS-AUTH/id-token/tokens), CreateTemporaryAccessKeyByToken (POST /v3.0/OS-CREDENTIAL/securitytokens). */
export declare const operations: readonly OperationEntry[];
