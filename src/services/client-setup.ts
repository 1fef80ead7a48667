import type { ClientOptions, ServiceName } from "../options.js";
import { createBaseClient, type BaseClient } from "../internal/create.js";
import type { OperationEntry } from "../internal/operations.js";
import { validateInput, validatorOf, type OperationInput } from "../internal/validate.js";
import { defaultCredentials } from "../auth/default-chain.js";
import { projectDiscovery, type DiscoveredProject } from "../auth/project-discovery.js";

/** A project-scoped client: its base client, and its project id, given or discovered on first use. */
export interface ScopedClient<Paths extends {}> extends BaseClient<Paths> {
  /**
   * The project id: the given one at once, else discovered once (see projectDiscovery) and then cached. `input`,
   * the inputs of the operation about to be sent without its project id, is checked first: bad input is refused
   * before the discovery's I/O as it would be before the request's.
   */
  project(signal?: AbortSignal, input?: OperationInput & { operationId: string }): Promise<DiscoveredProject>;
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
  let known: DiscoveredProject | undefined;
  const project = async (signal?: AbortSignal, input?: OperationInput & { operationId: string }) => {
    const entry = input && !known ? operations.find((e) => e.operationId === input.operationId) : undefined;
    if (entry && input) validateInput(entry.operationId, await validatorOf(entry), input, "project_id");
    const found = await discover(signal);
    known = found;
    base.useProjectId(found.projectId);
    return found;
  };
  return { ...base, project };
}
