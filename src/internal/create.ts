import createClient, { type Client } from "openapi-fetch";
import type { ServiceName } from "../options.js";
import type { OperationEntry } from "./operations.js";
import { resolveClientOptions, type ClientOptions, type ResolvedClientOptions } from "../options.js";
import { safePathSerializer } from "./path-params.js";
import { createTransport } from "./transport.js";

/** What every service client is built on. */
export interface BaseClient<Paths extends {}> {
  /** The openapi-fetch client, with auth, retries and typed errors applied, for anything the methods lack. */
  raw: Client<Paths, `${string}/${string}`>;
  options: ResolvedClientOptions;
}

/**
 * Builds the openapi-fetch client for one service: checked options → transport → openapi-fetch. Every request is
 * looked up in `operations` (the specs' generated table unless given) for its validator and retry facts.
 */
export function createBaseClient<Paths extends {}>(
  service: ServiceName,
  options: ClientOptions,
  requireProjectId: boolean,
  operations?: readonly OperationEntry[],
): BaseClient<Paths> {
  const resolved = resolveClientOptions(service, options, requireProjectId);
  const raw = createClient<Paths>({
    baseUrl: resolved.baseUrl,
    fetch: createTransport({ ...resolved, ...(operations ? { operations } : {}) }),
    pathSerializer: safePathSerializer,
  });
  return { raw, options: resolved };
}

/** `util.inspect` / `JSON.stringify` view of a client: where it points and how it authenticates, nothing secret. */
export function describeClient<T extends object>(client: T, name: string, options: ResolvedClientOptions): T {
  const summary = { client: name, endpoint: options.baseUrl, projectId: options.projectId, auth: options.auth?.kind ?? "none" };
  Object.defineProperties(client, {
    toJSON: { value: () => summary, enumerable: false },
    [Symbol.for("nodejs.util.inspect.custom")]: { value: () => `${name} ${JSON.stringify(summary)}`, enumerable: false },
  });
  return client;
}
