import createClient, { createQuerySerializer, type Client } from "openapi-fetch";
import { ValidationError } from "../errors.js";
import { resolveClientOptions, type ClientOptions, type ResolvedClientOptions, type ServiceName } from "../options.js";
import type { OperationEntry } from "./operations.js";
import { safePathSerializer } from "./path-params.js";
import { callerQueries, createTransport } from "./transport.js";

/** What every service client is built on. */
export interface BaseClient<Paths extends {}> {
  /** The openapi-fetch client, with auth, retries and typed errors applied, for anything the methods lack. */
  raw: Client<Paths, `${string}/${string}`>;
  options: ResolvedClientOptions;
  /** Sets the project id once discovered: later requests carry it (`X-Project-Id` under AK/SK). */
  useProjectId(projectId: string): void;
}

/**
 * Builds the openapi-fetch client for one service: checked options → transport → openapi-fetch. Every request is
 * looked up in `operations` (the service's generated table, `generated/operations/<api>.js`, passed in by the
 * service so that a bundle holds only the services it uses) for its validator and retry facts.
 */
export function createBaseClient<Paths extends {}>(
  service: ServiceName,
  options: ClientOptions,
  requireProjectId: boolean,
  operations: readonly OperationEntry[],
): BaseClient<Paths> {
  const resolved = resolveClientOptions(service, options, requireProjectId);
  const transportOptions = { ...resolved, operations };
  const raw = createClient<Paths>({
    baseUrl: resolved.baseUrl,
    fetch: createTransport(transportOptions),
    pathSerializer: safePathSerializer,
    querySerializer: safeQuerySerializer,
    bodySerializer: jsonBody,
  });
  // The transport validates the query the caller gave, not its URL form, in which null and unserialisable
  // values have vanished and numbers have become text.
  raw.use({
    onRequest: ({ request, params }) => {
      if (params.query) callerQueries.set(request, params.query);
    },
  });
  const useProjectId = (projectId: string): void => {
    resolved.projectId = projectId;
    transportOptions.projectId = projectId;
  };
  return { raw, options: resolved, useProjectId };
}

// Pure: dist/ shares one chunk between every entry, and a bundle of an auth strategy alone must not keep it.
const defaultQuery = /* @__PURE__ */ createQuerySerializer();

/**
 * openapi-fetch's query serializer, leaving out the fields it cannot serialise (nested objects) instead of
 * throwing a bare `Error`: the transport then names them in a {@link ValidationError} before any I/O.
 */
function safeQuerySerializer(query: Record<string, unknown>): string {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query ?? {})) {
    try {
      defaultQuery({ [name]: value });
      kept[name] = value;
    } catch {
      // Left out; validation of the caller's query reports it.
    }
  }
  return defaultQuery(kept);
}

/** `JSON.stringify`, with a typed error for what JSON cannot hold (BigInt, cycles) instead of a raw `TypeError`. */
function jsonBody(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch {
    throw new ValidationError([{ path: "body", keyword: "type", message: "must be serialisable as JSON (no BigInt, no cycles)" }]);
  }
}

/** `util.inspect` / `JSON.stringify` view of a client: where it points and how it authenticates, nothing secret. */
export function describeClient<T extends object>(client: T, name: string, options: ResolvedClientOptions): T {
  const summary = { client: name, endpoint: options.baseUrl, projectId: options.projectId, auth: options.auth?.kind ?? "none" };
  return Object.defineProperties(client, {
    toJSON: { value: () => summary, enumerable: false },
    [Symbol.for("nodejs.util.inspect.custom")]: { value: () => `${name} ${JSON.stringify(summary)}`, enumerable: false },
  });
}
