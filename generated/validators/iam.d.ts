/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/iam.yaml (sha256 19e5869ca99ed145b5eba629b64eee9ae603ac34d3a642145ebf2d69cb74b408)
 */

import type { GeneratedValidator } from "../operation-types.js";

/** Inputs of iam CreateTokenByPassword: `POST /v3/auth/tokens` as { path, query, body }. */
export declare const validateCreateTokenByPassword: GeneratedValidator;
