/**
 * The response matrix, enumerated from the specs: every operation × documented status × named example, the rows
 * responses.test.ts must cover (support/response-cases.ts plans the cases, coverage.test.ts checks them).
 */
import type { ApiName } from "./spec-files.js";
import { allOperations, successResponse } from "./spec.js";

/** One row of the response matrix: operation × documented status × named example. */
export interface ResponseRow {
  api: ApiName;
  operationId: string;
  status: string;
  /** Example name, or `(generated)` when the response has no example and Prism builds the body from the schema. */
  example: string;
  value: unknown;
  /** Whether this example is the one Prism serves without `Prefer` (first example of the lowest 2xx). */
  servedByDefault: boolean;
}

export const GENERATED_EXAMPLE = "(generated)";

/** Every operation × status × named example in the specs. */
export function responseMatrix(): ResponseRow[] {
  const rows: ResponseRow[] = [];
  for (const op of allOperations()) {
    const ok = successResponse(op);
    for (const r of op.responses) {
      const examples = r.examples.length ? r.examples : [{ name: GENERATED_EXAMPLE, value: undefined }];
      examples.forEach((ex, i) => {
        rows.push({ api: op.api, operationId: op.operationId, status: r.status, example: ex.name, value: ex.value, servedByDefault: r === ok && i === 0 });
      });
    }
  }
  return rows;
}

export function rowKey(r: { operationId: string; status: string; example: string }): string {
  return `${r.operationId} ${r.status} ${r.example}`;
}
