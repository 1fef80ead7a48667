import { akskAuth } from "../auth/aksk.js";
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
  --project ID           project id                                   [HUAWEICLOUD_SDK_PROJECT_ID]
  --token TOKEN          IAM token (prefer the environment)          [HWGW_TOKEN]
                         or AK/SK signing                            [HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK,
                                                                      HUAWEICLOUD_SDK_SECURITY_TOKEN]
  --insecure-http        allow plain http to a non-loopback endpoint
  --timeout-ms N         per-attempt timeout in ms, 1–2147483647 (default 30000)
  --max-retries N        retries of failed attempts (default 2)
  --json                 machine-readable output on stdout only
  -h, --help             this help

Exit codes: 0 done, 1 API error, 2 usage error, 3 wait failed or timed out.`;

type Flags = { [K in keyof typeof GLOBAL_OPTIONS]?: (typeof GLOBAL_OPTIONS)[K]["type"] extends "boolean" ? boolean : string };

/** Client options from flags and the official SDK's environment variable names. */
export function clientOptions(flags: Flags, io: Io, help: string): ClientOptions & { projectId: string } {
  const env = io.env;
  const region = flags.region ?? env.HUAWEICLOUD_SDK_REGION;
  const endpoint = flags.endpoint ?? env.HWGW_ENDPOINT;
  const projectId = flags.project ?? env.HUAWEICLOUD_SDK_PROJECT_ID;
  if (!projectId) throw new UsageError("a project id is required: --project or HUAWEICLOUD_SDK_PROJECT_ID", help);
  headerSafe(projectId, flags.project !== undefined ? "--project" : "HUAWEICLOUD_SDK_PROJECT_ID", help);
  if (!region && !endpoint) throw new UsageError("a region or endpoint is required: --region, --endpoint or HUAWEICLOUD_SDK_REGION", help);
  return {
    projectId,
    ...(endpoint ? { endpoint } : { region: region as string }),
    auth: authFrom(flags, env, help),
    ...(flags["insecure-http"] ? { allowInsecureHttp: true } : {}),
    ...(flags["timeout-ms"] !== undefined ? { timeoutMs: integer(flags["timeout-ms"], "--timeout-ms", help, 1, MAX_TIMER_MS) } : {}),
    ...(flags["max-retries"] !== undefined ? { maxRetries: integer(flags["max-retries"], "--max-retries", help) } : {}),
    logLevel: "off",
    fetch: trackingFetch(io),
  };
}

function authFrom(flags: Flags, env: Record<string, string | undefined>, help: string): AuthStrategy {
  const token = flags.token ?? env.HWGW_TOKEN;
  if (token) return tokenAuth(headerSafe(token, flags.token !== undefined ? "--token" : "HWGW_TOKEN", help));
  const ak = env.HUAWEICLOUD_SDK_AK;
  const sk = env.HUAWEICLOUD_SDK_SK;
  if (ak && sk) {
    headerSafe(ak, "HUAWEICLOUD_SDK_AK", help);
    headerSafe(sk, "HUAWEICLOUD_SDK_SK", help);
    const securityToken = env.HUAWEICLOUD_SDK_SECURITY_TOKEN;
    if (securityToken) headerSafe(securityToken, "HUAWEICLOUD_SDK_SECURITY_TOKEN", help);
    return akskAuth({ accessKeyId: ak, secretAccessKey: sk, ...(securityToken ? { securityToken } : {}) });
  }
  throw new UsageError("no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or HWGW_TOKEN (or --token)", help);
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
