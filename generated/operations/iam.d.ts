/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/iam.yaml (sha256 eddf033918674596a33bf3ba07a8dc17e57ca8dd1d141f31db35f7cb813bc40d)
 */

import type { OperationEntry } from "../operation-types.js";

/** iam CreateTokenByPassword: `POST /v3/auth/tokens`. */
export declare const CreateTokenByPassword: OperationEntry;
/** iam KeystoneListProjects: `GET /v3/projects`. */
export declare const KeystoneListProjects: OperationEntry;
/** iam CreateTokenWithIdToken: `POST /v3.0/OS-AUTH/id-token/tokens`. */
export declare const CreateTokenWithIdToken: OperationEntry;
/** iam CreateTemporaryAccessKeyByToken: `POST /v3.0/OS-CREDENTIAL/securitytokens`. */
export declare const CreateTemporaryAccessKeyByToken: OperationEntry;
/** The iam spec's operations: CreateTokenByPassword (POST /v3/auth/tokens), KeystoneListProjects (GET /v3/projects), CreateTokenWithIdToken (POST /v3.0/OS-AUTH/id-token/tokens), CreateTemporaryAccessKeyByToken (POST /v3.0/OS-CREDENTIAL/securitytokens). */
export declare const operations: readonly OperationEntry[];
