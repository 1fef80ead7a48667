import type { ClientOptions, ServiceName } from "../options.js";
import { createBaseClient, type BaseClient } from "../internal/create.js";
import type { OperationEntry } from "../internal/operations.js";
import { defaultCredentials } from "../auth/default-chain.js";
import { projectDiscovery, type DiscoveredProject } from "../auth/project-discovery.js";

/** A project-scoped client: its base client, and its project id, given or discovered on first use. */
export interface ScopedClient<Paths extends {}> extends BaseClient<Paths> {
  /** The project id: the given one at once, else discovered once (see projectDiscovery) and then cached. */
  project(signal?: AbortSignal): Promise<DiscoveredProject>;
}

/**
 * The base client of a project-scoped service (APIG, DDS) with the defaults this SDK shares with the official
 * ones: `auth` omitted means the default credential chain, `projectId` omitted means discovery by region.
 */
export function createScopedClient<Paths extends {}>(service: ServiceName, options: ClientOptions, operations: readonly OperationEntry[]): ScopedClient<Paths> {
  const o = (options ?? {}) as ClientOptions;
  const base = createBaseClient<Paths>(service, o.auth === undefined ? { ...o, auth: defaultCredentials() } : o, true, operations);
  const { options: resolved } = base;
  if (resolved.projectId !== undefined) {
    const given = { projectId: resolved.projectId, source: "option" };
    return { ...base, project: () => Promise.resolve(given) };
  }
  const discover = projectDiscovery({ ...resolved, region: resolved.region as string, maxResponseBytes: resolved.maxResponseBytes });
  const project = async (signal?: AbortSignal) => {
    const found = await discover(signal);
    base.useProjectId(found.projectId);
    return found;
  };
  return { ...base, project };
}
