/**
 * Canonicalisation helpers for Huawei Cloud `SDK-HMAC-SHA256` request signing.
 *
 * Everything here is synchronous, pure and uses only web-standard globals
 * (`URL`, `URLSearchParams`, `TextEncoder`), so it bundles for browsers and
 * edge runtimes. The exports are consumed by `./signer.ts`; they are exported
 * for tests and for debugging a signature mismatch against the canonical
 * request the gateway echoes back in its `APIGW.0301` error.
 *
 * @internal
 * @module
 */

/** Name of the signing algorithm, first token of the `Authorization` header and first line of the string-to-sign. */
export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";

/** Lower-case hex SHA-256 of zero bytes: the payload hash of a request without a body. */
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const utf8 = new TextEncoder();

/** `%00`…`%FF`, upper-case hex, as RFC 3986 §2.1 recommends. */
const PERCENT_BYTE: readonly string[] = Array.from(
  { length: 256 },
  (_, i) => "%" + i.toString(16).toUpperCase().padStart(2, "0"),
);

/** True for the RFC 3986 unreserved bytes `A–Z a–z 0–9 - _ . ~`, which are never escaped. */
function isUnreserved(b: number): boolean {
  return (
    (b >= 0x41 && b <= 0x5a) || // A-Z
    (b >= 0x61 && b <= 0x7a) || // a-z
    (b >= 0x30 && b <= 0x39) || // 0-9
    b === 0x2d || // -
    b === 0x2e || // .
    b === 0x5f || // _
    b === 0x7e // ~
  );
}

const ALL_UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
/** A path made only of unreserved characters and `/`: its canonical form is itself (plus a trailing `/`). */
const PLAIN_PATH = /^[A-Za-z0-9\-._~/]*$/;

/**
 * Percent-encodes `value` the way every Huawei signer and the gateway do:
 * UTF-8 bytes, every byte outside the RFC 3986 unreserved set becomes `%XX`
 * (upper-case hex). A space becomes `%20`, never `+`.
 *
 * Lone UTF-16 surrogates cannot be represented in UTF-8; `TextEncoder`
 * replaces them with U+FFFD, which is also what `fetch`/`URL` would transmit.
 *
 * @internal
 */
export function rfc3986Encode(value: string): string {
  if (ALL_UNRESERVED.test(value)) return value;
  let out = "";
  for (const b of utf8.encode(value)) {
    out += isUnreserved(b) ? String.fromCharCode(b) : (PERCENT_BYTE[b] as string);
  }
  return out;
}

