// The canonical query string and URI as the signer builds them, including where they deliberately differ from the
// official Node signer (code-point order, decode-then-encode), so those differences stay chosen rather than accidental.
import { describe, expect, it } from "vitest";
import { canonicalQueryString, canonicalUri, compareCodePoints, rfc3986Encode } from "../../src/auth/canonical.js";
import { signRequest } from "../../src/auth/signer.js";
import { CREDS, authOf, official, officialCred } from "./signer-fixtures.js";

describe("canonical query string", () => {
  it("matches the published GO/PY check", () => {
    const p = new URLSearchParams();
    p.append("limit", "1");
    p.append("enable", String(true));
    p.append("test", "一 (&=?!#%.*)");
    p.append("path", "/tmp/123");
    for (const v of ["3", "1", "2"]) p.append("multi", v);
    const expected = "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29";
    expect(canonicalQueryString(p)).toBe(expected);
    // Same result when the params travel through a URL string (space serialised as '+').
    const url = new URL(`https://h.example/x?${p.toString()}`);
    expect(canonicalQueryString(url.searchParams)).toBe(expected);
  });

  it("handles empty names/values and bare keys", () => {
    expect(canonicalQueryString(new URLSearchParams("b&a=&=z&c=%20"))).toBe("=z&a=&b=&c=%20");
    expect(canonicalQueryString(new URLSearchParams(""))).toBe("");
  });

  it("sorts by code point, not UTF-16 unit (differs from the official Node signer)", () => {
    // U+FF01 < U+1F600 by code point; as UTF-16 the emoji's lead surrogate D83D sorts first.
    expect(compareCodePoints("\uFF01", "😀")).toBeLessThan(0);
    expect(["😀", "\uFF01"].sort()).toEqual(["😀", "\uFF01"]);
    expect(
      canonicalQueryString(
        new URLSearchParams([
          ["😀", "1"],
          ["\uFF01", "2"],
        ]),
      ),
    ).toBe("%EF%BC%81=2&%F0%9F%98%80=1");
  });
});

describe("canonical URI", () => {
  it("always ends with / and encodes reserved and non-ASCII characters", () => {
    expect(canonicalUri("/")).toBe("/");
    expect(canonicalUri("/v3/x/jobs")).toBe("/v3/x/jobs/");
    expect(canonicalUri("/v3/x/jobs/")).toBe("/v3/x/jobs/");
    expect(canonicalUri("/fgs/urn:fss:x")).toBe("/fgs/urn%3Afss%3Ax/");
    expect(canonicalUri(new URL("https://h/a b/é/~-._").pathname)).toBe("/a%20b/%C3%A9/~-._/");
    expect(rfc3986Encode("😀!*'()")).toBe("%F0%9F%98%80%21%2A%27%28%29");
    // A lone surrogate goes on the wire as U+FFFD (as TextEncoder, fetch and URL send it); encodeURIComponent would throw.
    expect(rfc3986Encode("a\ud800b\udc00")).toBe("a%EF%BF%BDb%EF%BF%BD");
    expect(rfc3986Encode(new URL("https://h/?q=\ud800").searchParams.get("q") ?? "")).toBe("%EF%BF%BD");
  });

  it("falls back to the raw segment on a malformed escape", () => {
    expect(canonicalUri("/100%/a%E4b/ok%20")).toBe("/100%25/a%25E4b/ok%20/");
  });

  it("decodes before encoding (server/Python) where the official Node signer double-encodes", async () => {
    const path = "/v1/p/objects/a%2Fb/c%3Ad";
    const ours = canonicalUri(path);
    const node = official.CanonicalURI(path);
    // Python: "/".join(quote(unquote(seg), safe="~") for seg in path.split("/")) + "/"
    const python = "/v1/p/objects/a%2Fb/c%3Ad/";
    expect(ours).toBe(python);
    expect(node).toBe("/v1/p/objects/a%252Fb/c%253Ad/");
    expect(ours).not.toBe(node);

    // The same request signed end to end therefore gets different signatures.
    const url = `https://obs.example.com${path}`;
    const ourAuth = authOf(
      await signRequest({ method: "GET", url, headers: { "X-Sdk-Date": "20260101T000000Z" } }, CREDS, {
        signedHeaders: ["host", "x-sdk-date"],
      }),
    );
    const nodeAuth = official.sign({ method: "GET", endpoint: url, headers: { "X-Sdk-Date": "20260101T000000Z" } }, officialCred(CREDS)).Authorization;
    expect(ourAuth).not.toBe(nodeAuth);
    // ...while the raw (unencoded) path gives the official signer our canonical form.
    const nodeRaw = official.sign({ method: "GET", endpoint: "https://obs.example.com/v1/p/objects/a/b/c:d", headers: {} }, officialCred(CREDS));
    expect(nodeRaw.host).toBe("obs.example.com");
    expect(official.CanonicalURI("/v1/p/objects/c:d")).toBe(canonicalUri("/v1/p/objects/c%3Ad"));
  });
});
