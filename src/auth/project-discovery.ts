import { HuaweiCloudError, ProjectDiscoveryError } from "../errors.js";
import type { AuthStrategy, ClientOptions, Logger } from "../options.js";
import type { CredentialsStrategy } from "./credentials.js";
import { createIamTokenClient, KeystoneListProjects } from "./iam-token.js";
import { sharedRenewal } from "./shared-renewal.js";

/** What a client knows that discovery needs. @internal */
export interface ProjectDiscoveryOptions extends Pick<ClientOptions, "timeoutMs" | "maxRetries" | "maxResponseBytes"> {
  region: string;
  /** The client's IAM endpoint; the credentials' own (`iam_endpoint` of a profile) wins. */
  iamEndpoint: string | undefined;
  allowInsecureHttp: boolean;
  auth: AuthStrategy | undefined;
  fetch: typeof fetch;
  logger: Logger;
}

/** A discovered project id and where it came from: a provider's name (`environment`, `profile`) or `iam`. */
export interface DiscoveredProject {
  projectId: string;
  source: string;
}

/**
 * The project id of a client given no `projectId`: the one its credential provider names
 * (`HUAWEICLOUD_SDK_PROJECT_ID`, a profile's `project_id`), else the one project IAM lists under the region's name
 * (KeystoneListProjects `name={region}`, signed by the client's own auth, as the official SDKs look it up). One
 * lookup shared by concurrent calls, cached once found; a failure is not cached. `ProjectDiscoveryError` when IAM
 * lists no project or several. @internal
 */
export function projectDiscovery(o: ProjectDiscoveryOptions): (signal: AbortSignal | undefined) => Promise<DiscoveredProject> {
  let found: DiscoveredProject | undefined;
  const lookup = sharedRenewal(async (_: undefined, signal) => {
    const describe = (o.auth as Partial<CredentialsStrategy> | undefined)?.describe;
    const info = describe ? await describe.call(o.auth, { fetch: o.fetch, logger: o.logger, signal, iamEndpoint: o.iamEndpoint }) : undefined;
    if (info?.projectId) {
      found = { projectId: info.projectId, source: info.provider };
      return found;
    }
    const endpoint = info?.iamEndpoint ?? o.iamEndpoint;
    if (!endpoint)
      throw new ProjectDiscoveryError(`no IAM endpoint to discover the project of region ${o.region}: give projectId or iamEndpoint`, o.region, []);
    const { timeoutMs, maxRetries, maxResponseBytes, allowInsecureHttp, auth, fetch, logger } = o;
    const given = { endpoint, timeoutMs, maxRetries, maxResponseBytes, allowInsecureHttp, auth, fetch, logger, logLevel: "debug" as const };
    const iam = createIamTokenClient(given, [KeystoneListProjects]);
    let projects: NonNullable<Awaited<ReturnType<typeof iam.listProjectsByName>>["projects"]>;
    try {
      projects = (await iam.listProjectsByName(o.region, { signal })).projects ?? [];
    } catch (err) {
      if (!(err instanceof HuaweiCloudError) || err.name === "AbortError" || err.name === "CredentialsError") throw err;
      throw new ProjectDiscoveryError(
        `the project of region ${o.region} could not be looked up at ${endpoint} (${err.name}: ${err.message}); give projectId`,
        o.region,
        [],
        { cause: err },
      );
    }
    const ids = projects.map((p) => p?.id).filter((id): id is string => typeof id === "string" && id !== "");
    if (ids.length !== 1) {
      const why = ids.length === 0 ? "IAM lists no project" : `IAM lists ${ids.length} projects (${ids.join(", ")})`;
      throw new ProjectDiscoveryError(`${why} named ${o.region}: give projectId`, o.region, ids);
    }
    o.logger.info(`project of region ${o.region} discovered through IAM`);
    found = { projectId: ids[0] as string, source: "iam" };
    return found;
  }, "the project id lookup");
  return (signal) => (found ? Promise.resolve(found) : lookup(undefined, signal));
}
