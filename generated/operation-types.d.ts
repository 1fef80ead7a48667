/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/apig.yaml (sha256 0bd1d1a21720fe1ce049fca86c32b3991490b6e8d1747a33eba635b3a0d93e10)
 * Source: openapi/dds.yaml (sha256 47ca731015a24a1c473222f354d3d4aa63ea57c23701d03edad8e35f899b1f60)
 * Source: openapi/iam.yaml (sha256 eddf033918674596a33bf3ba07a8dc17e57ca8dd1d141f31db35f7cb813bc40d)
 */

/** An Ajv error object, as the generated validators report them (without the fields the SDK never reads). */
export interface GeneratedValidationError { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string; parentSchema?: Record<string, unknown> }
/** A compiled validator: returns true when `data` conforms, else sets `errors`. */
export interface GeneratedValidator { (data: unknown): boolean; errors?: GeneratedValidationError[] | null }
/** An operation's `x-hwc-retry`: whether a repeat is harmless, and which error codes mean refused, not applied. */
export interface RetryFacts { readonly safeToRepeat: boolean; readonly busyErrorCodes: readonly string[] }
/** One operation of a spec, as the transport looks requests up. */
export interface OperationEntry {
  /** The spec it comes from (its file name without .yaml). */
  readonly api: string;
  readonly operationId: string;
  /** Upper case: GET, PUT, POST, DELETE, PATCH. */
  readonly method: string;
  /** The path template, as in the spec: `/v3/{project_id}/instances`. */
  readonly path: string;
  /** The request body's media type, or null for an operation without a body. */
  readonly requestContentType: string | null;
  readonly bodyRequired: boolean;
  /** Query parameters that are not strings in the spec, by name: how to read them back from the URL. */
  readonly query: Readonly<Record<string, "integer" | "number" | "boolean" | "array">>;
  readonly retry: RetryFacts;
  /** Loads the operation's input validator (validators/<api>/<operationId>.js, over `{ path, query, body }`). */
  readonly loadValidator: () => Promise<GeneratedValidator>;
}
