import { collectIssues, ValidationError, type ValidationIssue } from "./errors.js";

/** One attempt of a request, as the auth strategy sees it just before it is sent. */
export interface AuthRequest {
  /** HTTP method, upper case. */
  readonly method: string;
  /** The full URL of this attempt, query included (signers canonicalise it). */
  readonly url: URL;
  /** Mutable: the strategy adds its headers here. */
  readonly headers: Headers;
  /** The exact bytes that will be sent (signers hash them). */
  readonly body: Uint8Array | undefined;
}

/** What the client hands to a strategy on every attempt. */
export interface AuthContext {
  /** The client's fetch (custom or global), for strategies that must call IAM. */
  readonly fetch: typeof fetch;
  /** The client's project id, for `X-Project-Id` on signed requests. */
  readonly projectId: string | undefined;
  /** Aborted when the caller gives up. */
  readonly signal: AbortSignal | undefined;
  /** The client's logger, already filtered at its `logLevel`, for strategies that make requests of their own. */
  readonly logger: Logger;
  /** The client's IAM endpoint ({@link ClientOptions.iamEndpoint}), for strategies that call IAM (federation). */
  readonly iamEndpoint?: string | undefined;
}

/**
 * How a client authenticates (Octokit-style strategy object). `authenticate` runs innermost, once per attempt,
 * so signatures and dates are fresh on every retry.
 */
export interface AuthStrategy {
  /** `token`, `password`, `aksk` or a custom name; shows in logs. */
  readonly kind: string;
  /** Adds the credentials to `request.headers`; called before every attempt, retries included. */
  authenticate(request: AuthRequest, context: AuthContext): Promise<void>;
  /**
   * Called when an attempt got 401. Return true when the credentials were renewed so the request should be
   * sent once more (a cached IAM token that expired early); false to surface the 401.
   */
  onUnauthorized?(request: AuthRequest, context: AuthContext): Promise<boolean>;
}

/** Makes `util.inspect`, `JSON.stringify` and string conversion of a strategy show only its kind. */
export function hideSecrets<T extends object>(strategy: T, description: string): T {
  const show = () => `[AuthStrategy ${description}]`;
  return Object.defineProperties(strategy, {
    toJSON: { value: () => ({ kind: description }), enumerable: false },
    toString: { value: show, enumerable: false },
    [Symbol.for("nodejs.util.inspect.custom")]: { value: show, enumerable: false },
  });
}

