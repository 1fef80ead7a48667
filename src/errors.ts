/**
 * The error hierarchy. Every error this SDK throws is a {@link HuaweiCloudError}; HTTP answers that are not a
 * success become an {@link ApiError} subclass chosen by status, so callers branch with `instanceof`.
 */

/** Base class of every error thrown by this SDK. */
export class HuaweiCloudError extends Error {
  /** The class name, so logs and checks across bundles or realms can tell errors apart without `instanceof`. */
  override name = "HuaweiCloudError";
  /**
   * Whether another attempt of the same request could succeed, as the transport judged it from the operation's
   * retry facts (set on every error the transport throws, also after its retries ran out). @default false
   */
  retryable = false;
  /** How long the server asked to wait before another attempt (`Retry-After`), in ms; undefined when it did not. */
  retryAfterMs: number | undefined = undefined;
}

/** Response headers with credentials removed; what {@link ApiError.headers} holds. */
export type RedactedHeaders = Record<string, string>;

/** Headers whose values are never kept on errors or written to logs. */
const SECRET_HEADERS = new Set(["authorization", "x-auth-token", "x-subject-token", "x-security-token", "cookie", "set-cookie"]);

/**
 * Removes every known secret value (as sent, URL-encoded or JSON-escaped) from an error a server's text went into:
 * its message, stack, body and header copy. A server may echo a token, a signature or a password back in
 * `error_msg`, the body or a custom header; redacting credential headers by name alone misses that. Values shorter
 * than 8 characters are left alone (they would blank ordinary words). Returns `err`, changed in place.
 */
export function scrubSecrets<E>(err: E, secrets: Iterable<string>): E {
  const forms = [...new Set([...secrets].filter((v) => v.length >= 8).flatMap((v) => [v, encodeURIComponent(v), JSON.stringify(v).slice(1, -1)]))];
  if (!(err instanceof HuaweiCloudError) || forms.length === 0) return err;
  const clean = (text: string): string => forms.reduce((t, f) => t.split(f).join("[REDACTED]"), text);
  const deep = (v: unknown, depth: number): unknown =>
    typeof v === "string"
      ? clean(v)
      : depth > 20 || v === null || typeof v !== "object"
        ? v
        : Array.isArray(v)
          ? v.map((x) => deep(x, depth + 1))
          : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x, depth + 1)]));
  const e = err as HuaweiCloudError & { body?: unknown; headers?: unknown };
  Object.defineProperty(e, "message", { value: clean(e.message), writable: true, configurable: true, enumerable: false });
  if (e.stack) e.stack = clean(e.stack);
  if (e instanceof ApiError) Object.assign(e, { body: deep(e.body, 0), headers: deep(e.headers, 0) });
  return err;
}

/** Copies `headers` into a plain object with credential values replaced by `[REDACTED]`. */
export function redactHeaders(headers: Headers | Record<string, string> | undefined): RedactedHeaders {
  const out: RedactedHeaders = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    out[key] = SECRET_HEADERS.has(key) ? "[REDACTED]" : value;
  }
  return out;
}

/** What {@link ApiError} is built from: its fields, and the server's words as `message`. */
export type ApiErrorInit = Pick<ApiError, "status" | "code" | "requestId" | "body" | "headers" | "method" | "url"> & {
  /** Huawei `error_msg` (or `error_message` on gateway throttling answers). */
  message: string;
};

/** The service answered with a status other than success. */
export class ApiError extends HuaweiCloudError {
  override name: string = BY_STATUS.find(([, Class]) => this instanceof Class)?.[2] ?? "ApiError";
  /** HTTP status code. */
  declare readonly status: number;
  /** Huawei error code (`error_code`, e.g. `APIC.7302`), when the body had one. */
  declare readonly code: string | undefined;
  /** Request id from the `X-Request-Id` header, else the body's `request_id`. */
  declare readonly requestId: string | undefined;
  /** The parsed error body, or its text when it was not JSON. */
  declare readonly body: unknown;
  /** Response headers, credentials redacted. */
  declare readonly headers: RedactedHeaders;
  /** HTTP method of the failed request. */
  declare readonly method: string;
  /** URL of the failed request, without query string. */
  declare readonly url: string;

