/**
 * Look-ups into the specs as the contract tests see them: each API's parsed spec (loaded-spec.ts, one per worker),
 * its operations, and the examples the tests take their inputs and expectations from.
 */
import { LoadedSpec } from "./loaded-spec.js";
import { API_NAMES, SPEC_FILES, type ApiName } from "./spec-files.js";
import type { Operation, ResponseSpec } from "./spec-types.js";

const loaded = new Map<ApiName, LoadedSpec>();

/** The parsed spec of one API (cached per worker). */
export function spec(api: ApiName): LoadedSpec {
  let s = loaded.get(api);
  if (!s) {
    s = new LoadedSpec(api);
    loaded.set(api, s);
  }
  return s;
}

/** Every operation of every spec. */
export function allOperations(): Operation[] {
  return API_NAMES.flatMap((api) => spec(api).operations);
}

/** Finds an operation by id across the specs. */
export function findOperation(operationId: string): Operation {
  const op = allOperations().find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId} in ${Object.values(SPEC_FILES).join(", ")}`);
  return op;
}

/** The lowest 2xx response of an operation: what Prism serves for a valid request without `Prefer`. */
export function successResponse(op: Operation): ResponseSpec {
  const ok = op.responses.filter((r) => /^2\d\d$/.test(r.status)).sort((a, b) => Number(a.status) - Number(b.status))[0];
  if (!ok) throw new Error(`${op.operationId} documents no 2xx response`);
  return ok;
}

/** The example value of a path/query parameter of an operation. */
export function parameterExample(op: Operation, name: string): unknown {
  const p = op.parameters.find((x) => x.name === name);
  if (!p || p.example === undefined) throw new Error(`${op.operationId}: parameter ${name} has no example`);
  return p.example;
}

/** The first named example of the request body. */
export function requestExample(op: Operation): unknown {
  const ex = op.requestBody?.examples[0];
  if (!ex) throw new Error(`${op.operationId}: request body has no example`);
  return ex.value;
}

/** The `X-Request-Id` example the spec documents for a response (what Prism serves), if any. */
export function requestIdExample(response: ResponseSpec): string | undefined {
  const h = response.headers.find((x) => x.name.toLowerCase() === "x-request-id");
  return typeof h?.example === "string" ? h.example : undefined;
}

/** The operation's path with every parameter set to its spec example, percent-encoded. */
export function examplePath(op: Operation, overrides: Record<string, string> = {}): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(overrides[name] ?? String(parameterExample(op, name))));
}
