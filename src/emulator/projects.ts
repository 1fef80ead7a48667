/**
 * IAM KeystoneListProjects (`GET /v3/projects`): the account's projects (`state.projects`, seeded with one per
 * region), filtered by `name`, `domain_id` and `enabled`; `page`/`per_page` page the result. Needs a token or an
 * AK/SK signature (checked by the pipeline). Bad paging values → 400 `IAM.0007`.
 */
import type { Handler } from "./context.js";
import { serviceError } from "./errors.js";

function positive(value: string | null, max: number): number | undefined | null {
  if (value === null) return undefined;
  if (!/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= max ? n : null;
}

/** GET /v3/projects */
export const keystoneListProjects: Handler = (ctx) => {
  const page = positive(ctx.query.get("page"), 100000);
  const perPage = positive(ctx.query.get("per_page"), 5000);
  if (page === null) return serviceError(400, "IAM.0007", "Request parameter page is invalid.");
  if (perPage === null) return serviceError(400, "IAM.0007", "Request parameter per_page is invalid.");
  const enabled = ctx.query.get("enabled");
  if (enabled !== null && enabled !== "true" && enabled !== "false") return serviceError(400, "IAM.0007", "Request parameter enabled is invalid.");
  const name = ctx.query.get("name");
  const domainId = ctx.query.get("domain_id");
  const accountId = ctx.state.users[0]?.domainId ?? ctx.state.projectId;

  let projects = ctx.state.projects
    .filter((p) => name === null || p.name === name)
    .map((p) => ({
      id: p.id,
      name: p.name,
      domain_id: accountId,
      parent_id: accountId,
      is_domain: false,
      // Every emulated project is enabled.
      enabled: true,
      description: "",
      links: { self: `${ctx.baseUrl}/v3/projects/${p.id}` },
    }))
    .filter((p) => (domainId === null || p.domain_id === domainId) && (enabled === null || String(p.enabled) === enabled));
  if (page !== undefined || perPage !== undefined) {
    const size = perPage ?? 5000;
    projects = projects.slice(((page ?? 1) - 1) * size, (page ?? 1) * size);
  }
  const self = `${ctx.baseUrl}/v3/projects${ctx.query.size ? `?${ctx.query.toString()}` : ""}`;
  return { status: 200, body: { links: { self, previous: null, next: null }, projects } };
};
