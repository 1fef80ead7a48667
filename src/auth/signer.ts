/**
 * Huawei Cloud AK/SK request signing (`SDK-HMAC-SHA256`) as a pure function.
 *
 * Performs no I/O and never logs. Hashing is synchronous `node:crypto` where the
 * runtime offers `process.getBuiltinModule` (Node ≥ 20.16, Bun, Deno), reached
 * at run time rather than imported, and Web Crypto (`crypto.subtle`) elsewhere
 * (browsers, edge workers); see `./hash.ts`. Otherwise only web-standard APIs
 * (`TextEncoder`, `URL`), so the module bundles for any platform unchanged.
 *
 * Algorithm (see the Go/Python/Node SDK signers):
 * canonical request = `METHOD\nURI/\nQUERY\nheaders…\n\nsigned;headers\nhex(sha256(body))`,
 * string to sign = `SDK-HMAC-SHA256\n<X-Sdk-Date>\nhex(sha256(canonical request))`,
 * signature = `hex(HMAC-SHA256(key = UTF-8(SK), string to sign))`. No key derivation.
 *
 * @module
 */

import {
  EMPTY_BODY_SHA256,
  SIGNING_ALGORITHM,
  canonicalRequestOf,
  normalizeSignedHeaders,
  sortCodePoints,
  stringToSign,
  trimHeaderValue,
} from "./canonical.js";
import { hashBackend, type HashBackend } from "./hash.js";

export { hashBackend, hashBackends, type HashBackend } from "./hash.js";
export { canonicalRequest, type CanonicalRequestInput } from "./canonical.js";
export { SIGNING_ALGORITHM, EMPTY_BODY_SHA256 };

/** Access key credentials. Permanent keys have no `securityToken`; temporary ones (STS) must send it. */
export interface SigningCredentials {
  /** Access key id (AK); sent in clear in the `Authorization` header. */
  accessKeyId: string;
  /** Secret access key (SK); used only as the HMAC key, never returned, logged or put in an error. */
  secretAccessKey: string;
  /** Security token of temporary credentials; returned as `X-Security-Token` and always signed. */
  securityToken?: string | undefined;
}

/** The parts of an HTTP request that the signature covers. Nothing is mutated. */
export interface SignableRequest {
  /**
   * HTTP method. Normalised the way `fetch` does (`get`/`post`/`put`/`delete`/
   * `head`/`options` are upper-cased, anything else, e.g. `patch`, is signed as given),
   * so the signed method equals the one on the wire.
   */
  method: string;
  /** Absolute URL, already percent-encoded as it will be sent (a `URL` object, or a string `new URL` accepts). */
  url: string | URL;
  /** Request headers as they will be sent. Record keys are case-insensitive; duplicates are joined with `, ` like `Headers`. */
  headers?: Headers | Record<string, string> | undefined;
  /**
   * Exact body bytes that will be sent (a string is UTF-8 encoded). `null`/absent means no body.
   * Not read at all when the request carries `X-Sdk-Content-Sha256` (e.g. `UNSIGNED-PAYLOAD` for streams).
   */
  body?: string | Uint8Array | ArrayBuffer | null | undefined;
}

/** Options of {@link signRequest}. */
export interface SignOptions {
  /**
   * Signing time. Default: the request's own `X-Sdk-Date` header if present,
   * else the current clock. When given, the clock is not read. The gateway
   * rejects signatures more than 15 minutes away from its own time.
   */
  date?: Date | undefined;
  /**
   * Explicit set of header names to sign (case-insensitive; signed lower-cased
   * and sorted). `x-sdk-date` (and `x-security-token` with temporary
   * credentials) are always added. Every name must be present in the request,
   * except `host`, `x-sdk-date` and `x-security-token`, which the signer supplies.
   * Default: see {@link signRequest}.
   */
  signedHeaders?: readonly string[] | undefined;
}

/**
 * Headers never signed by default because a browser, `fetch` implementation
 * or proxy may add, drop or rewrite them between signing and the gateway:
 * hop-by-hop headers, headers the Fetch standard forbids scripts to set,
 * headers proxies append to, and `user-agent` (middleboxes and runtimes
 * rewrite it; it carries no security value). `authorization` is the
 * signature itself. They can still be signed through `signedHeaders`.
 */
