/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/apig.yaml (sha256 3a30e8f9dda5d47bbc29d9897b0035b541a0ac44ddde73d27050455fe382fc4a)
 * Source: openapi/dds.yaml (sha256 9c7979aa94429c5ad1b42643dafca2913f0ca209a4ed878dd067e86a4ca05a18)
 * Source: openapi/iam.yaml (sha256 da049d98fb8c260ad79c23095cf99d502d9b27f4f532501a37871dedaf279855)
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
