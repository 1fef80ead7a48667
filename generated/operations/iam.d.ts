/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/iam.yaml (sha256 b75356dc01a7eacacacbe79ee89c53ff0fcca930ab1683758c0c023fddfe9e70)
 */

import type { OperationEntry } from "../operation-types.js";

/** The iam spec's operations: CreateTokenByPassword (POST /v3/auth/tokens), KeystoneListProjects (GET /v3/projects), CreateTokenWithIdToken (POST /v3.0/OS-AUTH/id-token/tokens), CreateTemporaryAccessKeyByToken (POST /v3.0/OS-CREDENTIAL/securitytokens). */
export declare const operations: readonly OperationEntry[];
