/**
 * The response matrix of layer 3, planned from the specs: every operation × documented status × named example,
 * for every SDK method that calls the operation. `default` responses have no status of their own, so each is
 * forced with 500 and 503 (Prism serves the `default` body under the forced code). responses.test.ts registers
 * one test per case; coverage.test.ts checks that the cases cover the whole matrix.
 */
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "../../src/index.js";
import { SDK_METHODS, type SdkMethod } from "./sdk.js";
import { GENERATED_EXAMPLE, responseMatrix, rowKey, type ResponseRow } from "./response-matrix.js";

/** Codes forced for a `default` response. */
export const DEFAULT_RESPONSE_CODES = [500, 503] as const;

export const RESPONSES_FILE = "contract-tests/responses.test.ts";
export const RESPONSES_SUITE = "responses: every operation × status × named example through the SDK";

export interface ResponseCase {
  row: ResponseRow;
  method: SdkMethod;
  /** The status Prism is told to answer with. */
  code: number;
  /** Value of the `Prefer` header. */
  prefer: string;
  /** For errors: the class the SDK must reject with. */
  errorClass: (new (...args: never[]) => ApiError) | undefined;
  /** Test title (unique within the file). */
  title: string;
}

export function errorClassFor(status: number): new (...args: never[]) => ApiError {
  if (status === 400) return BadRequestError;
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return InternalServerError;
  return ApiError;
}

export function planResponseCases(rows: readonly ResponseRow[] = responseMatrix()): ResponseCase[] {
  const cases: ResponseCase[] = [];
  for (const row of rows) {
    const codes = row.status === "default" ? [...DEFAULT_RESPONSE_CODES] : [Number(row.status)];
    for (const method of SDK_METHODS.filter((m) => m.operationId === row.operationId)) {
      for (const code of codes) {
        const ok = code >= 200 && code < 300;
        const errorClass = ok ? undefined : errorClassFor(code);
        const named = row.example !== GENERATED_EXAMPLE && row.example !== "(example)";
        const status = row.status === "default" ? `default as ${code}` : row.status;
        cases.push({
          row,
          method,
          code,
          prefer: named ? `code=${code}, example=${row.example}` : `code=${code}`,
          errorClass,
          title: `${row.operationId} ${status} ${row.example}: ${method.name} ${ok ? "resolves with the example" : `rejects with ${errorClass?.name}`}`,
        });
      }
    }
  }
  return cases;
}

/** Cases by matrix row key (`operationId status example`). */
export function casesByRow(cases: readonly ResponseCase[]): Map<string, ResponseCase[]> {
  const out = new Map<string, ResponseCase[]>();
  for (const c of cases) out.set(rowKey(c.row), [...(out.get(rowKey(c.row)) ?? []), c]);
  return out;
}

/** What the SDK must put in `code`: the body's `error_code`; a body without one (Keystone style) gives none. */
export function expectedCode(body: unknown): string | undefined {
  const o = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  return typeof o.error_code === "string" ? o.error_code : undefined;
}

/** What the SDK must put in `message`: `error_msg`, else the gateway's `error_message`, else Keystone's `error.message`. */
export function expectedMessage(body: unknown): string | undefined {
  const o = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const nested = o.error && typeof o.error === "object" ? (o.error as Record<string, unknown>) : {};
  for (const v of [o.error_msg, o.error_message, nested.message]) if (typeof v === "string") return v;
  return undefined;
}
