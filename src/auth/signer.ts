/**
 * Huawei Cloud AK/SK request signing (`SDK-HMAC-SHA256`) as a pure function: no I/O, no logging. Hashes with
 * `node:crypto` where `process.getBuiltinModule` offers it (Node ≥ 20.16, Bun, Deno), reached at run time rather
 * than imported so browser and edge bundles hold no `node:` import, and with Web Crypto elsewhere; both encode
 * strings as UTF-8 (a lone surrogate as U+FFFD), so they sign alike.
 *
 * @module
 */

import { ValidationError } from "../errors.js";
import { EMPTY_BODY_SHA256, SIGNING_ALGORITHM, canonicalRequest, isHeaderSafe, normalizeSignedHeaders, stringToSign, trimHeaderValue } from "./canonical.js";

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
  /** HTTP method, signed as `fetch` sends it: `get`/`post`/`put`/`delete`/`head`/`options` upper-cased, others (`patch`) as given. */
  method: string;
  /** Absolute URL, already percent-encoded as it will be sent (a `URL` object, or a string `new URL` accepts). */
  url: string | URL;
  /** Request headers as they will be sent. Record keys are case-insensitive; duplicates are joined with `, ` like `Headers`. */
  headers?: Headers | Record<string, string> | undefined;
  /** Exact body bytes to be sent (a string is UTF-8), `null`/absent for none; unread with `X-Sdk-Content-Sha256` (e.g. `UNSIGNED-PAYLOAD`). */
  body?: string | Uint8Array | ArrayBuffer | null | undefined;
}

/** Options of {@link signRequest}. */
export interface SignOptions {
  /** Signing time (the gateway rejects more than 15 minutes of skew). Default: the request's `X-Sdk-Date`, else the clock. */
  date?: Date | undefined;
  /**
   * Explicit set of header names to sign (case-insensitive; signed lower-cased and sorted). `x-sdk-date` (and
   * `x-security-token` with temporary credentials) are always added. Every name must be present in the request,
   * except `host`, `x-sdk-date` and `x-security-token`, which the signer supplies. Default: see {@link signRequest}.
   */
  signedHeaders?: readonly string[] | undefined;
}

/**
 * Not signed by default, because a browser, `fetch` or proxy may add, drop or rewrite them on the way: hop-by-hop
 * and Fetch-forbidden headers, `user-agent`, `content-type*` (runtimes append `;charset=…`) and names with `_`
 * (nginx-style proxies drop them), the last two as in the Go SDK. `authorization` is the signature itself.
 */
const EXCLUDED_BY_DEFAULT = new RegExp(
  "_|^(content-type|x-forwarded-|sec-|proxy-)|^(authorization|user-agent|accept-charset|accept-encoding|connection|" +
    "content-length|cookie|date|dnt|expect|forwarded|keep-alive|origin|referer|te|trailer|transfer-encoding|upgrade|via)$",
);
const FETCH_NORMALIZED_METHODS: ReadonlySet<string> = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
/** Would let a header value break the canonical request. */
const INVALID_HEADER_VALUE = /[\r\n\0]/;

/**
 * Formats a date as `X-Sdk-Date` wants it: `YYYYMMDDTHHMMSSZ` in UTC, milliseconds dropped (not rounded).
 * @throws {ValidationError} for an invalid date or a year outside 0000–9999.
 */
export function formatSdkDate(date: Date): string {
  // toISOString gives "2006-01-02T15:04:05.999Z", or "+010000-…" / "-000001-…" outside years 0000–9999.
  const iso = Number.isFinite(date.getTime()) ? date.toISOString() : "";
  if (!/^\d{4}-/.test(iso)) throw invalid("date", "must be a valid date within years 0000-9999", "formatSdkDate");
  return `${iso.slice(0, 19).replace(/[-:]/g, "")}Z`;
}

/** The two hash functions signing needs, each giving lower-case hex; strings are hashed as UTF-8. */
interface HashBackend {
  sha256(data: string | Uint8Array): string | Promise<string>;
  hmac(key: string, message: string): string | Promise<string>;
}