/** `decodeURIComponent`, or the raw text when it contains a malformed escape (e.g. `100%`, `%E4`). */
function percentDecodeLenient(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Canonical URI of a request path (the URL's `pathname`, still percent-encoded
 * as it appears on the wire).
 *
 * The path is split on `/`, every segment is first percent-DECODED and then
 * re-encoded with {@link rfc3986Encode}; the result always ends with `/`
 * (`/v3/x/jobs` → `/v3/x/jobs/`; the slash exists only in the canonical form).
 *
 * Decoding first is what the gateway does (it verifies against the path it
 * received, e.g. `urn%3Afss%3A…` in its echoed canonical request) and what the
 * Python SDK does (`unquote` then `quote`). The official Node SDK
 * (`AKSKSigner.CanonicalURI`) skips the decode and re-encodes an
 * already-encoded path, so `a%2Fb` becomes `a%252Fb` there and the gateway
 * rejects the signature; we deliberately do not copy that.
 *
 * A segment with a malformed escape is encoded verbatim (`%` → `%25`).
 *
 * @internal
 */
export function canonicalUri(pathname: string): string {
  // Fast path: nothing to decode or encode (the common `/v3/<id>/jobs` shape).
  if (PLAIN_PATH.test(pathname)) return pathname.endsWith("/") ? pathname : pathname + "/";
  const encoded = pathname
    .split("/")
    .map((segment) => rfc3986Encode(percentDecodeLenient(segment)))
    .join("/");
  return encoded.endsWith("/") ? encoded : encoded + "/";
}

/**
 * Compares two strings by Unicode code point (equivalently: by their UTF-8
 * bytes), the order Go's `sort.Strings` and Python's `sorted` use. Differs from
 * JavaScript's default `Array#sort` (UTF-16 code units) only when a
 * supplementary-plane character meets one in U+E000–U+FFFF.
 *
 * @internal
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // First differing code unit. Surrogates (D800–DFFF) start characters
    // above U+FFFF, so lift them above every other BMP unit.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * Canonical query string: every `name=value` pair (decoded by
 * `URLSearchParams`, so a literal `+` in the URL means a space), sorted by
 * name then value in code-point order, each side encoded with
 * {@link rfc3986Encode}, joined by `&`. A parameter without `=` signs as
 * `name=`. Empty string when there is no query.
 *
 * Sorting is done on the decoded strings, like the Go, Python and Node SDKs.
 *
 * @internal
 */
export function canonicalQueryString(params: URLSearchParams): string {
  const pairs: [string, string][] = [];
  for (const [name, value] of params) pairs.push([name, value]);
  pairs.sort((p, q) => compareCodePoints(p[0], q[0]) || compareCodePoints(p[1], q[1]));
  return pairs.map(([name, value]) => `${rfc3986Encode(name)}=${rfc3986Encode(value)}`).join("&");
}

/** Inputs of {@link canonicalRequest}. */
export interface CanonicalRequestInput {
  /** HTTP method exactly as it will be sent (e.g. `GET`). */
  method: string;
  /** Absolute request URL; only its pathname and query are used. */
  url: string | URL;
  /**
   * Values of the signed headers, keyed by lower-case name. Values are
   * trimmed of leading/trailing HTTP whitespace here.
   */
  headers: Readonly<Record<string, string>>;
  /** Lower-case names of the headers to sign; sorted and de-duplicated here. */
  signedHeaders: readonly string[];
  /** Lower-case hex SHA-256 of the body, or the `X-Sdk-Content-Sha256` value (e.g. `UNSIGNED-PAYLOAD`). */
  payloadHash: string;
}

/** Leading/trailing HTTP whitespace (SP, HTAB, CR, LF), what `Headers` strips before sending. */
const HTTP_WS_EDGES = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** True for SP, HTAB, CR and LF. */
function isHttpWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Trims HTTP whitespace from both ends of a header value. @internal */
export function trimHeaderValue(value: string): string {
  const n = value.length;
  if (n === 0 || (!isHttpWhitespace(value.charCodeAt(0)) && !isHttpWhitespace(value.charCodeAt(n - 1)))) return value;
  return value.replace(HTTP_WS_EDGES, "");
}

/**
 * Sorts (code-point order) and de-duplicates lower-case header names; the
 * order of both `SignedHeaders=` and the canonical header block.
 *
 * @internal
 */
export function normalizeSignedHeaders(names: readonly string[]): string[] {
  return sortCodePoints([...new Set(names.map((n) => n.toLowerCase()))]);
}

/**
 * Sorts `list` in place with {@link compareCodePoints} and returns it. An
 * insertion sort for the handful of names a request signs (cheaper than
 * `Array#sort` with a comparator there), `Array#sort` beyond.
 *
 * @internal
 */
export function sortCodePoints(list: string[]): string[] {
  if (list.length > 16) return list.sort(compareCodePoints);
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as string;
    let j = i - 1;
    while (j >= 0 && compareCodePoints(list[j] as string, item) > 0) {
      list[j + 1] = list[j] as string;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}

/**
 * Builds the canonical request string:
 * `METHOD\nURI\nQUERY\nlower(h1):trim(v1)\n…\n\nh1;h2…\nPAYLOAD_HASH`.
 *
 * Exported for tests and debugging (compare it with the `canonicalRequest:`
 * the gateway echoes, where `|` stands for `\n`).
 *
 * @throws TypeError when a signed header has no value in `input.headers`.
 * @internal
 */
export function canonicalRequest(input: CanonicalRequestInput): string {
  const url = typeof input.url === "string" ? new URL(input.url) : input.url;
  const values = input.headers;
  const valueOf = (name: string): string | undefined => (Object.hasOwn(values, name) ? values[name] : undefined);
  const names = normalizeSignedHeaders(input.signedHeaders);
  return canonicalRequestOf(input.method, url, names, names.join(";"), valueOf, input.payloadHash);
}

/**
 * {@link canonicalRequest} for callers that already hold the pieces: `names`
 * MUST already be lower-case, de-duplicated and sorted with
 * {@link compareCodePoints} (as {@link normalizeSignedHeaders} returns them),
 * `signedHeaders` is `names.join(";")`, and `valueOf` gives the (untrimmed)
 * value of a signed header.
 *
 * @throws TypeError when a signed header has no value.
 * @internal
 */
export function canonicalRequestOf(
  method: string,
  url: URL,
  names: readonly string[],
  signedHeaders: string,
  valueOf: (name: string) => string | undefined,
  payloadHash: string,
): string {
  let headerBlock = "";
  for (const name of names) {
    const value = valueOf(name);
    if (value === undefined) throw new TypeError(`signed header "${name}" has no value`);
    headerBlock += name + ":" + trimHeaderValue(value) + "\n";
  }
  // `url.search` is "" for no (or an empty) query: skip materialising `searchParams`.
  const query = url.search === "" ? "" : canonicalQueryString(url.searchParams);
  return (
    method + "\n" + canonicalUri(url.pathname) + "\n" + query + "\n" + headerBlock + "\n" + signedHeaders + "\n" + payloadHash
  );
}

/**
 * String to sign: `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>`.
 *
 * @internal
 */
export function stringToSign(sdkDate: string, canonicalRequestSha256Hex: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${canonicalRequestSha256Hex}`;
}
