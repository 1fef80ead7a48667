import { operations as specOperations, type OperationEntry, type RetryFacts } from "../../generated/operations.js";
import { ValidationError } from "../errors.js";
import { validateInput } from "./validate.js";

export type { OperationEntry, RetryFacts };

/** Every operation of the project's specs (generated/operations.js). */
export const SPEC_OPERATIONS: readonly OperationEntry[] = specOperations;

/**
 * Every error code some operation of the specs declares busy. Kept for the waiter, which classifies a failed poll
 * by code; it could read the transport's `error.retryable` instead and this export could go.
 */
export const BUSY_ERROR_CODES: ReadonlySet<string> = new Set(specOperations.flatMap((o) => o.retry.busyErrorCodes));

/**
 * Retry facts of a request that matches no operation of the table (a URL typed by hand, a path the specs lack).
 * Nothing declares it safe, so it is repeated after a 5xx, 408 or timeout only when HTTP itself says the method
 * is safe (GET, HEAD); no error code counts as busy. 429 and refused connections are still retried (the server
 * did not act). It is sent without validation: there is no schema to check it against.
 */
export function unmatchedFacts(method: string): RetryFacts {
  return { safeToRepeat: method === "GET" || method === "HEAD", busyErrorCodes: [] };
}

/** A request's operation, with the path parameters read back from its URL. */
export interface OperationMatch {
  entry: OperationEntry;
  path: Record<string, string>;
}

interface Route {
  entry: OperationEntry;
  re: RegExp;
  names: string[];
  literals: number;
}

export type OperationLookup = (method: string, pathname: string) => OperationMatch | undefined;

/**
 * Finds requests in `table` by method and path template. `baseUrl`'s path (an endpoint behind a path prefix) is
 * cut off first. When templates overlap, the one with more literal segments wins (`/a/b` over `/a/{id}`).
 */
export function operationLookup(table: readonly OperationEntry[], baseUrl?: string): OperationLookup {
  const prefix = baseUrl ? new URL(baseUrl).pathname.replace(/\/+$/, "") : "";
  const byMethod = new Map<string, Route[]>();
  for (const entry of table) {
    const names: string[] = [];
    let literals = 0;
    const source = entry.path
      .split("/")
      .map((segment) => {
        const param = /^\{([^}]+)\}$/.exec(segment);
        if (param) {
          names.push(param[1] as string);
          return "([^/]+)";
        }
        literals++;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    const routes = byMethod.get(entry.method) ?? [];
    routes.push({ entry, re: new RegExp(`^${source}$`), names, literals });
    byMethod.set(entry.method, routes);
  }
  for (const routes of byMethod.values()) routes.sort((a, b) => b.literals - a.literals);

  return (method, pathname) => {
    if (prefix && !pathname.startsWith(`${prefix}/`)) return undefined;
    const rest = pathname.slice(prefix.length);
    for (const route of byMethod.get(method.toUpperCase()) ?? []) {
      const m = route.re.exec(rest);
      if (!m) continue;
      const path: Record<string, string> = {};
      route.names.forEach((name, i) => (path[name] = decode(m[i + 1] as string)));
      return { entry: route.entry, path };
    }
    return undefined;
  };
}

/**
 * Checks a request against its operation before any I/O, as the service methods check their arguments: path
 * parameters from the URL, query parameters (read back to the types the spec gives them) and the JSON body,
 * through the operation's generated validator (the query as the caller typed it when known, else read back from the URL). Throws one {@link ValidationError} naming every bad field.
 */
export function validateRequest(match: OperationMatch, url: URL, body: Uint8Array | undefined, callerQuery?: Record<string, unknown>): void {
  const { entry } = match;
  const query: Record<string, unknown> = callerQuery ? { ...callerQuery } : {};
  // Fields the caller left undefined were never sent; they are absent, not invalid.
  for (const name of Object.keys(query)) if (query[name] === undefined) delete query[name];
  if (!callerQuery) for (const name of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(name);
    const type = entry.query[name];
    query[name] = type === "array" ? all : all.length > 1 ? all : typed(all[0] as string, type);
  }
  let parsed: unknown;
  if (body !== undefined && body.byteLength > 0) {
    if (entry.requestContentType === null) {
      throw new ValidationError([{ path: "body", keyword: "not", message: "is not expected: the operation has no request body" }], entry.operationId);
    }
    try {
      parsed = JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw new ValidationError([{ path: "body", keyword: "type", message: `must be ${entry.requestContentType}` }], entry.operationId);
    }
  }
  validateInput(entry.operationId, entry.validate, { path: match.path, query, ...(parsed !== undefined ? { body: parsed } : {}) });
}

/** A query value as the spec types it; text that does not read as that type stays text, for the validator to name. */
function typed(value: string, type: string | undefined): unknown {
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value)) return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