  constructor(init: ApiErrorInit) {
    super(formatApiMessage(init));
    // The formatted message is for logs; `message` (kept non-enumerable, as Error made it) holds the server's words.
    Object.assign(this, init);
  }

  override toString(): string {
    return formatApiMessage(this);
  }
}

function formatApiMessage(e: { status: number; code: string | undefined; message: string; requestId: string | undefined }): string {
  const code = e.code ? ` ${e.code}` : "";
  const id = e.requestId ? ` (request id ${e.requestId})` : "";
  return `${e.status}${code}: ${e.message}${id}`;
}

/** 400: the service rejected the request's parameters. */
export class BadRequestError extends ApiError {}
/** 401: the token or signature was missing, wrong or expired. */
export class AuthenticationError extends ApiError {}
/** 403: the caller lacks permission, or the resource is in a state that forbids the operation. */
export class PermissionDeniedError extends ApiError {}
/** 404: the gateway, instance or node does not exist. */
export class NotFoundError extends ApiError {}
/** 409: the resource is busy with another operation. */
export class ConflictError extends ApiError {}
/** 429: throttled by the API gateway (`APIGW.0308`). */
export class RateLimitError extends ApiError {}
/** 5xx: the service failed. */
export class InternalServerError extends ApiError {}

/** The subclass per status (500 stands for every 5xx) and its `name`, spelled out because bundlers may rename classes. @internal */
export const BY_STATUS: readonly (readonly [number, typeof ApiError, string])[] = [
  [400, BadRequestError, "BadRequestError"],
  [401, AuthenticationError, "AuthenticationError"],
  [403, PermissionDeniedError, "PermissionDeniedError"],
  [404, NotFoundError, "NotFoundError"],
  [409, ConflictError, "ConflictError"],
  [429, RateLimitError, "RateLimitError"],
  [500, InternalServerError, "InternalServerError"],
];

/** One problem found by input validation. */
export interface ValidationIssue {
  /** JSON path of the offending value, e.g. `elbs[0].elb_id`; the parameter name for path parameters. */
  path: string;
  /** What is wrong, e.g. `must have 32–36 characters`. */
  message: string;
  /** The schema keyword or rule that failed, e.g. `minLength`. */
  keyword: string;
}

/** Input was rejected before any network I/O. `issues` and the message list the first 100 problems found. */
export class ValidationError extends HuaweiCloudError {
  override name = "ValidationError";
  /** The first problems found, in the order found: at most 100, each path and message once. */
  readonly issues: readonly ValidationIssue[];
  /** Distinct problems found in all (default `issues.length`); when over 100, the message ends `(and N more)`. */
  readonly totalIssues: number;
  constructor(issues: readonly ValidationIssue[], context?: string, totalIssues = issues.length) {
    const more = Math.max(totalIssues, issues.length) - Math.min(issues.length, 100);
    super(
      `${context ? `${context}: ` : ""}${issues
        .slice(0, 100)
        .map((i) => `${i.path} ${i.message}`)
        .join("; ")}${more ? ` (and ${more} more)` : ""}`,
    );
    this.issues = issues.slice(0, 100);
    this.totalIssues = this.issues.length + more;
  }
}

/** Input problems being gathered by {@link collectIssues}. */
export interface IssueCollector {
  /** The problems so far. */
  readonly issues: ValidationIssue[];
  /** Records a problem at the collector's prefix followed by `path`. */
  add(path: string, keyword: string, message: string): void;
  /** Throws the {@link ValidationError} listing the problems recorded (the first 100, and how many), if any. */
  done(): void;
  /** Records a problem and throws at once, for input too broken to check any further. */
  fail(path: string, keyword: string, message: string): never;
}

/**
 * The SDK's one way to check input (operation inputs, client options, wait options, wait state): gather every
 * problem, then throw them at once as one {@link ValidationError} titled `context`, each path and message once (a
 * schema and a path rule may both catch the same value; one pass, a Set). `prefix` goes before every path added.
 */
