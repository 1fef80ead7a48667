/**
 * IAM handler: CreateTokenByPassword (`POST /v3/auth/tokens`). Answers 201 with the token in `X-Subject-Token`
 * and its details in the body (with a service catalog pointing at the emulator unless `nocatalog` is set to any
 * non-empty value).
 * Wrong credentials → 401 Keystone-style; a project or domain the user cannot use → 403; a malformed body →
 * 400 (`IAM.0007` naming the parameter, or Keystone-style when the body is not a JSON object).
 */
import { timingSafeEqual, createHash } from "node:crypto";
import type { Handler, HandlerContext } from "./context.js";
import { keystoneError, serviceError } from "./errors.js";
import { isoTime, type Answer } from "./http.js";
import type { SeedProject } from "./seed.js";
import { derivedId, type UserState } from "./state.js";
import type { TokenRecord } from "./tokens.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;

function invalidParameter(path: string): Answer {
  return serviceError(400, "IAM.0007", `Request parameter ${path} is invalid.`);
}

/** Constant-time password check (hashes first, so lengths do not leak either). */
function samePassword(a: string, b: string): boolean {
  const h = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(h(a), h(b));
}

interface ScopeTarget {
  id?: string;
  name?: string;
}

function scopeTarget(v: unknown, path: string): ScopeTarget | Answer | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v) || (v.id === undefined && v.name === undefined)) return invalidParameter(path);
  if (v.id !== undefined && !isText(v.id)) return invalidParameter(`${path}.id`);
  if (v.name !== undefined && !isText(v.name)) return invalidParameter(`${path}.name`);
  return { ...(v.id !== undefined ? { id: v.id as string } : {}), ...(v.name !== undefined ? { name: v.name as string } : {}) };
}

const matches = (t: ScopeTarget, id: string, name: string) => (t.id === undefined || t.id === id) && (t.name === undefined || t.name === name);

/** The token body: what the token is, for whom, and where the services are. */
export function tokenBody(ctx: HandlerContext, record: TokenRecord, withCatalog: boolean): Record<string, unknown> {
  const { user, project } = record;
  const domain = { id: user.domainId, name: user.domainName };
  return {
    token: {
      methods: ["password"],
      expires_at: isoTime(record.expiresAt),
      issued_at: isoTime(record.issuedAt),
      ...(project ? { project: { id: project.id, name: project.name, domain } } : { domain }),
      user: { id: user.userId, name: user.userName, password_expires_at: null, domain },
      roles: user.roles.map((name) => ({ id: derivedId("role", name), name })),
      ...(withCatalog
        ? {
            catalog: (["apig", "dds", "iam"] as const).map((service) => ({
              id: derivedId("service", service),
              type: service,
              name: service,
              endpoints: [{ id: derivedId("endpoint", service), interface: "public", region: ctx.state.region, region_id: ctx.state.region, url: ctx.baseUrl }],
            })),
          }
        : {}),
    },
  };
}

/** POST /v3/auth/tokens */
export const createTokenByPassword: Handler = (ctx) => {
  const body = ctx.body;
  if (!isObj(body) || !isObj(body.auth)) return keystoneError(400, "The request body is invalid.");
  const auth = body.auth;
  const identity = auth.identity;
  if (!isObj(identity)) return invalidParameter("auth.identity");
  const methods = identity.methods;
  if (!Array.isArray(methods) || methods.length !== 1 || methods[0] !== "password") return invalidParameter("auth.identity.methods");
  const user = isObj(identity.password) && isObj(identity.password.user) ? identity.password.user : undefined;
  if (!user) return invalidParameter("auth.identity.password.user");
  if (!isText(user.name)) return invalidParameter("auth.identity.password.user.name");
  if (!isText(user.password)) return invalidParameter("auth.identity.password.user.password");
  if (!isObj(user.domain) || !isText(user.domain.name)) return invalidParameter("auth.identity.password.user.domain.name");
  const userName = user.name;
  const domainName = user.domain.name;

  // `scope` is mandatory (an empty one gives a domain-level token), as in the reference and the Go/Python models.
  if (!isObj(auth.scope)) return invalidParameter("auth.scope");
  const projectScope = scopeTarget(auth.scope.project, "auth.scope.project");
  if (projectScope && "status" in projectScope) return projectScope;
  const domainScope = scopeTarget(auth.scope.domain, "auth.scope.domain");
  if (domainScope && "status" in domainScope) return domainScope;

  const found: UserState | undefined = ctx.state.users.find((u) => u.domainName === domainName && u.userName === userName);
  // Checked even for an unknown user so that both failures take the same time.
  const passwordOk = samePassword(user.password, found?.password ?? "\u0000no-such-user");
  if (!found || !passwordOk) return keystoneError(401, "The request you have made requires authentication.");

  let project: SeedProject | undefined;
  if (projectScope) {
    // A project scope wins over a domain scope, as in IAM.
    const scope = projectScope;
    project = found.projects.find((p) => matches(scope, p.id, p.name));
    if (!project) return keystoneError(403, `You are not authorized to perform the requested action: no access to project ${scope.id ?? scope.name ?? ""}.`);
  } else if (domainScope && !matches(domainScope, found.domainId, found.domainName)) {
    return keystoneError(403, "You are not authorized to perform the requested action: the user does not belong to that domain.");
  }

  const { token, record } = ctx.tokens.issue(found, project, ctx.now(), ctx.timings.tokenTtlMs);
  // `nocatalog` is a string: any non-empty value leaves the catalog out, `false` included.
  const nocatalog = ctx.query.get("nocatalog");
  return { status: 201, headers: { "X-Subject-Token": token }, body: tokenBody(ctx, record, nocatalog === null || nocatalog === "") };
};
