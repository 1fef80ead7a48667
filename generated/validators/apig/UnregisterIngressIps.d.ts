/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/apig.yaml (sha256 0bd1d1a21720fe1ce049fca86c32b3991490b6e8d1747a33eba635b3a0d93e10)
 */

import type { GeneratedValidator } from "../../operation-types.js";

/** Inputs of apig UnregisterIngressIps: `PUT /v2/{project_id}/apigw/instances/{instance_id}/ingress-unregister` as { path, query, body }. */
export declare const validate: GeneratedValidator;
