/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/iam.yaml (sha256 72c92187d9c480256978a1fef7b91b758a15e95edb712013b4f7aa71b2ad91f9)
 */

import type { GeneratedValidator } from "../operation-types.js";

/** Inputs of iam CreateTokenByPassword: `POST /v3/auth/tokens` as { path, query, body }. */
export declare const validateCreateTokenByPassword: GeneratedValidator;
/** Inputs of iam KeystoneListProjects: `GET /v3/projects` as { path, query, body }. */
export declare const validateKeystoneListProjects: GeneratedValidator;
/** Inputs of iam CreateTokenWithIdToken: `POST /v3.0/OS-AUTH/id-token/tokens` as { path, query, body }. */
export declare const validateCreateTokenWithIdToken: GeneratedValidator;
/** Inputs of iam CreateTemporaryAccessKeyByToken: `POST /v3.0/OS-CREDENTIAL/securitytokens` as { path, query, body }. */
export declare const validateCreateTemporaryAccessKeyByToken: GeneratedValidator;
