import { collectIssues, ValidationError } from "../errors.js";
import { hideSecrets, type AuthContext, type AuthRequest, type AuthStrategy, type ClientOptions, type Logger } from "../options.js";
import { createIamTokenClient, CreateTokenByPassword, type IamTokenClient } from "./iam-token.js";
import { sharedRenewal } from "./shared-renewal.js";
import { checkText } from "./token.js";

/** IAM user credentials, the project the token is scoped to, and how the token request is sent. */
export interface PasswordAuthOptions extends Pick<ClientOptions, "allowInsecureHttp" | "timeoutMs" | "maxRetries" | "maxResponseBytes"> {
  /** Account (domain) name the IAM user belongs to. */
  domainName: string;
  /** IAM user name. */
  userName: string;
  /** The user's password; held only in the strategy's closure, never logged or shown by `util.inspect`. */
  password: string;
  /** Scope the token to this project id… */
  projectId?: string;
  /** …or to this project name (usually the region id, e.g. `cn-north-4`). */
  projectName?: string;
  /** IAM endpoint, e.g. `https://iam.cn-north-4.myhuaweicloud.com`; or give `region`. */
  iamEndpoint?: string;
  /** Region whose IAM endpoint issues the token (a regional token is valid in that region only). */
  region?: string;
  /**
   * Renew the token this long before it expires (capped at half its lifetime). IAM tokens live 24 h.
   * @default 900000 (15 minutes)
   */
  refreshBeforeMs?: number;
}

/**
 * Gets an IAM token with a password, caches it, renews it before it expires, shares one renewal among
 * concurrent calls, and on a 401 drops it and lets the request be sent once more with a new one.
 */
export function passwordAuth(options: PasswordAuthOptions): AuthStrategy {
  const o = (options ?? {}) as Partial<PasswordAuthOptions>;
  const { domainName, userName, password, projectId, projectName, iamEndpoint, region, refreshBeforeMs = 15 * 60_000 } = o;
  const issues = collectIssues("passwordAuth", "auth.");
  checkText(issues, "domainName", domainName, false);
  checkText(issues, "userName", userName, false);
  checkText(issues, "password", password, false);
  if ((projectId === undefined) === (projectName === undefined)) issues.add("projectId", "oneOf", "give exactly one of projectId or projectName");
  if ((iamEndpoint === undefined) === (region === undefined)) issues.add("iamEndpoint", "oneOf", "give exactly one of iamEndpoint or region");
  if (!Number.isFinite(refreshBeforeMs) || refreshBeforeMs < 0) issues.add("refreshBeforeMs", "minimum", "must be a finite number ≥ 0");
  issues.done();

  // Only the closure holds the password; the returned object exposes nothing but `kind`.
  const user = { name: userName as string, password: password as string, domain: { name: domainName as string } };
  const body = {
    auth: {
      identity: { methods: ["password" as const], password: { user } },
      scope: { project: projectId !== undefined ? { id: projectId } : { name: projectName as string } },
    },
  };
  // The host client whose call started the latest renewal: the IAM client sends through its fetch and logs to its
  // logger (already filtered at the host's level, hence "debug" here). Only a dropped renewal can overlap a new one.
  let host: AuthContext | undefined;
  const logger = {} as Logger;
  for (const level of ["error", "warn", "info", "debug"] as const) logger[level] = (message, details) => host?.logger[level](message, details);
  let iam: IamTokenClient;
  try {
    // Only the options passwordAuth documents reach the IAM client.
    const { allowInsecureHttp, timeoutMs, maxRetries, maxResponseBytes } = o;
    const given = { endpoint: iamEndpoint, region, allowInsecureHttp, timeoutMs, maxRetries, maxResponseBytes, logger, logLevel: "debug" as const };
    iam = createIamTokenClient({ ...given, fetch: (input, init) => (host as AuthContext).fetch(input, init) }, [CreateTokenByPassword]);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    // Named as the caller of passwordAuth wrote them.
    throw new ValidationError(
      err.issues.map((i) => ({ ...i, path: `auth.${i.path === "endpoint" ? "iamEndpoint" : i.path}` })),
      "passwordAuth",
    );
  }

  type Cached = { token: string; refreshAt: number };
  let cached: Cached | undefined;
  // One token request at a time, shared by every call waiting for it (see sharedRenewal).
  const renew = sharedRenewal((context: AuthContext, signal) => {
    host = context;
    const requestedAt = Date.now();
    return iam
      .createTokenByPassword(body, undefined, { signal })
      .then(
        ({ token, expiresAt, body: answer }) => (cached = { token, refreshAt: refreshTime(requestedAt, answer.token?.issued_at, expiresAt, refreshBeforeMs) }),
      );
  }, "the token request");

  const strategy: AuthStrategy = {
    kind: "password",
    async authenticate(request, context) {
      const current = cached && Date.now() < cached.refreshAt ? cached : await renew(context, context.signal);
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
  const lifetime = Number.isNaN(expires) ? 0 : expires - (Number.isNaN(issued) ? requestedAt : issued);
  return requestedAt + lifetime - Math.min(refreshBeforeMs, lifetime / 2);
}
