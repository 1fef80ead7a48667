/**
 * The canonical request of Huawei Cloud `SDK-HMAC-SHA256`: what is signed, without hashing. Built on web-standard
 * globals only, so the emulator verifies signatures with exactly the SDK's canonical form, and a mismatch can be
 * debugged against the `canonicalRequest:` the gateway echoes in `APIGW.0301`.
 *
 * @internal
 * @module
 */
import { ValidationError } from "../errors.js";

/** Name of the signing algorithm, first token of the `Authorization` header and first line of the string-to-sign. */
export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";

/** Lower-case hex SHA-256 of zero bytes: the payload hash of a request without a body. */
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/**
 * Percent-encodes UTF-8 bytes outside the RFC 3986 unreserved set (`A–Z a–z 0–9 - _ . ~`) as upper-case `%XX`, as
 * every Huawei signer and the gateway do (a space is `%20`). A lone surrogate becomes U+FFFD, as `fetch` and `URL`
 * send it (`encodeURIComponent` would throw). @internal
 */
export function rfc3986Encode(value: string): string {
  const escaped = encodeURIComponent(value.replace(/\p{Cs}/gu, "\uFFFD"));
  return escaped.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Canonical URI of a path as it is on the wire: each `/`-separated segment percent-DECODED (a malformed escape is
 * kept as it is), re-encoded with {@link rfc3986Encode}, ending with `/`. Decoding first is what the gateway and
 * the Python SDK do; the official Node SDK does not, so it signs `a%2Fb` as `a%252Fb`, which the gateway rejects.
 *
 * @internal
 */
export function canonicalUri(pathname: string): string {
  const decode = (segment: string): string => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  };
  const encoded = pathname
    .split("/")
    .map((segment) => rfc3986Encode(decode(segment)))
    .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

/**
 * Orders strings by Unicode code point (equivalently by UTF-8 bytes), as Go's `sort.Strings` and Python's `sorted`
 * do; JavaScript's default UTF-16 order differs when a character above U+FFFF meets one in U+E000–U+FFFF. @internal
 */
export function compareCodePoints(a: string, b: string): number {
  // Surrogates (which start characters above U+FFFF) move above U+E000–U+FFFF; nothing else changes order.
  const unit = (s: string, i: number): number => {
    const c = s.charCodeAt(i);
    return c >= 0xe000 ? c - 0x800 : c >= 0xd800 ? c + 0x2000 : c;
  };
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return unit(a, i) - unit(b, i);
  }
  return a.length - b.length;
}

/**
 * Canonical query string: the decoded `name=value` pairs (a `+` in the URL is a space; a bare `name` is `name=`),
 * sorted by name then value in code-point order, encoded with {@link rfc3986Encode}, joined by `&`. @internal
 */
export function canonicalQueryString(params: URLSearchParams): string {
  return [...params]
    .sort((p, q) => compareCodePoints(p[0], q[0]) || compareCodePoints(p[1], q[1]))
    .map(([name, value]) => `${rfc3986Encode(name)}=${rfc3986Encode(value)}`)
    .join("&");
}

/**
 * Text a credential header can carry: no control (C0 with TAB, DEL, C1), nothing above U+00FF. `fetch` throws a
 * `TypeError` quoting the value for most of these; TAB and C1 would pass but belong in no credential. @internal
 */
export function isHeaderSafe(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they cannot travel in a header
  return !/[\u0000-\u001f\u007f-\u009f]|[^\u0000-\u00ff]/.test(value);
}

/** Trims leading and trailing HTTP whitespace (SP, HTAB, CR, LF), as `Headers` does before sending. @internal */
export function trimHeaderValue(value: string): string {
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
}

/** Lower-cases, de-duplicates and sorts header names: the order of `SignedHeaders=` and of the header block. @internal */
export function normalizeSignedHeaders(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.toLowerCase()))].sort(compareCodePoints);
}

/** Inputs of {@link canonicalRequest}. */
export interface CanonicalRequestInput {
  /** HTTP method exactly as it will be sent (e.g. `GET`). */
  method: string;
  /** Absolute request URL; only its pathname and query are used. */
  url: string | URL;
  /** Values of the signed headers, keyed by lower-case name; trimmed here. */
  headers: Readonly<Record<string, string>>;
  /** Names of the headers to sign; lower-cased, sorted and de-duplicated here. */
  signedHeaders: readonly string[];
  /** Lower-case hex SHA-256 of the body, or the `X-Sdk-Content-Sha256` value (e.g. `UNSIGNED-PAYLOAD`). */
  payloadHash: string;
}

/**
 * The canonical request `METHOD\nURI\nQUERY\nh1:v1\n…\n\nh1;h2…\nPAYLOAD_HASH` (the gateway's echo shows `\n` as `|`).
 * @throws {ValidationError} when a signed header has no value in `input.headers`. @internal
 */
export function canonicalRequest(input: CanonicalRequestInput): string {
  const url = typeof input.url === "string" ? new URL(input.url) : input.url;
  const names = normalizeSignedHeaders(input.signedHeaders);
  const lines = names.map((name) => {
    if (!Object.hasOwn(input.headers, name))
      throw new ValidationError(
        [{ path: `signedHeaders.${name}`, keyword: "required", message: "is not in the request, so it cannot be signed" }],
        "signRequest",
      );
    return `${name}:${trimHeaderValue(input.headers[name] as string)}\n`;
  });
  const query = canonicalQueryString(url.searchParams);
  return `${input.method}\n${canonicalUri(url.pathname)}\n${query}\n${lines.join("")}\n${names.join(";")}\n${input.payloadHash}`;
}

/** String to sign: `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>`. @internal */
export function stringToSign(sdkDate: string, canonicalRequestSha256Hex: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${canonicalRequestSha256Hex}`;
}
