// Types of scripts/spec-model.mjs for the TypeScript tests (kept by hand beside it: change both together).

/** A JSON object as parsed from a spec. */
export type Obj = Record<string, unknown>;

/** The fields of an OpenAPI 3.1 path item that are operations, in the order operations are listed. */
export declare const HTTP_METHODS: readonly ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** The project's APIs: the keys of `SPECS` in scripts/prism.mjs (keep this union in step with it). */
export type SpecName = "apig" | "dds" | "iam";

/** The project's APIs by name, in the order of `SPECS` in scripts/prism.mjs. */
export declare const SPEC_NAMES: readonly SpecName[];

/** One operation of a spec, with its references resolved. */
export interface SpecOperation {
  /** Upper case: GET, PUT, POST, … */
  readonly method: string;
  /** The path template, as in the spec: `/v3/{project_id}/instances`. */
  readonly path: string;
  /** Undefined only in a broken document (the lint gates require one). */
  readonly operationId: string | undefined;
  /** The operation object itself, unresolved (summary, description, security, tags, …). */
  readonly op: Obj;
  /** The path item's parameters merged with the operation's, the operation's winning per `in` and `name`. */
  readonly parameters: readonly Obj[];
  /** The request body object, resolved; undefined when the operation has none. */
  readonly requestBody: Obj | undefined;
  /** Response objects by status code (or `default`), resolved. */
  readonly responses: Readonly<Record<string, Obj>>;
  /** The operation's vendor extensions (`x-…` keys), such as `x-hwc-retry`. */
  readonly extensions: Readonly<Record<string, unknown>>;
}

/** An operation's `x-hwc-retry`: whether a repeat is harmless, and which error codes mean refused, not applied. */
export interface RetryFacts {
  readonly safeToRepeat: boolean;
  readonly busyErrorCodes: string[];
}

/** Follows a local JSON pointer (`#/components/schemas/IpDetail`, array indexes allowed) inside `doc`; throws when absent. */
export declare function resolvePointer(doc: unknown, ref: string): unknown;

/** A loaded OpenAPI document: `$ref` resolution and the list of its operations. */
export declare class SpecModel {
  /** `doc` is read, never changed; `name` is how errors name the document. Throws when `doc` is not an object. */
  constructor(doc: unknown, name: string);
  readonly doc: Obj;
  readonly name: string;
  /** Follows a local JSON pointer inside the document; throws when it does not resolve. */
  pointer(ref: string): unknown;
  /** `node` with `$ref`s followed until it is not a reference. */
  deref(node: unknown): unknown;
  /** A deep copy of `node` with every `{ $ref }` object replaced by a copy of its target; throws on a recursive ref. */
  inline(node: unknown): unknown;
  /** A deep copy of `node` with every `$ref` string replaced by `rename(ref)`, without the entries `drop` selects. */
  rewriteRefs(node: unknown, rename: (ref: string) => string, drop?: (key: string, value: unknown) => boolean): unknown;
  /** Every operation, in document order (paths, then `HTTP_METHODS` order). */
  operations(): SpecOperation[];
  /** The operation with this operationId; throws when there is none. */
  operation(operationId: string): SpecOperation;
}

/** Parses a spec file (YAML or JSON; relative paths from the repository root); errors name it `name`. */
export declare function loadSpecFile(file: string, name?: string): SpecModel;

/** The project's spec of one API (`openapi/<name>.yaml` as listed in `SPECS`), named by its API name. */
export declare function loadProjectSpec(name: string): SpecModel;

/** An operation's inputs as the generated validator sees them: `{ path, query, body }`, `$ref`s kept. */
export declare function operationInputSchema(operation: SpecOperation): Obj;

/** The operation's validated `x-hwc-retry`; throws, naming `where`, when missing or malformed. */
export declare function retryFacts(operation: SpecOperation, where?: string): RetryFacts;
