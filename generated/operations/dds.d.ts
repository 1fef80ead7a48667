/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/dds.yaml (sha256 47ca731015a24a1c473222f354d3d4aa63ea57c23701d03edad8e35f899b1f60)
 */

import type { OperationEntry } from "../operation-types.js";

/** dds BindPublicGateway: `POST /v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway`. */
export declare const BindPublicGateway: OperationEntry;
/** dds UnbindPublicGateway: `DELETE /v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway`. */
export declare const UnbindPublicGateway: OperationEntry;
/** dds ListInstances: `GET /v3/{project_id}/instances`. */
export declare const ListInstances: OperationEntry;
/** The dds spec's operations: BindPublicGateway (POST /v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway), UnbindPublicGateway (DELETE /v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway), ListInstances (GET /v3/{project_id}/instances). */
export declare const operations: readonly OperationEntry[];
