/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/iam.yaml (sha256 eddf033918674596a33bf3ba07a8dc17e57ca8dd1d141f31db35f7cb813bc40d)
 */

import type { GeneratedValidator } from "../../operation-types.js";

/** Inputs of iam CreateTokenWithIdToken: `POST /v3.0/OS-AUTH/id-token/tokens` as { path, query, body }. */
export declare const validate: GeneratedValidator;
