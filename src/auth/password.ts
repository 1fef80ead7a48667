import { ValidationError, type ValidationIssue } from "../errors.js";
import { hideSecrets, type AuthContext, type AuthRequest, type AuthStrategy, type Logger } from "../options.js";
import { createIamTokenClient, type IamTokenClient } from "./iam-token.js";

/** IAM user credentials and the project the token is scoped to. */
export interface PasswordAuthOptions {
  /** Account (domain) name the IAM user belongs to. */
  domainName: string;
  userName: string;
  password: string;
  /** Scope the token to this project id… */
  projectId?: string;
  /** …or to this project name (usually the region id, e.g. `cn-north-4`). */
  projectName?: string;
  /** IAM endpoint, e.g. `https://iam.cn-north-4.myhuaweicloud.com`; or give `region`. */
  iamEndpoint?: string;
  /** Region whose IAM endpoint issues the token (a regional token is valid in that region only). */
  region?: string;
  /** Allow a plain-http, non-loopback `iamEndpoint`. @default false */
  allowInsecureHttp?: boolean;
  /**
   * Renew the token this long before it expires (capped at half its lifetime). IAM tokens live 24 h.
   * @default 900000 (15 minutes)
   */
  refreshBeforeMs?: number;
  /** Per-attempt timeout of the token request. @default 30000 */
  timeoutMs?: number;
  /** Retries of the token request. @default 2 */
  maxRetries?: number;
}

interface CachedToken {
  token: string;
  /** Local clock time after which the token is renewed. */
  refreshAt: number;
}

/**
 * Gets an IAM token with a password, caches it, renews it before it expires, shares one renewal among
 * concurrent calls, and on a 401 drops it and lets the request be sent once more with a new one.
 */
export function passwordAuth(options: PasswordAuthOptions): AuthStrategy {
  const o = (options ?? {}) as Partial<PasswordAuthOptions>;
  const issues: ValidationIssue[] = [];
  for (const field of ["domainName", "userName", "password"] as const) {
    const v = o[field];
    if (typeof v !== "string" || v.length === 0) issues.push({ path: `auth.${field}`, keyword: "required", message: "must be a non-empty string" });
  }
  if ((o.projectId === undefined) === (o.projectName === undefined)) {
    issues.push({ path: "auth.projectId", keyword: "oneOf", message: "give exactly one of projectId or projectName" });
  }
  if ((o.iamEndpoint === undefined) === (o.region === undefined)) {
    issues.push({ path: "auth.iamEndpoint", keyword: "oneOf", message: "give exactly one of iamEndpoint or region" });
  }
  const refreshBeforeMs = o.refreshBeforeMs ?? 15 * 60_000;
  if (!Number.isFinite(refreshBeforeMs) || refreshBeforeMs < 0) {
    issues.push({ path: "auth.refreshBeforeMs", keyword: "minimum", message: "must be a finite number ≥ 0" });
  }
  if (issues.length) throw new ValidationError(issues, "passwordAuth");

  // Only the closure holds the password; the returned object exposes nothing but `kind`.
  const password = o.password as string;
  const scope = o.projectId !== undefined ? { project: { id: o.projectId } } : { project: { name: o.projectName as string } };
  const body = {
    auth: {
      identity: { methods: ["password" as const], password: { user: { name: o.userName as string, password, domain: { name: o.domainName as string } } } },
      scope,
    },
  };
  // The host client whose call started the renewal under way: the IAM client sends through its fetch and logs
  // to its logger (already filtered at the host's level, hence "debug" here). Renewals never overlap.
  let host: AuthContext | undefined;
  const logTo =
    (level: keyof Logger): Logger[typeof level] =>
    (message, details) =>
      host?.logger[level](message, details);
  let iam: IamTokenClient;
  try {
    iam = createIamTokenClient({
      ...(o.iamEndpoint !== undefined ? { endpoint: o.iamEndpoint } : { region: o.region as string }),
      ...(o.allowInsecureHttp !== undefined ? { allowInsecureHttp: o.allowInsecureHttp } : {}),
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.maxRetries !== undefined ? { maxRetries: o.maxRetries } : {}),
      fetch: (input, init) => (host as AuthContext).fetch(input, init),
      logger: { error: logTo("error"), warn: logTo("warn"), info: logTo("info"), debug: logTo("debug") },
      logLevel: "debug",
    });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    // Named as the caller of passwordAuth wrote them.
    throw new ValidationError(err.issues.map((i) => ({ ...i, path: `auth.${i.path === "endpoint" ? "iamEndpoint" : i.path}` })), "passwordAuth");
  }

  let cached: CachedToken | undefined;
  let renewal: Promise<CachedToken> | undefined;
  // The shared renewal is not tied to one caller's signal: one caller giving up must not fail the others.
  const renew = (context: AuthContext): Promise<CachedToken> => {
    renewal ??= (async () => {
      host = context;
      const requestedAt = Date.now();
      const { token, expiresAt, body: answer } = await iam.createTokenByPassword(body);
      cached = { token, refreshAt: refreshTime(requestedAt, answer.token?.issued_at, expiresAt, refreshBeforeMs) };
      return cached;
    })().finally(() => {
      renewal = undefined;
    });
    return renewal;
  };

  const strategy: AuthStrategy = {
    kind: "password",
    async authenticate(request, context) {
      const current = cached && Date.now() < cached.refreshAt ? cached : await renew(context);
      request.headers.set("X-Auth-Token", current.token);
    },
    async onUnauthorized(request: AuthRequest) {
      // Only the token this request carried is dropped: a concurrent call may already have renewed it.
      if (cached && request.headers.get("X-Auth-Token") === cached.token) cached = undefined;
      return true;
    },
  };
  return hideSecrets(strategy, "password");
}

/**
 * When to renew: the token's lifetime is measured on the server's clock (expires_at − issued_at) and laid onto
 * ours from the moment we asked, so a skewed local clock cannot make us use an expired token.
 */
export function refreshTime(requestedAt: number, issuedAt: string | undefined, expiresAt: string, refreshBeforeMs: number): number {
  const expires = Date.parse(expiresAt);
  const issued = issuedAt ? Date.parse(issuedAt) : Number.NaN;
  const lifetime = Number.isNaN(issued) || Number.isNaN(expires) ? (Number.isNaN(expires) ? 0 : expires - requestedAt) : expires - issued;
  const margin = Math.min(refreshBeforeMs, lifetime / 2);
  return requestedAt + lifetime - margin;
}
