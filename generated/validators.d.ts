/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/apig.yaml (sha256 0bd1d1a21720fe1ce049fca86c32b3991490b6e8d1747a33eba635b3a0d93e10)
 * Source: openapi/dds.yaml (sha256 47ca731015a24a1c473222f354d3d4aa63ea57c23701d03edad8e35f899b1f60)
 * Source: openapi/iam.yaml (sha256 19e5869ca99ed145b5eba629b64eee9ae603ac34d3a642145ebf2d69cb74b408)
 */

/** An Ajv error object, as the generated validators report them. */
export interface GeneratedValidationError { instancePath: string; schemaPath: string; keyword: string; params: Record<string, unknown>; message?: string; parentSchema?: Record<string, unknown>; data?: unknown }
/** A compiled validator: returns true when `data` conforms, else sets `errors`. */
export interface GeneratedValidator { (data: unknown): boolean; errors?: GeneratedValidationError[] | null }
/** Inputs of apig UnregisterIngressIps: `PUT /v2/{project_id}/apigw/instances/{instance_id}/ingress-unregister` as { path, query, body }. */
export declare const validateUnregisterIngressIps: GeneratedValidator;
/** Inputs of apig RegisterIngressIps: `PUT /v2/{project_id}/apigw/instances/{instance_id}/ingress-register` as { path, query, body }. */
export declare const validateRegisterIngressIps: GeneratedValidator;
/** Inputs of apig ShowInstance: `GET /v2/{project_id}/apigw/instances/{instance_id}` as { path, query, body }. */
export declare const validateShowInstance: GeneratedValidator;
/** Inputs of dds BindPublicGateway: `POST /v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway` as { path, query, body }. */
export declare const validateBindPublicGateway: GeneratedValidator;
/** Inputs of dds UnbindPublicGateway: `DELETE /v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway` as { path, query, body }. */
export declare const validateUnbindPublicGateway: GeneratedValidator;
/** Inputs of dds ListInstances: `GET /v3/{project_id}/instances` as { path, query, body }. */
export declare const validateListInstances: GeneratedValidator;
/** Inputs of iam CreateTokenByPassword: `POST /v3/auth/tokens` as { path, query, body }. */
export declare const validateCreateTokenByPassword: GeneratedValidator;
