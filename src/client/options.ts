import type { AuthStrategy } from "../auth/strategy.js";
import { ValidationError, type ValidationIssue } from "../errors.js";
import { normaliseEndpoint, regionalEndpoint, type ServiceName } from "./endpoints.js";
import { levelFilteredLogger, type Logger, type LogLevel } from "./logger.js";
import { pathParamIssues } from "./path-params.js";

/** Options shared by every client factory. */
export interface ClientOptions {
  /** Project id of the tenant in the region. Required for APIG and DDS clients. */
  projectId?: string;
  /** Region id, e.g. `cn-north-4`; gives `https://{service}.{region}.myhuaweicloud.com`. */
  region?: string;
  /** Explicit endpoint; overrides `region`. Plain `http:` only for loopback hosts unless `allowInsecureHttp`. */
  endpoint?: string;
  /** Allow a plain-http endpoint on a non-loopback host (credentials travel in clear text). @default false */
  allowInsecureHttp?: boolean;
  /** How requests are authenticated: `tokenAuth`, `passwordAuth`, `akskAuth` or your own strategy. */
  auth?: AuthStrategy;
  /** Retries after the first attempt for retryable failures. @default 2 */
  maxRetries?: number;
  /** Time limit of one attempt, in milliseconds, including reading the answer. @default 30000 */
  timeoutMs?: number;
  /** `fetch` implementation. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Where log lines go. @default console */
  logger?: Logger;
  /** Lowest level written to `logger`. @default "warn" */
  logLevel?: LogLevel;
  /** Appended to the SDK's own `User-Agent`. */
  userAgent?: string;
}

/** {@link ClientOptions} after checks and defaults. */
export interface ResolvedClientOptions {
  baseUrl: string;
  projectId: string | undefined;
  auth: AuthStrategy | undefined;
  maxRetries: number;
  timeoutMs: number;
  fetch: typeof fetch;
  logger: Logger;
  userAgent: string;
}

/** The SDK's own User-Agent product token. */
export const SDK_USER_AGENT = "hwc-gateways/0.1.0";

const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];
// setTimeout clamps larger values to 1 ms, which would turn a huge timeout into none at all.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Checks every option at once, so one error lists all mistakes, and fills in defaults. */
export function resolveClientOptions(service: ServiceName, options: ClientOptions, requireProjectId: boolean): ResolvedClientOptions {
  const o = (options ?? {}) as ClientOptions;
  const issues: ValidationIssue[] = [];
  const add = (path: string, keyword: string, message: string) => issues.push({ path, keyword, message });

  if (requireProjectId && o.projectId === undefined) add("projectId", "required", "is required");
  else if (o.projectId !== undefined) issues.push(...pathParamIssues("projectId", o.projectId));

  let baseUrl = "";
  if (o.endpoint === undefined && o.region === undefined) add("region", "required", "give region or endpoint");
  try {
    if (o.endpoint !== undefined) baseUrl = normaliseEndpoint(o.endpoint, o.allowInsecureHttp === true);
    else if (o.region !== undefined) baseUrl = regionalEndpoint(service, o.region);
  } catch (err) {
    if (err instanceof ValidationError) issues.push(...err.issues);
    else throw err;
  }

  const maxRetries = o.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) add("maxRetries", "maximum", "must be an integer from 0 to 10");
  const timeoutMs = o.timeoutMs ?? 30_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMER_MS) add("timeoutMs", "maximum", `must be an integer from 1 to ${MAX_TIMER_MS}`);
  if (o.fetch !== undefined && typeof o.fetch !== "function") add("fetch", "type", "must be a function");
  if (o.fetch === undefined && typeof globalThis.fetch !== "function") add("fetch", "required", "is required where the runtime has no global fetch");
  const logLevel = o.logLevel ?? "warn";
  if (!LOG_LEVELS.includes(logLevel)) add("logLevel", "enum", `must be one of ${LOG_LEVELS.join(", ")}`);
  if (o.userAgent !== undefined && (typeof o.userAgent !== "string" || /[\r\n]/.test(o.userAgent))) add("userAgent", "pattern", "must be a string without CR or LF");
  if (o.auth !== undefined && (typeof o.auth !== "object" || typeof o.auth.authenticate !== "function")) {
    add("auth", "type", "must be an auth strategy (tokenAuth, passwordAuth, akskAuth)");
  }
  if (issues.length) throw new ValidationError(issues, `create${service === "apig" ? "Apig" : service === "dds" ? "Dds" : "Iam"}Client`);

  return {
    baseUrl,
    projectId: o.projectId,
    auth: o.auth,
    maxRetries,
    timeoutMs,
    fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    logger: levelFilteredLogger(o.logger, logLevel),
    userAgent: o.userAgent ? `${SDK_USER_AGENT} ${o.userAgent}` : SDK_USER_AGENT,
  };
}