const PROXY_MUTABLE_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "user-agent",
  "accept-charset",
  "accept-encoding",
  "connection",
  "content-length",
  "cookie",
  "date",
  "dnt",
  "expect",
  "forwarded",
  "keep-alive",
  "origin",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "referer",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "via",
]);

/**
 * True when a header is left out of the default signed set:
 * `content-type*` (as in the Go SDK; runtimes append `;charset=…`),
 * any name containing `_` (nginx-style proxies drop such headers by default,
 * and the Go SDK skips them), `x-forwarded-*`, `sec-*`, `proxy-*`, and
 * {@link PROXY_MUTABLE_HEADERS}.
 */
function isExcludedByDefault(name: string): boolean {
  return (
    PROXY_MUTABLE_HEADERS.has(name) ||
    name.startsWith("content-type") ||
    name.includes("_") ||
    name.startsWith("x-forwarded-") ||
    name.startsWith("sec-") ||
    name.startsWith("proxy-")
  );
}

const HEADER_X_SDK_DATE = "x-sdk-date";
const HEADER_SECURITY_TOKEN = "x-security-token";
const HEADER_CONTENT_SHA256 = "x-sdk-content-sha256";
const HEADER_HOST = "host";
const SDK_DATE_FORMAT = /^\d{8}T\d{6}Z$/;
const FETCH_NORMALIZED_METHODS: ReadonlySet<string> = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
/** Characters that would let a header value break the canonical request (CR, LF, NUL). */
const INVALID_HEADER_VALUE = /[\r\n\0]/;

/** `"00"`…`"99"`. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? "0" : "") + String(i));

/**
 * Formats a date as `X-Sdk-Date` wants it: `YYYYMMDDTHHMMSSZ` in UTC,
 * seconds precision (milliseconds are dropped, not rounded).
 *
 * @throws RangeError for an invalid date or a year outside 0000–9999.
 */
export function formatSdkDate(date: Date): string {
  const year = date.getUTCFullYear();
  if (!Number.isFinite(date.getTime()) || year < 0 || year > 9999) {
    throw new RangeError("formatSdkDate: date must be valid and within years 0000-9999");
  }
  const d2 = TWO_DIGITS;
  return (
    (d2[(year / 100) | 0] as string) +
    (d2[year % 100] as string) +
    (d2[date.getUTCMonth() + 1] as string) +
    (d2[date.getUTCDate()] as string) +
    "T" +
    (d2[date.getUTCHours()] as string) +
    (d2[date.getUTCMinutes()] as string) +
    (d2[date.getUTCSeconds()] as string) +
    "Z"
  );
}

/** The clock's `X-Sdk-Date` and the second it stands for: the text only changes once a second. */
let clockSecond = Number.NaN;
let clockText = "";

/** `formatSdkDate(new Date())`, formatted at most once per second of clock time. */
function clockSdkDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== clockSecond) {
    clockText = formatSdkDate(new Date(now));
    clockSecond = second;
  }
  return clockText;
}

/**
 * Lower-case hex HMAC-SHA256 of `message` keyed with the UTF-8 bytes of the
 * secret key: the signature step on its own (exported for the published HMAC
 * test vector and the emulator). Runs on the same backend as
 * {@link signRequest} unless one is given. Nothing derived from the key is
 * cached: on the Web Crypto backend the key is imported (non-extractable) for
 * every call.
 *
 * @internal
 */
export async function hmacSha256Hex(
  secretAccessKey: string,
  message: string,
  backend: HashBackend = hashBackend(),
): Promise<string> {
  return backend.hmacSha256Hex(secretAccessKey, message);
}

function isHeadersLike(h: Headers | Record<string, string>): h is Headers {
  return typeof h.forEach === "function" && typeof h.get === "function";
}

