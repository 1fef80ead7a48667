import { CredentialsError, ValidationError } from "../errors.js";
import type { AuthContext } from "../options.js";
import { credentialsFromAnswer, credentialsStrategy, envVar, notConfigured, type CredentialsStrategy, type RefreshOptions } from "./credentials.js";
import { fetchFromSource } from "./credential-fetch.js";

/** Where the instance metadata service answers on an ECS or BMS instance. */
export const DEFAULT_METADATA_ENDPOINT = "http://169.254.169.254";
/** Environment variable overriding {@link MetadataCredentialsOptions.endpoint}. */
export const METADATA_ENDPOINT_ENV = "HUAWEICLOUD_SDK_METADATA_ENDPOINT";
/** Environment variable that, set to `true` or `1`, turns the metadata provider off (like `AWS_EC2_METADATA_DISABLED`). */
export const METADATA_DISABLED_ENV = "HUAWEICLOUD_SDK_METADATA_DISABLED";

/** Options of {@link metadataCredentials}. */
export interface MetadataCredentialsOptions extends RefreshOptions {
  /** Base URL of the metadata service. @default the `HUAWEICLOUD_SDK_METADATA_ENDPOINT` variable, else http://169.254.169.254 */
  endpoint?: string;
  /** Time limit of each metadata request, in ms, including reading the answer. @default 1000 */
  timeoutMs?: number;
  /** `fetch` for the metadata requests. @default the client's fetch */
  fetch?: typeof fetch;
  /** Where `HUAWEICLOUD_SDK_METADATA_ENDPOINT` and `HUAWEICLOUD_SDK_METADATA_DISABLED` are read. @default process.env */
  env?: Record<string, string | undefined>;
  /** Session token lifetime asked for (`X-Metadata-Token-Ttl-Seconds`), in seconds. @default 21600 (6 h, as the official SDKs) */
  tokenTtlSeconds?: number;
}

/** True when `HUAWEICLOUD_SDK_METADATA_DISABLED` is `true` or `1` (any case). @internal */
export function metadataDisabled(env?: Record<string, string | undefined>): boolean {
  return /^(?:true|1)$/i.test(envVar(METADATA_DISABLED_ENV, env) ?? "");
}

const TOKEN_PATH = "/meta-data/latest/api/token";
const SECURITY_KEY_PATH = "/openstack/latest/securitykey";
// The metadata service says this when the instance has no agency: a new session token would not help.
const NO_AGENCY = "Please configure Cloud Service Agency first";

/**
 * Temporary credentials of the instance's agency from the ECS/BMS metadata service: a session token
 * (`PUT /meta-data/latest/api/token`), then `GET /openstack/latest/securitykey` with it, refreshed before
 * `expires_at`. Requests have their own short timeout, honour the call's signal and never follow redirects.
 * Fails with `CredentialsError` when `HUAWEICLOUD_SDK_METADATA_DISABLED` is set, or the service is down or slow.
 */
export function metadataCredentials(options: MetadataCredentialsOptions = {}): CredentialsStrategy {
  const { timeoutMs = 1000, tokenTtlSeconds = 21_600 } = options ?? {};
  const given = options?.endpoint ?? envVar(METADATA_ENDPOINT_ENV, options?.env) ?? DEFAULT_METADATA_ENDPOINT;
  const url = URL.canParse(given) ? new URL(given) : undefined;
  const issues = [];
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    issues.push({ path: "endpoint", keyword: "format", message: "must be an http(s) URL without credentials, query or fragment" });
  }
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000)
    issues.push({ path: "timeoutMs", keyword: "maximum", message: "must be an integer from 1 to 60000" });
  if (!Number.isInteger(tokenTtlSeconds) || tokenTtlSeconds < 1 || tokenTtlSeconds > 21_600)
    issues.push({ path: "tokenTtlSeconds", keyword: "maximum", message: "must be an integer from 1 to 21600" });
  if (issues.length) throw new ValidationError(issues, "metadataCredentials");
  const base = (url as URL).href.replace(/\/+$/, "");
  let sessionToken: string | undefined;

  // Off an ECS instance, or on one without an agency, there is simply no metadata credential: every failure of
  // the service counts as "not configured", so the default chain goes on to pod identity.
  const load = async (context: AuthContext, signal: AbortSignal) => {
    if (metadataDisabled(options?.env)) throw new CredentialsError(`metadata: turned off by ${METADATA_DISABLED_ENV}`);
    const fetch = options?.fetch ?? context.fetch;
    const get = (path: string, init: RequestInit) => fetchFromSource("metadata", fetch, base + path, init, timeoutMs, signal);
    const newToken = async (): Promise<void> => {
      const answer = await get(TOKEN_PATH, { method: "PUT", headers: { "X-Metadata-Token-Ttl-Seconds": String(tokenTtlSeconds) } });
      // As the official cores: a service without session tokens (404, 405, 503) is asked without one.
      if (answer.status === 200 && answer.text) sessionToken = answer.text.trim();
      else if ([404, 405, 503].includes(answer.status)) sessionToken = undefined;
      else throw new CredentialsError(`metadata: session token request answered ${answer.status}`);
    };
    const securityKey = () => get(SECURITY_KEY_PATH, { method: "GET", headers: sessionToken ? { "X-Metadata-Token": sessionToken } : {} });
    if (sessionToken === undefined) await newToken();
    let answer = await securityKey();
    if (answer.status === 401 && !answer.text.includes(NO_AGENCY)) {
      await newToken();
      answer = await securityKey();
    }
    if (answer.status !== 200) {
      const hint = answer.text.includes(NO_AGENCY) ? ": the instance has no agency (configure a Cloud Service Agency)" : "";
      throw new CredentialsError(`metadata: securitykey answered ${answer.status}${hint}`);
    }
    return credentialsFromAnswer("metadata", answer.text, true);
  };
  return credentialsStrategy(
    "metadata",
    (context, signal) =>
      load(context, signal).catch((err: unknown) => {
        throw err instanceof CredentialsError ? notConfigured(err.message, { cause: err.cause }) : err;
      }),
    options,
  );
}