/** Log levels from quietest to noisiest. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Anything with console-like methods: `console`, pino, winston… */
export interface Logger {
  /** Not called by the SDK today: failures reach you as thrown errors. Part of the shape so `console` fits. */
  error(message: string, details?: Record<string, unknown>): void;
  /** A retry: what failed and the delay before the next attempt. */
  warn(message: string, details?: Record<string, unknown>): void;
  /** Credentials renewed after a 401, and the request sent once more. */
  info(message: string, details?: Record<string, unknown>): void;
  /** One line per attempt (status or failure, attempt number, elapsed ms, request id). */
  debug(message: string, details?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/**
 * Wraps `logger` so calls above `level` cost nothing. The SDK only ever passes method, URL path, status, attempt,
 * delay and request id to it: never headers, bodies or credentials.
 */
export function levelFilteredLogger(logger: Logger | undefined, level: LogLevel): Logger {
  const base = logger ?? console;
  // A logger that throws must not turn a call that worked into a failure, nor leak its own error type.
  const at = (l: Exclude<LogLevel, "off">) =>
    RANK[level] >= RANK[l]
      ? (message: string, details?: Record<string, unknown>) => {
          try {
            base[l](message, details);
          } catch {
            // Dropped: logging is best effort.
          }
        }
      : () => {};
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}

/** Per-call options accepted by every service method. */
export interface CallOptions {
  /** Cancels the call, including retries and backoff sleeps; the promise rejects with `AbortError`. */
  signal?: AbortSignal;
}

/** The `RequestInit` extras openapi-fetch forwards for a call. */
export function requestInit(options: CallOptions | undefined): { signal?: AbortSignal } {
  return options?.signal ? { signal: options.signal } : {};
}

/** The Huawei Cloud services this SDK talks to. */
export type ServiceName = "apig" | "dds" | "iam";

// Region ids are lower-case words joined by dashes ending in a number (cn-north-4, ap-southeast-1, eu-west-101).
const REGION_RE = /^[a-z]{2,}(?:-[a-z0-9]+)*-\d+$/;
const regionMessage = (region: string) => `must be a region id such as cn-north-4 (got ${JSON.stringify(region)})`;

/**
 * The public endpoint of `service` in `region`: `https://{service}.{region}.myhuaweicloud.com`, except the Dublin
 * region eu-west-101, which lives under `.myhuaweicloud.eu`.
 */
export function regionalEndpoint(service: ServiceName, region: string): string {
  if (!REGION_RE.test(region)) throw new ValidationError([{ path: "region", keyword: "pattern", message: regionMessage(region) }]);
  const domain = region === "eu-west-101" ? "myhuaweicloud.eu" : "myhuaweicloud.com";
  return `https://${service}.${region}.${domain}`;
}

/**
 * Why an explicit endpoint is refused, if it is: it must be an absolute http(s) URL without query, fragment or
 * credentials, and `http:` only for loopback hosts unless `allowInsecureHttp` (tokens and signatures would travel
 * in clear text).
 */
function endpointProblem(text: string, allowInsecureHttp: boolean): string | undefined {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) return "must be an absolute URL such as https://apig.cn-north-4.myhuaweicloud.com";
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must use https: (or http: for a local emulator)";
  const host = url.hostname;
  const loopback = ["localhost", "[::1]"].includes(host) || /^127(?:\.\d{1,3}){3}$/.test(host) || host.endsWith(".localhost");
  if (url.protocol === "http:" && !allowInsecureHttp && !loopback) {
    return "uses plain http: for a non-loopback host; pass allowInsecureHttp: true if you really mean it";
  }
  if (url.username || url.password) return "must not carry credentials";
  if (url.search || url.hash) return "must not have a query string or fragment";
  return undefined;
}

/** Options shared by every client factory. */
export interface ClientOptions {
  /** Project id of the tenant in the region. Required for APIG and DDS clients. */
  projectId?: string;
  /** Region id, e.g. `cn-north-4`; gives `https://{service}.{region}.myhuaweicloud.com`. */
  region?: string;
  /** Explicit endpoint; overrides `region` for the service (the region still names the project to discover). Plain `http:` only for loopback hosts unless `allowInsecureHttp`. */
  endpoint?: string;
  /**
   * IAM endpoint for project id discovery and the federation exchange of the credential providers.
   * @default `https://iam.{region}.myhuaweicloud.com` when `region` is given
   */
  iamEndpoint?: string;
  /** Allow a plain-http endpoint on a non-loopback host (credentials travel in clear text). @default false */
  allowInsecureHttp?: boolean;
  /**
   * How requests are authenticated: `tokenAuth`, `passwordAuth`, `akskAuth`, a credential provider or your own
   * strategy. @default `defaultCredentials()` for the APIG and DDS clients (environment → profile → metadata → pod identity); none for IAM
   */
  auth?: AuthStrategy;
  /** Retries after the first attempt for retryable failures. @default 2 */
  maxRetries?: number;
  /** Time limit of one attempt, in milliseconds, including reading the answer. @default 30000 */
  timeoutMs?: number;
  /**
   * Largest answer body read, in bytes, counted as it arrives and after decompression (gzip, br), for success and
   * error answers alike. A larger answer is a `ResponseTooLargeError`, not retried, and its connection is dropped:
   * memory per call stays bounded whatever an endpoint sends. An integer from 1 to 268435456 (256 MiB).
   * @default 8388608 (8 MiB)
   */
  maxResponseBytes?: number;
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
  /** The given project id; set once discovered. */
  projectId: string | undefined;
  region: string | undefined;
  iamEndpoint: string | undefined;
  allowInsecureHttp: boolean;
  auth: AuthStrategy | undefined;
  maxRetries: number;
  timeoutMs: number;
  maxResponseBytes: number;
  fetch: typeof fetch;
  logger: Logger;
  userAgent: string;
}

/** The SDK's own User-Agent product token. */
export const SDK_USER_AGENT = "hwc-gateways/0.1.0";

/** Default of {@link ClientOptions.maxResponseBytes}: 8 MiB, far above any answer of these APIs. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
// Decoded to text, a larger body could exceed V8's longest string (about 2^29 characters).
const MAX_BODY_LIMIT = 2 ** 28;

// setTimeout clamps larger values to 1 ms, which would turn a huge timeout into none at all.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Checks every option at once, so one error lists all mistakes, and fills in defaults. */
export function resolveClientOptions(service: ServiceName, options: ClientOptions, requireProjectId: boolean): ResolvedClientOptions {
  const o = (options ?? {}) as ClientOptions;
  const { issues, add, done } = collectIssues(`create${service.charAt(0).toUpperCase()}${service.slice(1)}Client`);

  // Without a project id, a project-scoped client discovers the project named after the region.
  if (requireProjectId && o.projectId === undefined && o.region === undefined) add("projectId", "required", "is required");
  else if (o.projectId !== undefined) issues.push(...pathParamIssues("projectId", o.projectId));
  // Sent as X-Project-Id under AK/SK: a character no header can carry would fail every call with a raw TypeError.
  if (typeof o.projectId === "string" && /[^\x20-\x7e]/.test(o.projectId)) add("projectId", "pattern", "must be printable ASCII");

  // An endpoint as given, without trailing slashes; or undefined, and the issue why it is refused.
  const endpointOption = (field: "endpoint" | "iamEndpoint", text: string) => {
    const problem = endpointProblem(text, o.allowInsecureHttp === true);
    if (problem) add(field, "format", problem);
    return problem ? undefined : new URL(text).href.replace(/\/+$/, "");
  };
  let baseUrl = "";
  if (o.endpoint !== undefined) baseUrl = endpointOption("endpoint", o.endpoint) ?? "";
  else if (o.region === undefined) add("region", "required", "give region or endpoint");
  else if (REGION_RE.test(o.region)) baseUrl = regionalEndpoint(service, o.region);
  if (o.region !== undefined && !REGION_RE.test(o.region)) add("region", "pattern", regionMessage(o.region));
  let iamEndpoint = o.region !== undefined && REGION_RE.test(o.region) ? regionalEndpoint("iam", o.region) : undefined;
  if (o.iamEndpoint !== undefined) iamEndpoint = endpointOption("iamEndpoint", o.iamEndpoint);

  const maxRetries = o.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) add("maxRetries", "maximum", "must be an integer from 0 to 10");
  const timeoutMs = o.timeoutMs ?? 30_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMER_MS) add("timeoutMs", "maximum", `must be an integer from 1 to ${MAX_TIMER_MS}`);
  const maxResponseBytes = o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isInteger(maxResponseBytes) || maxResponseBytes < 1 || maxResponseBytes > MAX_BODY_LIMIT)
    add("maxResponseBytes", "maximum", `must be an integer from 1 to ${MAX_BODY_LIMIT}`);
  if (o.fetch !== undefined && typeof o.fetch !== "function") add("fetch", "type", "must be a function");
  if (o.fetch === undefined && typeof globalThis.fetch !== "function") add("fetch", "required", "is required where the runtime has no global fetch");
  const logLevel = o.logLevel ?? "warn";
  if (!Object.hasOwn(RANK, logLevel)) add("logLevel", "enum", `must be one of ${Object.keys(RANK).join(", ")}`);
  if (o.userAgent !== undefined && (typeof o.userAgent !== "string" || /[^\x20-\x7e\u00a0-\u00ff]/.test(o.userAgent))) {
    add("userAgent", "pattern", "must be a string of header characters (no control characters, nothing above U+00FF)");
  }
  for (const l of ["error", "warn", "info", "debug"] as const) {
    if (o.logger !== undefined && RANK[logLevel] >= RANK[l] && typeof (o.logger as Partial<Logger> | null)?.[l] !== "function") {
      add(`logger.${l}`, "type", `must be a function (logLevel "${logLevel}" writes ${l} lines)`);
    }
  }
  if (o.auth !== undefined && (typeof o.auth !== "object" || typeof (o.auth as AuthStrategy | null)?.authenticate !== "function")) {
    add("auth", "type", "must be an auth strategy (tokenAuth, passwordAuth, akskAuth)");
  }
  done();

  return {
    baseUrl,
    projectId: o.projectId,
    region: o.region,
    iamEndpoint,
    allowInsecureHttp: o.allowInsecureHttp === true,
    auth: o.auth,
    maxRetries,
    timeoutMs,
    maxResponseBytes,
    fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    logger: levelFilteredLogger(o.logger, logLevel),
    userAgent: o.userAgent ? `${SDK_USER_AGENT} ${o.userAgent}` : SDK_USER_AGENT,
  };
}

/**
 * Problems with one path parameter value. Encoding alone is not enough: `encodeURIComponent` keeps `.` as is,
 * and `new URL()` then resolves a `..` segment, silently retargeting the request to another resource (measured
 * with openapi-fetch 0.17). Separators are refused rather than encoded because no Huawei id contains them.
 */
export function pathParamIssues(name: string, value: unknown): ValidationIssue[] {
  const issue = (keyword: string, message: string): ValidationIssue[] => [{ path: name, keyword, message }];
  if (value === undefined) return issue("required", "is required");
  if (typeof value !== "string") return issue("type", "must be a string");
  if (value.length === 0) return issue("minLength", "must not be empty");
  if (/^(?:\.|%2e){1,2}$/i.test(value)) return issue("pattern", "must not be a dot segment (. or ..)");
  if (/[/?#\\]/.test(value)) return issue("pattern", "must not contain /, \\, ? or #");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a path parameter with control characters is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return issue("pattern", "must not contain control characters");
  return [];
}
