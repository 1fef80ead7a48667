import { CredentialsError, HuaweiCloudError, ValidationError } from "../errors.js";
import { hideSecrets, type AuthContext, type AuthStrategy } from "../options.js";
import { backoffDelay } from "../internal/backoff.js";
import { akskAuth } from "./aksk.js";
import { sharedRenewal } from "./shared-renewal.js";

/** Access keys a provider supplied, with what it knows of the tenant. Secret: never log it. @internal */
export interface ProvidedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  securityToken?: string | undefined;
  /** When temporary keys expire (ISO 8601); undefined for long-lived keys. */
  expiresAt?: string | undefined;
  projectId?: string | undefined;
  domainId?: string | undefined;
  iamEndpoint?: string | undefined;
}

/** What a credential provider says about the credentials it supplies: never a secret. */
export interface CredentialsInfo {
  /** The provider that supplied them: `environment`, `profile`, `metadata`, `podIdentity` or `federated`. */
  provider: string;
  /** When the temporary credentials expire (ISO 8601 UTC); undefined for long-lived access keys. */
  expiresAt: string | undefined;
  /** Project id the provider names (`HUAWEICLOUD_SDK_PROJECT_ID`, the profile's `project_id`), if any. */
  projectId: string | undefined;
  /** Domain (account) id the provider names, if any. */
  domainId: string | undefined;
  /** IAM endpoint the provider names (the profile's `iam_endpoint`), if any. */
  iamEndpoint: string | undefined;
}

/** Options of every provider that supplies temporary credentials. */
export interface RefreshOptions {
  /**
   * Refresh temporary credentials this long before they expire, capped at half their lifetime (the official SDKs
   * refresh 40 minutes ahead). A failed refresh is retried with backoff while the old credentials are still valid.
   * @default 2400000 (40 minutes)
   */
  refreshBeforeMs?: number;
}

/** An auth strategy backed by a credential provider: signs with AK/SK (+ `X-Security-Token` for temporary keys). */
export interface CredentialsStrategy extends AuthStrategy {
  /**
   * Gets the credentials (on the first call, or when they are due for refresh) and describes them without
   * secrets. `context` defaults to the global fetch, no signal and a silent logger.
   */
  describe(context?: Partial<AuthContext>): Promise<CredentialsInfo>;
}

/** How a provider fetches credentials: `signal` is the shared fetch's own, aborted once every caller left. @internal */
export type CredentialLoader = (context: AuthContext, signal: AbortSignal) => Promise<ProvidedCredentials>;

const silent = { error() {}, warn() {}, info() {}, debug() {} };

/** The context of a call made outside a client (`describe()`): global fetch, silent logger. @internal */
export function contextOf(partial: Partial<AuthContext> | undefined): AuthContext {
  return { fetch: (i, init) => globalThis.fetch(i, init), projectId: undefined, signal: undefined, logger: silent, ...partial };
}

/** The earliest a failed refresh is tried again, and the longest it waits, in ms. */
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 60_000;

/**
 * The one cache behind every provider: loads on first use; for temporary credentials, refreshes before
 * `expiresAt − min(refreshBeforeMs, lifetime / 2)` with one load shared by concurrent calls; keeps using the old
 * credentials while a failed refresh is retried with backoff; on a 401 drops the credentials the request carried
 * and lets it be sent once more (for long-lived keys a 401 is final). @internal
 */