export function collectIssues(context: string, prefix = ""): IssueCollector {
  const issues: ValidationIssue[] = [];
  const add = (path: string, keyword: string, message: string): void => void issues.push({ path: prefix + path, keyword, message });
  const done = (): void => {
    const seen = new Set<string>();
    const unique = issues.filter((i) => seen.size < seen.add(`${i.path}\u0000${i.message}`).size); // grows for a new key only
    if (unique.length) throw new ValidationError(unique, context);
  };
  const fail = (path: string, keyword: string, message: string): never => {
    add(path, keyword, message);
    done();
    throw new Error("unreachable: done() throws once an issue is recorded");
  };
  return { issues, add, done, fail };
}

/** The request never got an HTTP answer (DNS, refused, reset). */
export class ConnectionError extends HuaweiCloudError {
  override name = "ConnectionError";
}

/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends HuaweiCloudError {
  override name = "TimeoutError";
}

/** The caller's `AbortSignal` fired. */
export class AbortError extends HuaweiCloudError {
  override name = "AbortError";
}

/** The service answered success, but the body was empty, truncated or not the JSON the spec promises. */
export class InvalidResponseError extends HuaweiCloudError {
  override name = "InvalidResponseError";
  /** HTTP status of the answer (a 2xx, or any status for {@link ResponseTooLargeError}). */
  readonly status: number;
  /** Request id from the `X-Request-Id` header, when the answer had one. */
  readonly requestId: string | undefined;
  constructor(message: string, status: number, requestId: string | undefined) {
    super(requestId ? `${message} (request id ${requestId})` : message);
    this.status = status;
    this.requestId = requestId;
  }
}

/** A success answer without a body is a broken answer, not an `undefined` to hand to the caller. */
export function bodyOf<T>(data: T | undefined, response: Response): T {
  if (data !== undefined && data !== null) return data;
  throw new InvalidResponseError(
    `${response.status} answer without the expected JSON body`,
    response.status,
    response.headers.get("x-request-id") ?? undefined,
  );
}

/**
 * An answer (success or error, any status) whose body grew past the client's `maxResponseBytes` while it was read,
 * counted after decompression. The connection was dropped and the rest never read. Not retried: the same request
 * would most likely bring the same answer. `status` is the answer's HTTP status.
 */
export class ResponseTooLargeError extends InvalidResponseError {
  override name = "ResponseTooLargeError";
  /** The limit that was exceeded, in bytes (the client's `maxResponseBytes`). */
  readonly maxResponseBytes: number;
  constructor(message: string, status: number, requestId: string | undefined, maxResponseBytes: number) {
    super(message, status, requestId);
    this.maxResponseBytes = maxResponseBytes;
  }
}

/** One provider of a credential chain (`environment`, `profile`, `metadata`, `podIdentity`) and why it gave nothing (never a secret). */
export interface CredentialSkip {
  /** The provider's name. */ provider: string;
  /** Why it gave nothing. */ reason: string;
}

/** No credentials: providers found nothing, broken input (a malformed profile) or a failing source; `tried` lists them in order. */
export class CredentialsError extends HuaweiCloudError {
  override name = "CredentialsError";
  /** Every provider tried and why it gave nothing, in the order tried. */
  readonly tried: readonly CredentialSkip[];
  constructor(message: string, tried: readonly CredentialSkip[] = [], options?: ErrorOptions) {
    super(tried.length ? `${message}: ${tried.map((t) => `${t.provider}: ${t.reason}`).join("; ")}` : message, options);
    this.tried = tried;
  }
}

/** The project id could not be discovered: IAM listed no project or several for the region (`projectIds`). */
export class ProjectDiscoveryError extends HuaweiCloudError {
  override name = "ProjectDiscoveryError";
  /** The region looked up (the project name asked for). */
  readonly region: string;
  /** The project ids IAM listed for the region: empty when none, several when it could not choose. */
  readonly projectIds: readonly string[];
  constructor(message: string, region: string, projectIds: readonly string[], options?: ErrorOptions) {
    super(message, options);
    this.region = region;
    this.projectIds = projectIds;
  }
}