/** The part of `node:crypto` used here, typed structurally so no Node types reach the browser build. */
type NodeDigest = { update(data: string | Uint8Array): NodeDigest; digest(encoding: "hex"): string };
type NodeCrypto = { createHash(algorithm: "sha256"): NodeDigest; createHmac(algorithm: "sha256", key: string): NodeDigest };

const utf8 = new TextEncoder();
const hex = (buffer: ArrayBuffer): string => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

/** The HMAC key is imported non-extractable for each call, so nothing derived from it is kept. */
const webCrypto: HashBackend = {
  async sha256(data) {
    // Web Crypto refuses views over a SharedArrayBuffer: those bytes are copied.
    const bytes = typeof data === "string" ? utf8.encode(data) : data.buffer instanceof ArrayBuffer ? data : data.slice();
    return hex(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  },
  async hmac(secret, message) {
    const key = await crypto.subtle.importKey("raw", utf8.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return hex(await crypto.subtle.sign("HMAC", key, utf8.encode(message)));
  },
};

/** `node:crypto` when `process.getBuiltinModule` gives a usable one (looked up per call: shims come and go), else Web Crypto. */
function hashBackend(): HashBackend {
  let node: Partial<NodeCrypto> | undefined;
  try {
    node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.("node:crypto") as typeof node;
  } catch {
    // A shim that throws offers no node:crypto.
  }
  const { createHash, createHmac } = node ?? {};
  if (typeof createHash === "function" && typeof createHmac === "function") {
    return {
      sha256: (data) => createHash("sha256").update(data).digest("hex"),
      hmac: (key, message) => createHmac("sha256", key).update(message).digest("hex"),
    };
  }
  if (globalThis.crypto?.subtle === undefined) throw new Error("signRequest: neither node:crypto nor Web Crypto (crypto.subtle) is available");
  return webCrypto;
}

/**
 * Lower-case hex HMAC-SHA256 of `message` keyed with the UTF-8 bytes of the secret key: the signature step on its
 * own, for the published HMAC test vectors and the emulator. @internal
 */
export async function hmacSha256Hex(secretAccessKey: string, message: string): Promise<string> {
  return hashBackend().hmac(secretAccessKey, message);
}

/** A typed input error naming `path`; messages never carry the value (it may be a secret). */
function invalid(path: string, message: string, context = "signRequest"): ValidationError {
  return new ValidationError([{ path, keyword: "format", message }], context);
}

/** Lower-cased request headers; repeated names (case-insensitively) joined with `, ` as `Headers` does. */
function collectHeaders(headers: SignableRequest["headers"]): Map<string, string> {
  const out = new Map<string, string>();
  const add = (value: unknown, name: string): void => {
    if (typeof value !== "string") throw invalid(`headers.${name}`, "must have a string value");
    if (INVALID_HEADER_VALUE.test(value)) throw invalid(`headers.${name}`, "must not contain CR, LF or NUL");
    const key = name.toLowerCase();
    const previous = out.get(key);
    out.set(key, previous === undefined ? value : `${previous}, ${value}`);
  };
  // Duck-typed so a Headers from another realm or a polyfill is not mistaken for a Record.
  if (typeof headers?.forEach === "function" && typeof headers.get === "function") (headers as Headers).forEach(add);
  else for (const [name, value] of Object.entries(headers ?? {})) add(value, name);
  return out;
}

/** The body as hash input: `undefined` for none (or an empty string), a string (UTF-8), or exactly a view's bytes. */
function bodyInput(body: SignableRequest["body"]): string | Uint8Array | undefined {
  if (body === undefined || body === null || body === "") return undefined;
  if (typeof body === "string") return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  // Tested by tag, so an ArrayBuffer from another realm counts too.
  if (Object.prototype.toString.call(body) === "[object ArrayBuffer]") return new Uint8Array(body as ArrayBuffer);
  throw invalid("body", 'must be a string, Uint8Array or ArrayBuffer; for other bodies (streams, FormData) send "X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD"');
}

function checkCredentials(creds: SigningCredentials): void {
  // Messages name the field, never its value.
  if (typeof creds.accessKeyId !== "string" || !/^[^\s,=]+$/.test(creds.accessKeyId) || !isHeaderSafe(creds.accessKeyId)) {
    throw invalid("accessKeyId", "must be a non-empty string without whitespace, ',', '=', control characters or characters above U+00FF");
  }
  if (typeof creds.secretAccessKey !== "string" || creds.secretAccessKey.length === 0) {
    throw invalid("secretAccessKey", "must be a non-empty string");
  }
  if (creds.securityToken !== undefined && (typeof creds.securityToken !== "string" || !isHeaderSafe(creds.securityToken))) {
    throw invalid("securityToken", "must be a string without control characters or characters above U+00FF");
  }
}

/**
 * Signs a request with Huawei Cloud `SDK-HMAC-SHA256` and returns the headers to set on it (replacing any value):
 * - `X-Sdk-Date`: `opts.date`, else the request's own `X-Sdk-Date` (`YYYYMMDDTHHMMSSZ`), else the current time;
 * - `X-Security-Token`: only with temporary credentials;
 * - `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>`.
 *
 * Signed headers by default: every request header, plus `host` (the URL's `host[:port]`, default port omitted,
 * unless the request has its own `Host`), `x-sdk-date` and `x-security-token`; minus `content-type*`, names with
 * `_`, `authorization`, `user-agent` and others that runtimes or proxies rewrite (hop-by-hop, `content-length`,
 * `accept-encoding`, `x-forwarded-*`, …). `opts.signedHeaders` replaces that selection. Values are signed trimmed
 * of HTTP whitespace, as `Headers` sends them. The payload hash is the SHA-256 of the body bytes, or the
 * `X-Sdk-Content-Sha256` request header (e.g. `UNSIGNED-PAYLOAD`).
 *
 * @throws {ValidationError} (as a rejection) for unusable input, naming the field: relative URL, bad header value or signed-header name,
 *   malformed `X-Sdk-Date`, empty credentials; messages never contain the secret key or the security token.
 */
export async function signRequest(req: SignableRequest, creds: SigningCredentials, opts: SignOptions = {}): Promise<Record<string, string>> {
  checkCredentials(creds);
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    throw invalid("url", "must be an absolute URL");
  }
  const headers = collectHeaders(req.headers);
  headers.delete("authorization");

  const own = headers.get("x-sdk-date");
  const sdkDate = opts.date !== undefined ? formatSdkDate(opts.date) : own !== undefined ? trimHeaderValue(own) : formatSdkDate(new Date());
  if (!/^\d{8}T\d{6}Z$/.test(sdkDate)) throw invalid("headers.x-sdk-date", "must look like YYYYMMDDTHHMMSSZ");
  headers.set("x-sdk-date", sdkDate);
  const token = creds.securityToken || undefined;
  if (token !== undefined) headers.set("x-security-token", token);
  if (!headers.has("host")) headers.set("host", url.host);
  // canonicalRequest refuses an explicitly named header that is not in the request.
  const names = normalizeSignedHeaders(
    opts.signedHeaders === undefined
      ? [...headers.keys()].filter((name) => !EXCLUDED_BY_DEFAULT.test(name))
      : [...opts.signedHeaders, "x-sdk-date", ...(token !== undefined ? ["x-security-token"] : [])],
  );

  const hash = hashBackend();
  const ownHash = headers.get("x-sdk-content-sha256");
  const body = ownHash === undefined ? bodyInput(req.body) : undefined;
  const payloadHash = ownHash !== undefined ? trimHeaderValue(ownHash) : body === undefined ? EMPTY_BODY_SHA256 : await hash.sha256(body);
  const upper = req.method.toUpperCase();
  const method = FETCH_NORMALIZED_METHODS.has(upper) ? upper : req.method;
  const canonical = canonicalRequest({ method, url, headers: Object.fromEntries(headers), signedHeaders: names, payloadHash });
  const signature = await hash.hmac(creds.secretAccessKey, stringToSign(sdkDate, await hash.sha256(canonical)));

  const authorization = `${SIGNING_ALGORITHM} Access=${creds.accessKeyId}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return { "X-Sdk-Date": sdkDate, ...(token !== undefined ? { "X-Security-Token": token } : {}), Authorization: authorization };
}
