/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/iam.yaml (sha256 b75356dc01a7eacacacbe79ee89c53ff0fcca930ab1683758c0c023fddfe9e70)
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