export function credentialsStrategy(provider: string, load: CredentialLoader, options: RefreshOptions = {}): CredentialsStrategy {
  const { refreshBeforeMs = 40 * 60_000 } = options ?? {};
  if (!Number.isFinite(refreshBeforeMs) || refreshBeforeMs < 0) {
    throw new ValidationError([{ path: "refreshBeforeMs", keyword: "minimum", message: "must be a finite number ≥ 0" }], provider);
  }
  type Cached = { creds: ProvidedCredentials; signer: AuthStrategy; refreshAt: number; expiresAt: number; failures: number };
  let cached: Cached | undefined;
  const fetchNew = sharedRenewal(async (context: AuthContext, signal) => {
    const requestedAt = Date.now();
    let creds: ProvidedCredentials;
    try {
      creds = await load(context, signal);
    } catch (err) {
      // Old credentials still valid: keep them, and try again after a backoff instead of on every call.
      if (cached && Date.now() < cached.expiresAt) {
        const delay = backoffDelay(++cached.failures, RETRY_MIN_MS, RETRY_MAX_MS);
        cached.refreshAt = Math.min(Date.now() + delay, cached.expiresAt);
        context.logger.warn(`${provider} credentials: refresh failed (${(err as Error).name}); old ones kept, next try in ${delay} ms`);
        return cached;
      }
      throw err instanceof HuaweiCloudError ? err : new CredentialsError(`${provider} credentials could not be loaded`, [], { cause: err });
    }
    let signer: AuthStrategy;
    try {
      signer = akskAuth({
        accessKeyId: creds.accessKeyId,
        secretAccessKey: creds.secretAccessKey,
        ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
      });
    } catch (err) {
      // The issues name the field, never its value.
      throw new CredentialsError(`${provider} supplied unusable credentials (${(err as ValidationError).issues?.map((i) => i.path).join(", ")})`);
    }
    const expires = creds.expiresAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(creds.expiresAt);
    if (Number.isNaN(expires)) throw new CredentialsError(`${provider} supplied credentials with an unreadable expiry time`);
    const lifetime = Math.max(0, expires - requestedAt);
    cached = { creds, signer, expiresAt: expires, refreshAt: expires - Math.min(refreshBeforeMs, lifetime / 2), failures: 0 };
    return cached;
  }, `the ${provider} credentials request`);

  const current = async (context: AuthContext): Promise<Cached> => (cached && Date.now() < cached.refreshAt ? cached : fetchNew(context, context.signal));

  const strategy: CredentialsStrategy = {
    kind: provider,
    async authenticate(request, context) {
      await (await current(context)).signer.authenticate(request, context);
    },
    async onUnauthorized(request) {
      // Long-lived keys would come back the same: the 401 is final.
      if (cached && cached.creds.expiresAt === undefined) return false;
      // Only the keys this request carried are dropped: a concurrent call may already have refreshed them.
      const sentWith = /Access=([^,\s]+)/.exec(request.headers.get("Authorization") ?? "")?.[1];
      if (cached && sentWith === cached.creds.accessKeyId) cached = undefined;
      return true;
    },
    async describe(context) {
      const { creds } = await current(contextOf(context));
      return { provider, expiresAt: creds.expiresAt, projectId: creds.projectId, domainId: creds.domainId, iamEndpoint: creds.iamEndpoint };
    },
  };
  return hideSecrets(strategy, provider);
}

const absent = new WeakSet<object>();

/**
 * A provider's "nothing configured here" failure (variables unset, no file, no metadata service): the default chain
 * goes on to the next provider. Any other failure means the provider is configured but broken, and stops the chain,
 * so a typo in a credentials file never silently falls through to another identity. @internal
 */
export function notConfigured(message: string, options?: ErrorOptions): CredentialsError {
  const err = new CredentialsError(message, [], options);
  absent.add(err);
  return err;
}

/** Whether `err` came from {@link notConfigured}. @internal */
export function isNotConfigured(err: unknown): boolean {
  return typeof err === "object" && err !== null && absent.has(err);
}

/** Reads an environment variable where there is a `process` (not in browsers). @internal */
export function envVar(name: string, env: Record<string, string | undefined> | undefined = globalThis.process?.env): string | undefined {
  const value = env?.[name];
  return value === undefined || value === "" ? undefined : value;
}

/**
 * The credentials of a metadata, pod identity or IAM answer: `{ credential: { access, secret, securitytoken,
 * expires_at } }` (or `credentials`, and the camel-case names `accessKeyId`, `secretAccessKey`, `securityToken`,
 * `expiration`, which the official cores also accept), parsed or (`isText`) as its JSON text. A broken answer is a
 * `CredentialsError` naming the field, or saying it is not JSON. @internal
 */
export function credentialsFromAnswer(source: string, answer: unknown, isText = false): ProvidedCredentials {
  try {
    answer = isText ? JSON.parse(answer as string) : answer;
  } catch {
    throw new CredentialsError(`${source} answered a body that is not JSON`);
  }
  const outer = (answer ?? {}) as Record<string, unknown>;
  const inner = (typeof outer.credential === "object" && outer.credential) || (typeof outer.credentials === "object" && outer.credentials) || outer;
  const o = inner as Record<string, unknown>;
  const pick = (...names: string[]) => names.map((n) => o[n]).find((v) => typeof v === "string" && v !== "") as string | undefined;
  const accessKeyId = pick("access", "accessKeyId");
  const secretAccessKey = pick("secret", "secretAccessKey");
  const securityToken = pick("securitytoken", "securityToken");
  const expiresAt = pick("expires_at", "expiration");
  const missing = [!accessKeyId && "access", !secretAccessKey && "secret", !securityToken && "securitytoken", !expiresAt && "expires_at"].filter(Boolean);
  if (missing.length) throw new CredentialsError(`${source} answered without ${missing.join(", ")}`);
  return { accessKeyId: accessKeyId as string, secretAccessKey: secretAccessKey as string, securityToken, expiresAt };
}
