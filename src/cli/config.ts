import type { CredentialsStrategy } from "../auth/credentials.js";
import { defaultCredentials } from "../auth/default-chain.js";
import { CredentialsError } from "../errors.js";
import type { AuthStrategy } from "../options.js";
import { tokenAuth } from "../auth/token.js";
import type { ClientOptions } from "../options.js";
import type { Io } from "./output.js";
import { trackingFetch } from "./traffic.js";
import { UsageError } from "./usage-error.js";

/** Flags every API command accepts. */
export const GLOBAL_OPTIONS = {
  region: { type: "string" },
  endpoint: { type: "string" },
  project: { type: "string" },
  "iam-endpoint": { type: "string" },
  token: { type: "string" },
  "insecure-http": { type: "boolean" },
  json: { type: "boolean" },
  "timeout-ms": { type: "string" },
  "max-retries": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Help text describing {@link GLOBAL_OPTIONS} and the environment. */
export const GLOBAL_HELP = `Connection (flags win over the environment):
  --region ID            region, e.g. cn-north-4                     [HUAWEICLOUD_SDK_REGION]
  --endpoint URL         explicit endpoint (overrides --region)      [HWGW_ENDPOINT]
  --project ID           project id; without it, the project named   [HUAWEICLOUD_SDK_PROJECT_ID]
                         after the region is looked up in IAM
  --iam-endpoint URL     IAM endpoint for that lookup and federation [HUAWEICLOUD_SDK_IAM_ENDPOINT]
  --token TOKEN          IAM token (prefer the environment)          [HWGW_TOKEN]
                         else the default credential chain, as the official SDKs: environment
                         [HUAWEICLOUD_SDK_AK, _SK, _SECURITY_TOKEN or _IDP_ID, _ID_TOKEN_FILE], the profile
                         file [HUAWEICLOUD_SDK_CREDENTIALS_FILE, default ~/.huaweicloud/credentials], the ECS
                         metadata service [off with HUAWEICLOUD_SDK_METADATA_DISABLED=true], pod identity
  --insecure-http        allow plain http to a non-loopback endpoint
  --timeout-ms N         per-attempt timeout in ms, 1–2147483647 (default 30000)
  --max-retries N        retries of failed attempts (default 2)
  --json                 machine-readable output on stdout only
  -h, --help             this help

Exit codes: 0 done, 1 API error, 2 usage error, 3 wait failed or timed out.`;

type Flags = { [K in keyof typeof GLOBAL_OPTIONS]?: (typeof GLOBAL_OPTIONS)[K]["type"] extends "boolean" ? boolean : string };

/** Client options from flags and the official SDK's environment variable names. */
export function clientOptions(flags: Flags, io: Io, help: string): ClientOptions & { auth: AuthStrategy } {
  const env = io.env;
  const region = flags.region ?? env.HUAWEICLOUD_SDK_REGION;
  const endpoint = flags.endpoint ?? env.HWGW_ENDPOINT;
  const projectId = flags.project ?? env.HUAWEICLOUD_SDK_PROJECT_ID;
  const iamEndpoint = flags["iam-endpoint"] ?? env.HUAWEICLOUD_SDK_IAM_ENDPOINT;
  if (!projectId && !region)
    throw new UsageError("a project id or a region to look it up by is required: --project, HUAWEICLOUD_SDK_PROJECT_ID or --region", help);
  if (projectId) headerSafe(projectId, flags.project !== undefined ? "--project" : "HUAWEICLOUD_SDK_PROJECT_ID", help);
  if (!region && !endpoint) throw new UsageError("a region or endpoint is required: --region, --endpoint or HUAWEICLOUD_SDK_REGION", help);
  return {
    ...(projectId ? { projectId } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(iamEndpoint ? { iamEndpoint } : {}),
    auth: authFrom(flags, env, help),
    ...(flags["insecure-http"] ? { allowInsecureHttp: true } : {}),
    ...(flags["timeout-ms"] !== undefined ? { timeoutMs: integer(flags["timeout-ms"], "--timeout-ms", help, 1, MAX_TIMER_MS) } : {}),
    ...(flags["max-retries"] !== undefined ? { maxRetries: integer(flags["max-retries"], "--max-retries", help) } : {}),
    logLevel: "off",
    fetch: trackingFetch(io),
  };
}

/**
 * {@link clientOptions} with the credentials found before any API request: no credentials is a usage error
 * (exit 2, nothing sent) listing every provider tried, never a failed call. The lookup (metadata service, pod
 * identity, federation) does not count as sent: it changes nothing.
 */
export async function checkedClientOptions(flags: Flags, io: Io, help: string, signal: AbortSignal): Promise<ClientOptions & { auth: AuthStrategy }> {
  const options = clientOptions(flags, io, help);
  const describe = (options.auth as Partial<CredentialsStrategy>).describe;
  try {
    await describe?.call(options.auth, { signal, ...(options.iamEndpoint ? { iamEndpoint: options.iamEndpoint } : {}) });
  } catch (err) {
    if (err instanceof CredentialsError) throw new UsageError(`no credentials: ${err.message}`, help);
    throw err;
  }
  return options;
}

function authFrom(flags: Flags, env: Record<string, string | undefined>, help: string): AuthStrategy {
  const token = flags.token ?? env.HWGW_TOKEN;
  if (token) return tokenAuth(headerSafe(token, flags.token !== undefined ? "--token" : "HWGW_TOKEN", help));
  // Checked here too, so the message names the variable (the chain would only name the field).
  for (const name of ["HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN"]) {
    const value = env[name];
    if (value) headerSafe(value, name, help);
  }
  return defaultCredentials({ env });
}

/** Largest delay one Node timer can take, in ms (2³¹−1): the ceiling of every duration flag. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Parses an integer flag value in `[min, max]` (default: any non-negative safe integer). Out-of-range values are
 * refused here rather than by the SDK, because some (wait options) are only read after the change was sent.
 */
export function integer(value: string, flag: string, help: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? (min === 0 ? "a non-negative integer" : `an integer ≥ ${min}`) : `an integer from ${min} to ${max}`;
    throw new UsageError(`${flag} must be ${range} (got ${JSON.stringify(value)})`, help);
  }
  return n;
}

/** Parses an optional integer flag; undefined when the flag is absent. */
export function optionalInteger(value: unknown, flag: string, help: string, min?: number, max?: number): number | undefined {
  return value === undefined ? undefined : integer(String(value), flag, help, min, max);
}

/**
 * The options of `handle.wait()` from `--wait` and `--max-wait-ms`, checked with the SDK's bounds (1 to 2³¹−1 ms)
 * before anything is sent: the SDK only sees them after the change went out, too late for exit code 2.
 * `undefined` without `--wait`; `--max-wait-ms` without `--wait` is a usage error, since it would do nothing.
 */
export function waitOptions(flags: { wait?: unknown; "max-wait-ms"?: unknown }, help: string): { maxWaitMs: number | undefined } | undefined {
  const maxWaitMs = optionalInteger(flags["max-wait-ms"], "--max-wait-ms", help, 1, MAX_TIMER_MS);
  if (flags.wait !== true) {
    if (maxWaitMs !== undefined) throw new UsageError("--max-wait-ms only applies with --wait", help);
    return undefined;
  }
  return { maxWaitMs };
}

/**
 * Refuses a credential or id that cannot be an HTTP header value (control characters, DEL, anything outside
 * printable ASCII), naming where it came from and never echoing it, since it may be a secret.
 */
function headerSafe(value: string, source: string, help: string): string {
  if (!/^[\x21-\x7e]+$/.test(value)) throw new UsageError(`${source} may hold printable ASCII characters only, without spaces (value not shown)`, help);
  return value;
}