/** Lower-cased request headers; repeated names (case-insensitively) joined with `, ` as `Headers` does. */
function collectHeaders(headers: SignableRequest["headers"]): Map<string, string> {
  const out = new Map<string, string>();
  if (headers === undefined) return out;
  if (isHeadersLike(headers)) {
    // Duck-typed so a Headers from another realm or polyfill is not mistaken for a Record.
    headers.forEach((value, name) => addHeader(out, name, value));
  } else {
    const names = Object.keys(headers);
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      addHeader(out, name, headers[name]);
    }
  }
  return out;
}

function addHeader(out: Map<string, string>, name: string, value: unknown): void {
  if (typeof value !== "string") throw new TypeError(`signRequest: header "${name}" must have a string value`);
  if (INVALID_HEADER_VALUE.test(value)) {
    throw new TypeError(`signRequest: header "${name}" contains CR, LF or NUL`);
  }
  const key = name.toLowerCase();
  const previous = out.get(key);
  out.set(key, previous === undefined ? value : `${previous}, ${value}`);
}

/**
 * The body as the hash input: `undefined` for no body (or an empty string),
 * a string (hashed as UTF-8) or exactly the bytes of a view / ArrayBuffer.
 */
function bodyInput(body: SignableRequest["body"]): string | Uint8Array | undefined {
  if (body === undefined || body === null || body === "") return undefined;
  if (typeof body === "string") return body;
  // Any view (Uint8Array, Buffer, DataView…): hash exactly its bytes.
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer || Object.prototype.toString.call(body) === "[object ArrayBuffer]") {
    return new Uint8Array(body as ArrayBuffer);
  }
  throw new TypeError(
    "signRequest: body must be a string, Uint8Array or ArrayBuffer; for other bodies (streams, FormData) " +
      'send "X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD"',
  );
}

function normalizeMethod(method: string): string {
  if (FETCH_NORMALIZED_METHODS.has(method)) return method;
  const upper = method.toUpperCase();
  return FETCH_NORMALIZED_METHODS.has(upper) ? upper : method;
}

function parseUrl(url: string | URL): URL {
  if (typeof url !== "string") return url;
  try {
    return new URL(url);
  } catch {
    throw new TypeError("signRequest: url must be an absolute URL");
  }
}

function checkCredentials(creds: SigningCredentials): void {
  // Messages name the field, never its value.
  if (typeof creds.accessKeyId !== "string" || !/^[^\s,=]+$/.test(creds.accessKeyId)) {
    throw new TypeError("signRequest: accessKeyId must be a non-empty string without whitespace, ',' or '='");
  }
  if (typeof creds.secretAccessKey !== "string" || creds.secretAccessKey.length === 0) {
    throw new TypeError("signRequest: secretAccessKey must be a non-empty string");
  }
  if (creds.securityToken !== undefined) {
    if (typeof creds.securityToken !== "string" || INVALID_HEADER_VALUE.test(creds.securityToken)) {
      throw new TypeError("signRequest: securityToken must be a string without CR, LF or NUL");
    }
  }
}

/**
 * Signs a request with Huawei Cloud `SDK-HMAC-SHA256` and returns the headers
 * to ADD to it (set them, replacing any existing value):
 *
 * - `X-Sdk-Date`: `opts.date`, else the request's own `X-Sdk-Date`
 *   (`YYYYMMDDTHHMMSSZ`), else the current time;
 * - `X-Security-Token`: only with temporary credentials;
 * - `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>`.
 *
 * Signed headers by default: every request header, plus `host` (the URL's
 * `host[:port]` with the default port omitted, unless the request has its own
 * `Host`), `x-sdk-date` and `x-security-token`; minus `content-type*`, names
 * containing `_`, `authorization`, `user-agent` and other headers that
 * runtimes or proxies rewrite (hop-by-hop, `content-length`,
 * `accept-encoding`, `x-forwarded-*`, …). `opts.signedHeaders` replaces that
 * selection. Header values are signed trimmed of HTTP whitespace, as
 * `Headers` sends them.
 *
 * The payload hash is the SHA-256 of the body bytes, or the value of an
 * `X-Sdk-Content-Sha256` request header (e.g. `UNSIGNED-PAYLOAD`).
 *
 * @throws TypeError for unusable input (relative URL, bad header value or
 *   signed-header name, malformed `X-Sdk-Date`, empty credentials); messages
 *   never contain the secret key or the security token.
 */
