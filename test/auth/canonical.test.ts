import { describe, expect, it } from "vitest";
import { canonicalRequest, compareCodePoints, trimHeaderValue } from "../../src/auth/canonical.js";
import { ValidationError } from "../../src/errors.js";

describe("compareCodePoints at the edges of the surrogate range", () => {
  const astral = "\u{10000}"; // the smallest character above U+FFFF: its first code unit is U+D800

  it("puts U+E000 (the first character after the surrogates) below every astral character", () => {
    expect(compareCodePoints("\uE000", astral)).toBeLessThan(0);
    expect(compareCodePoints(astral, "\uE000")).toBeGreaterThan(0);
  });

  it("puts characters just below U+D800 below U+E000, as their code points say", () => {
    expect(compareCodePoints("\uD7FF", "\uE000")).toBeLessThan(0);
    expect(compareCodePoints("\uB900", "\uE000")).toBeLessThan(0);
  });

  it("matches a code-point sort of a mixed list", () => {
    const list = ["\uFFFF", astral, "\uE000", "\uD7FF", "z", "\u{1F600}"];
    const byCodePoint = [...list].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number));
    expect([...list].sort(compareCodePoints)).toEqual(byCodePoint);
  });
});

describe("trimHeaderValue", () => {
  it("drops all trailing and leading HTTP whitespace, not just one character", () => {
    expect(trimHeaderValue(" \t value  \r\n")).toBe("value");
    expect(trimHeaderValue("a b  ")).toBe("a b");
  });
});

describe("canonicalRequest", () => {
  const input = {
    method: "GET",
    url: "https://example.com/v2/x?b=2&a=1",
    headers: { host: "example.com", "x-sdk-date": "20300101T000000Z" },
    signedHeaders: ["X-Sdk-Date", "Host"],
    payloadHash: "UNSIGNED-PAYLOAD",
  };

  it("takes a URL object as it takes the same URL as text", () => {
    expect(canonicalRequest({ ...input, url: new URL(input.url) })).toBe(canonicalRequest(input));
  });

  it("names a signed header the request lacks, in a ValidationError of signRequest", () => {
    const err = (() => {
      try {
        return canonicalRequest({ ...input, signedHeaders: ["host", "Content-Type"] });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([
      { path: "signedHeaders.content-type", keyword: "required", message: "is not in the request, so it cannot be signed" },
    ]);
    expect((err as Error).message).toBe("signRequest: signedHeaders.content-type is not in the request, so it cannot be signed");
  });
});
