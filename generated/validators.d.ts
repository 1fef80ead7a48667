/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/apig.yaml (sha256 4a6bf68064eb2320b23515ba6a141e9790801b8bc2bf807d4991be2620347e44)
 * Source: openapi/dds.yaml (sha256 1d7c1ae271ba603fd8bb874b14411d72ae3358d2353f6e9110b689dfddf9cbb1)
 * Source: openapi/iam.yaml (sha256 7ca06434a243bec42b45cc56fc105a7e2e8083926db4718cad10521c7d5b282f)
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
