/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/dds.yaml (sha256 47ca731015a24a1c473222f354d3d4aa63ea57c23701d03edad8e35f899b1f60)
 */

import type { GeneratedValidator } from "../../operation-types.js";

/** Inputs of dds BindPublicGateway: `POST /v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway` as { path, query, body }. */
export declare const validate: GeneratedValidator;
