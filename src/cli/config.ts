import { akskAuth } from "../auth/aksk.js";
import type { AuthStrategy } from "../options.js";
import { tokenAuth } from "../auth/token.js";
import type { ClientOptions } from "../options.js";
import type { Io } from "./output.js";
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
  --timeout-ms N         per-attempt timeout (default 30000)
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
  if (!region && !endpoint) throw new UsageError("a region or endpoint is required: --region, --endpoint or HUAWEICLOUD_SDK_REGION", help);
  return {
    projectId,
    ...(endpoint ? { endpoint } : { region: region as string }),
    auth: authFrom(flags, env, help),
    ...(flags["insecure-http"] ? { allowInsecureHttp: true } : {}),
    ...(flags["timeout-ms"] !== undefined ? { timeoutMs: integer(flags["timeout-ms"], "--timeout-ms", help) } : {}),
    ...(flags["max-retries"] !== undefined ? { maxRetries: integer(flags["max-retries"], "--max-retries", help) } : {}),
    logLevel: "off",
  };
}

function authFrom(flags: Flags, env: Record<string, string | undefined>, help: string): AuthStrategy {
  const token = flags.token ?? env.HWGW_TOKEN;
  if (token) return tokenAuth(token);
  const ak = env.HUAWEICLOUD_SDK_AK;
  const sk = env.HUAWEICLOUD_SDK_SK;
  if (ak && sk) {
    const securityToken = env.HUAWEICLOUD_SDK_SECURITY_TOKEN;
    return akskAuth({ accessKeyId: ak, secretAccessKey: sk, ...(securityToken ? { securityToken } : {}) });
  }
  throw new UsageError("no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or HWGW_TOKEN (or --token)", help);
}

/** Parses a non-negative integer flag value. */
export function integer(value: string, flag: string, help: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a non-negative integer (got ${JSON.stringify(value)})`, help);
  return Number(value);
}

/** Parses an optional non-negative integer flag; undefined when the flag is absent. */
export function optionalInteger(value: unknown, flag: string, help: string): number | undefined {
  return value === undefined ? undefined : integer(String(value), flag, help);
}
