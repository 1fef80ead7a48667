/**
 * The shapes of a spec as the contract tests see it: every operation, parameter, request body, response and
 * header with its `$ref`s resolved and its named examples collected (by loaded-spec.ts).
 */
import type { ApiName } from "./spec-files.js";

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A parameter after `$ref` resolution. */
export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: Obj;
  example: unknown;
}

/** A named example (`examples.<name>.value`), or the single `example` under the name `(example)`. */
export interface NamedExample {
  name: string;
  value: unknown;
}

export interface ResponseHeader {
  name: string;
  required: boolean;
  schema: Obj;
  example: unknown;
}

/** One documented response of an operation. */
export interface ResponseSpec {
  /** `"200"`, `"404"`, … or `"default"`. */
  status: string;
  headers: ResponseHeader[];
  /** JSON schema of the `application/json` body, when there is one. */
  schema: Obj | undefined;
  examples: NamedExample[];
}

export interface RequestBodySpec {
  required: boolean;
  /** Media types the spec accepts. */
  mediaTypes: string[];
  schema: Obj | undefined;
  examples: NamedExample[];
}

/** One operation of one spec, fully resolved. */
export interface Operation {
  api: ApiName;
  operationId: string;
  method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS" | "TRACE";
  /** Path template, e.g. `/v2/{project_id}/apigw/instances/{instance_id}`. */
  path: string;
  parameters: Parameter[];
  requestBody: RequestBodySpec | undefined;
  /** Effective security requirements (operation-level, else document-level); `[]` means none. */
  security: Obj[];
  responses: ResponseSpec[];
}

/** A security scheme sent in a header: its header name, lower-cased. */
export interface HeaderScheme {
  name: string;
  header: string;
}