export function signRequest(
  req: SignableRequest,
  creds: SigningCredentials,
  opts: SignOptions = {},
): Promise<Record<string, string>> {
  return signRequestWith(hashBackend(), req, creds, opts);
}

/**
 * {@link signRequest} on a given hash backend (tests run both; see `./hash.ts`).
 * On the synchronous backend nothing is awaited: the returned promise is
 * already settled.
 *
 * @internal
 */
export async function signRequestWith(
  backend: HashBackend,
  req: SignableRequest,
  creds: SigningCredentials,
  opts: SignOptions = {},
): Promise<Record<string, string>> {
  checkCredentials(creds);
  const url = parseUrl(req.url);
  const headers = collectHeaders(req.headers);
  headers.delete("authorization");

  let sdkDate: string;
  if (opts.date !== undefined) {
    sdkDate = formatSdkDate(opts.date);
  } else {
    const own = headers.get(HEADER_X_SDK_DATE);
    if (own !== undefined) {
      sdkDate = trimHeaderValue(own);
      if (!SDK_DATE_FORMAT.test(sdkDate)) {
        throw new TypeError("signRequest: the request's X-Sdk-Date header must look like YYYYMMDDTHHMMSSZ");
      }
    } else {
      sdkDate = clockSdkDate();
    }
  }
  headers.set(HEADER_X_SDK_DATE, sdkDate);

  const token = creds.securityToken !== undefined && creds.securityToken !== "" ? creds.securityToken : undefined;
  if (token !== undefined) headers.set(HEADER_SECURITY_TOKEN, token);
  if (!headers.has(HEADER_HOST)) headers.set(HEADER_HOST, url.host);

  let names: string[];
  if (opts.signedHeaders !== undefined) {
    names = normalizeSignedHeaders([
      ...opts.signedHeaders,
      HEADER_X_SDK_DATE,
      ...(token !== undefined ? [HEADER_SECURITY_TOKEN] : []),
    ]);
    for (const name of names) {
      if (name === "authorization" || !headers.has(name)) {
        throw new TypeError(`signRequest: cannot sign header "${name}": it is not in the request`);
      }
    }
  } else {
    // Map keys are already lower-case and unique: filter and sort only.
    names = [];
    for (const name of headers.keys()) if (!isExcludedByDefault(name)) names.push(name);
    sortCodePoints(names);
  }

  const ownHash = headers.get(HEADER_CONTENT_SHA256);
  // Read (and type-checked) before anything is awaited, on either backend.
  const body = ownHash === undefined ? bodyInput(req.body) : undefined;
  const method = normalizeMethod(req.method);
  const valueOf = (name: string): string | undefined => headers.get(name);
  let signedHeaders = names[0] ?? ""; // names.join(";"), which costs more than this loop for a few names
  for (let i = 1; i < names.length; i++) signedHeaders += ";" + (names[i] as string);

  // Same steps on both backends; the synchronous one is never awaited.
  let signature: string;
  if (backend.sync) {
    const hash = ownHash !== undefined ? trimHeaderValue(ownHash) : body === undefined ? EMPTY_BODY_SHA256 : backend.sha256Hex(body);
    const canonical = canonicalRequestOf(method, url, names, signedHeaders, valueOf, hash);
    signature = backend.hmacSha256Hex(creds.secretAccessKey, stringToSign(sdkDate, backend.sha256Hex(canonical)));
  } else {
    const hash = ownHash !== undefined ? trimHeaderValue(ownHash) : body === undefined ? EMPTY_BODY_SHA256 : await backend.sha256Hex(body);
    const canonical = canonicalRequestOf(method, url, names, signedHeaders, valueOf, hash);
    signature = await backend.hmacSha256Hex(creds.secretAccessKey, stringToSign(sdkDate, await backend.sha256Hex(canonical)));
  }

  const added: Record<string, string> = { "X-Sdk-Date": sdkDate };
  if (token !== undefined) added["X-Security-Token"] = token;
  added["Authorization"] =
    `${SIGNING_ALGORITHM} Access=${creds.accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return added;
}
