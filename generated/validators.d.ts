/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/apig.yaml (sha256 057278e2fcb4aebda48d16ea420210ff05802c9870f05356eb1770f8cbeb6306)
 * Source: openapi/dds.yaml (sha256 6e6b0824c6082ab3e100c81d3e4ac7c3ba3f3ce0477ba44877fbd2b3c3a4a779)
 * Source: openapi/iam.yaml (sha256 92b90614a2ce50d47e54b2ae3df50e1863d7c78036a0bdeaa5dd8bfd28202638)
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
