/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/apig.yaml (sha256 0bd1d1a21720fe1ce049fca86c32b3991490b6e8d1747a33eba635b3a0d93e10)
 */

import type { OperationEntry } from "../operation-types.js";

/** apig UnregisterIngressIps: `PUT /v2/{project_id}/apigw/instances/{instance_id}/ingress-unregister`. */
export declare const UnregisterIngressIps: OperationEntry;
/** apig RegisterIngressIps: `PUT /v2/{project_id}/apigw/instances/{instance_id}/ingress-register`. */
export declare const RegisterIngressIps: OperationEntry;
/** apig ShowInstance: `GET /v2/{project_id}/apigw/instances/{instance_id}`. */
export declare const ShowInstance: OperationEntry;
/** The apig spec's operations: UnregisterIngressIps (PUT /v2/{project_id}/apigw/instances/{instance_id}/ingress-unregister), RegisterIngressIps (PUT /v2/{project_id}/apigw/instances/{instance_id}/ingress-register), ShowInstance (GET /v2/{project_id}/apigw/instances/{instance_id}). */
export declare const operations: readonly OperationEntry[];
