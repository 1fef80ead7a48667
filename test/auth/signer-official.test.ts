// Differential test against the official Node signer: generated requests must get its Authorization header byte
// for byte, on both hash backends; the known divergences are pinned separately, with the reason ours does not follow.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { canonicalUri } from "../../src/auth/canonical.js";
import { formatSdkDate, signRequest, type SigningCredentials } from "../../src/auth/signer.js";
import { type Backend, CREDS, official, officialCred, on } from "./signer-fixtures.js";

describe("agrees byte-for-byte with @huaweicloud/huaweicloud-sdk-core AKSKSigner", () => {
  const FIXED = new Date("2026-03-04T05:06:07.890Z");
  beforeAll(() => {
    // The official signer reads the clock through moment(); freeze Date only.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(FIXED);
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  const cp = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((n) => String.fromCodePoint(n));
  const unreserved = fc.constantFrom(..."ABCXYZabcxyz0189-._~");
  const nonAscii = fc.oneof(cp(0xa0, 0xd7ff), cp(0x10000, 0x10ffff), fc.constantFrom("é", "一", "ü", "😀"));

  // Path characters the official signer can take raw: it calls the legacy
  // url.parse, which auto-escapes space " ' < > \ ^ ` { | } (then its own encoder
  // turns % into %25, see the double-encoding test), treats ? and # as
  // delimiters and \ as /. So: unreserved, sub-delims, : @ and any non-ASCII
  // scalar value (C1 controls, BMP, private use, astral).
  const pathChar = fc.oneof(unreserved, fc.constantFrom(..."!$&()*+,;=:@"), nonAscii, cp(0x80, 0xd7ff), cp(0xe000, 0xfffd));
  // url.parse also trims whitespace (U+00A0, U+FEFF, …) off the end of the URL, so a path ending in it would
  // be signed without it: whitespace is left out of the generated paths (found by this property, seed -150699444).
  const segment = fc.string({ unit: pathChar.filter((ch) => !/\s/u.test(ch)), maxLength: 8 }).filter((s) => s !== "." && s !== "..");

  // Query text may contain anything printable, including & = ? # % + and space:
  // the official signer takes an object, ours a URL built with URLSearchParams.
  // Astral characters are kept but U+E000..U+FFFF is not, because the official
  // signer sorts names/values by UTF-16 unit and we (like Go/Python) by code
  // point; the two orders agree unless both kinds meet.
  const queryChar = fc.oneof(cp(0x20, 0x7e), nonAscii);
  const queryText = fc.string({ unit: queryChar, maxLength: 6 });
  const query = fc.uniqueArray(fc.tuple(queryText, fc.array(queryText, { minLength: 1, maxLength: 3 }), fc.boolean()), {
    maxLength: 5,
    selector: ([name]) => name,
  });

  // Header names: letters/digits/hyphen; the official signer orders its
  // canonical headers with localeCompare, which agrees with code-point order
  // for these (not for '_', see below). Values: no leading/trailing
  // whitespace because the official signer does not trim.
  const reservedNames = new Set(["host", "x-sdk-date", "authorization", "x-security-token", "content-type", "x-sdk-content-sha256"]);
  const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,11}$/).filter((n) => !reservedNames.has(n.toLowerCase()));
  const headerValue = fc
    .string({ unit: fc.oneof(cp(0x20, 0x7e), fc.constantFrom("é", "\t", "一")), maxLength: 16 })
    .filter((v) => v === v.replace(/^[\t ]+|[\t ]+$/g, ""));
  const headers = fc.uniqueArray(fc.tuple(headerName, headerValue), {
    maxLength: 5,
    selector: ([n]) => n.toLowerCase(),
  });

  const jsonBody = fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined });

  const requestArb = fc.record({
    method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"),
    lowerMethod: fc.boolean(),
    origin: fc.constantFrom(
      "https://dds.ap-southeast-1.myhuaweicloud.com",
      "https://apig.cn-north-4.myhuaweicloud.com",
      "http://127.0.0.1:9000",
      "https://localhost:8443",
    ),
    segments: fc.array(segment, { maxLength: 6 }),
    trailingSlash: fc.boolean(),
    query,
    headers,
    contentType: fc.boolean(),
    contentSha: fc.option(fc.oneof(fc.constant("UNSIGNED-PAYLOAD"), fc.stringMatching(/^[0-9a-f]{64}$/)), {
      nil: undefined,
    }),
    securityToken: fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{1,40}$/), { nil: undefined }),
    dateMode: fc.constantFrom("option", "header", "clock"),
    body: jsonBody,
    bodyAsBytes: fc.boolean(),
    // Mostly a realistic key (ASCII, ≤ 64 bytes); also ASCII keys longer than
    // the 64-byte block (which HMAC hashes first) and non-ASCII keys, including
    // a lone surrogate, which every signer encodes as U+FFFD.
    secretKey: fc.oneof(
      { arbitrary: fc.constantFrom("SK/secret+key=", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"), weight: 4 },
      { arbitrary: fc.string({ unit: cp(0x00, 0x7f), minLength: 1, maxLength: 100 }), weight: 1 },
      { arbitrary: fc.string({ unit: fc.oneof(cp(0x20, 0x7e), nonAscii, fc.constant("\udc00")), minLength: 1, maxLength: 40 }), weight: 1 },
    ),
  });

  const RUNS: ReadonlyArray<{ label: Backend; numRuns: number }> = [
    { label: "node:crypto", numRuns: 1000 },
    { label: "webcrypto", numRuns: 300 },
  ];
  it.each(RUNS)("$numRuns generated requests produce the identical Authorization header [$label]", ({ label, numRuns }) =>
    on(label, async () => {
      await fc.assert(
        fc.asyncProperty(requestArb, async (r) => {
          const rawPath = `/${r.segments.join("/")}${r.trailingSlash && r.segments.length > 0 ? "/" : ""}`;
          // Ours gets the URL as it goes on the wire: path segments percent-encoded
          // (encodeURIComponent; our canonicaliser decodes them again), query via
          // URLSearchParams. The official signer gets what HcClient gives it: the
          // raw path substituted into `${endpoint}${url}` and a queryParams object.
          const url = new URL(`${r.origin}/${r.segments.map(encodeURIComponent).join("/")}${r.trailingSlash && r.segments.length > 0 ? "/" : ""}`);
          const queryParams: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
          for (const [name, values, asArray] of r.query) {
            for (const v of values) url.searchParams.append(name, v);
            queryParams[name] = asArray || values.length > 1 ? [...values] : (values[0] as string);
          }

          const reqHeaders: Record<string, string> = {};
          for (const [n, v] of r.headers) reqHeaders[n] = v;
          if (r.contentType) reqHeaders["content-type"] = "application/json;charset=UTF-8";
          if (r.contentSha !== undefined) reqHeaders["X-Sdk-Content-Sha256"] = r.contentSha;
          const sdkDate = formatSdkDate(FIXED);
          if (r.dateMode === "header") reqHeaders["X-Sdk-Date"] = sdkDate;

          const officialHeaders: Record<string, string> = { ...reqHeaders };
          if (r.securityToken !== undefined) officialHeaders["X-Security-Token"] = r.securityToken; // as BaseCredentials.addAuthHeaders does
          const theirs = official.sign(
            {
              method: r.method,
              endpoint: r.origin + rawPath,
              queryParams,
              headers: officialHeaders,
              data: r.body,
            },
            { getAk: () => "AK0123456789", getSk: () => r.secretKey },
          );

          // The official signer hashes JSON.stringify(data), and nothing when data is falsy.
          const bodyText = r.body ? JSON.stringify(r.body) : undefined;
          const creds: SigningCredentials = { accessKeyId: "AK0123456789", secretAccessKey: r.secretKey };
          if (r.securityToken !== undefined) creds.securityToken = r.securityToken;
          const ours = await signRequest(
            {
              // fetch upper-cases these six methods (not PATCH), so the signer does too.
              method: r.lowerMethod && r.method !== "PATCH" ? r.method.toLowerCase() : r.method,
              url,
              headers: reqHeaders,
              body: bodyText !== undefined && r.bodyAsBytes ? new TextEncoder().encode(bodyText) : bodyText,
            },
            creds,
            {
              ...(r.dateMode === "option" ? { date: FIXED } : {}),
              // The official signer signs every header it is given plus host and x-sdk-date.
              signedHeaders: [...Object.keys(reqHeaders), "host", "x-sdk-date"],
            },
          );

          expect(ours.Authorization).toBe(theirs.Authorization);
          expect(ours["X-Sdk-Date"]).toBe(sdkDate);
          if (r.dateMode !== "header") expect(theirs["X-Sdk-Date"]).toBe(sdkDate);
          expect(theirs.host).toBe(url.host);
        }),
        { numRuns },
      );
    }),
  );

  it("documents where the official signer diverges (and why ours does not follow)", () => {
    // 1. No trimming of header values (Go/Python and Headers trim).
    expect(official.buildCanonicalHeaders({ "x-a": " v " })).toBe("x-a: v \n");
    // 2. Canonical headers ordered with localeCompare but SignedHeaders with a
    //    code-unit sort: they disagree as soon as a name contains '_'.
    expect(official.buildCanonicalHeaders({ a1b: "1", a_b: "2" })).toBe("a_b:2\na1b:1\n");
    const signed = official.sign({ method: "GET", endpoint: "https://h.example/", headers: { a1b: "1", a_b: "2" } }, officialCred(CREDS));
    expect(signed.Authorization).toContain("SignedHeaders=a1b;a_b;host;x-sdk-date");
    // 3. Keeps an explicit default port in host (url.parse), the URL standard drops it.
    expect(official.sign({ method: "GET", endpoint: "https://h.example:443/", headers: {} }, officialCred(CREDS)).host).toBe("h.example:443");
    // 4. A raw space in the path is escaped by url.parse and then re-escaped.
    expect(official.CanonicalURI(new URL("https://h/a b").pathname)).toBe("/a%2520b/");
    expect(canonicalUri(new URL("https://h/a b").pathname)).toBe("/a%20b/");
  });
});
