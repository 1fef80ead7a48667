import type { OperationEntry, RetryFacts } from "../../generated/operation-types.js";
import { collectIssues } from "../errors.js";
import { validateInput, validatorOf } from "./validate.js";

export type { OperationEntry, RetryFacts };

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

export type OperationLookup = (method: string, pathname: string) => OperationMatch | undefined;

/**
 * Finds requests in `table` by method and path template. `baseUrl`'s path (an endpoint behind a path prefix) is
 * cut off first. When templates overlap, the one with more literal segments wins (`/a/b` over `/a/{id}`).
 */
export function operationLookup(table: readonly OperationEntry[], baseUrl?: string): OperationLookup {
  const prefix = baseUrl ? new URL(baseUrl).pathname.replace(/\/+$/, "") : "";
  const routes = table
    .map((entry) => {
      const segments = entry.path.split("/");
      const names = segments.flatMap((segment) => /^\{([^}]+)\}$/.exec(segment)?.[1] ?? []);
      const source = segments.map((segment) => (/^\{[^}]+\}$/.test(segment) ? "([^/]+)" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      return { entry, re: new RegExp(`^${source.join("/")}$`), names, literals: segments.length - names.length };
    })
    .sort((a, b) => b.literals - a.literals);

  return (method, pathname) => {
    if (prefix && !pathname.startsWith(`${prefix}/`)) return undefined;
    const rest = pathname.slice(prefix.length);
    for (const route of routes) {
      const m = route.entry.method === method.toUpperCase() ? route.re.exec(rest) : null;
      if (m) return { entry: route.entry, path: Object.fromEntries(route.names.map((name, i) => [name, decode(m[i + 1] as string)])) };
    }
    return undefined;
  };
}

/**
 * Checks a request against its operation before any I/O, as the service methods check their arguments: path
 * parameters from the URL, query parameters (read back to the types the spec gives them) and the JSON body,
 * through the operation's generated validator (the query as the caller typed it when known, else read back from
 * the URL). Throws one {@link ValidationError} naming every bad field.
 */
export async function validateRequest(match: OperationMatch, url: URL, body: Uint8Array | undefined, callerQuery?: Record<string, unknown>): Promise<void> {
  const { entry } = match;
  // Fields the caller left undefined were never sent; they are absent, not invalid.
  const query = Object.fromEntries(Object.entries(callerQuery ?? {}).filter(([, value]) => value !== undefined));
  if (!callerQuery)
    for (const name of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(name);
      const type = entry.query[name];
      query[name] = type === "array" || all.length > 1 ? all : typed(all[0] as string, type);
    }
  let parsed: unknown;
  if (body !== undefined && body.byteLength > 0) {
    const { fail } = collectIssues(entry.operationId);
    if (entry.requestContentType === null) fail("body", "not", "is not expected: the operation has no request body");
    try {
      parsed = JSON.parse(new TextDecoder().decode(body));
    } catch {
      fail("body", "type", `must be ${entry.requestContentType}`);
    }
  }
  validateInput(entry.operationId, await validatorOf(entry), { path: match.path, query, ...(parsed !== undefined ? { body: parsed } : {}) });
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
