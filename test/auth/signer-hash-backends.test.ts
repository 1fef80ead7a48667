// The two hash backends, node:crypto (through process.getBuiltinModule) and Web Crypto (where that is absent or
// unusable): which one runs, and that both give the same HMACs, body hashes and signatures as node:crypto itself.
import * as nodeCrypto from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { canonicalRequest, stringToSign } from "../../src/auth/canonical.js";
import { hmacSha256Hex, signRequest, type SignableRequest, type SigningCredentials } from "../../src/auth/signer.js";
import { ValidationError } from "../../src/errors.js";
import { BACKENDS, CREDS, DATE_2026, authOf, on, restoreGetBuiltinModule } from "./signer-fixtures.js";

describe("hash backends", () => {
  const createHmacHex = (key: string, message: string): string => nodeCrypto.createHmac("sha256", key).update(message).digest("hex");
  const sha = (data: string | Uint8Array): string => nodeCrypto.createHash("sha256").update(data).digest("hex");
  afterEach(() => {
    restoreGetBuiltinModule();
    vi.restoreAllMocks();
  });

  it("hashes with node:crypto where process.getBuiltinModule exists, with Web Crypto where it is absent, alike", async () => {
    const digest = vi.spyOn(crypto.subtle, "digest");
    const sign = vi.spyOn(crypto.subtle, "sign");
    const req = { method: "POST", url: "https://h.example/x?y=1", headers: { "X-A": "1" }, body: '{"a":1}' };
    const node = await signRequest(req, CREDS, { date: DATE_2026 });
    expect(digest).not.toHaveBeenCalled();
    expect(sign).not.toHaveBeenCalled();
    const web = await on("webcrypto", () => signRequest(req, CREDS, { date: DATE_2026 }));
    expect(digest).toHaveBeenCalledTimes(2); // the body and the canonical request
    expect(sign).toHaveBeenCalledTimes(1);
    expect(web).toEqual(node);
  });

  it("falls back to Web Crypto when getBuiltinModule throws or gives no usable node:crypto", async () => {
    const req = { method: "GET", url: "https://h.example/x" };
    const expected = await signRequest(req, CREDS, { date: DATE_2026 });
    const digest = vi.spyOn(crypto.subtle, "digest");
    const shims = [
      () => {
        throw new Error("not in this runtime");
      },
      () => undefined,
      () => ({ createHash: nodeCrypto.createHash }),
    ];
    for (const shim of shims) {
      process.getBuiltinModule = shim as unknown as typeof process.getBuiltinModule;
      expect(await signRequest(req, CREDS, { date: DATE_2026 })).toEqual(expected);
    }
    expect(digest).toHaveBeenCalledTimes(shims.length);
  });

  it.each(BACKENDS)("RFC 4231 HMAC-SHA256 test cases 1 and 2 [$label]", ({ label }) =>
    on(label, async () => {
      expect(await hmacSha256Hex("\x0b".repeat(20), "Hi There")).toBe("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
      expect(await hmacSha256Hex("Jefe", "what do ya want for nothing?")).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }),
  );

  it.each(BACKENDS)("HMAC agrees with createHmac: keys around the 64-byte block, non-ASCII, lone surrogates [$label]", ({ label }) =>
    on(label, async () => {
      const unit = fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 0x7f }).map((n) => String.fromCharCode(n)), weight: 6 },
        { arbitrary: fc.constantFrom("é", "一", "😀", "\ud800", "\udfff", "\u0080", "\uffff"), weight: 1 },
      );
      const key = fc.oneof(
        fc.string({ unit, minLength: 1, maxLength: 70 }),
        fc.integer({ min: 60, max: 68 }).map((n) => "k".repeat(n)),
      );
      const message = fc.oneof(fc.string({ unit, maxLength: 200 }), fc.constantFrom("é".repeat(600), "😀".repeat(300), "x".repeat(1024)));
      await fc.assert(
        fc.asyncProperty(key, message, async (k, m) => {
          expect(await hmacSha256Hex(k, m)).toBe(createHmacHex(k, m));
        }),
        { numRuns: 300 },
      );
    }),
  );

  it.each(BACKENDS)("hashes bodies as createHash does: strings (lone surrogates included) and bytes (SharedArrayBuffer included) [$label]", ({ label }) =>
    on(label, async () => {
      const shared = new Uint8Array(new SharedArrayBuffer(5));
      shared.set([1, 2, 3, 250, 0]);
      const inputs: Array<string | Uint8Array> = [
        "",
        "abc",
        "é😀",
        "a\ud800b",
        "\udc00",
        "x".repeat(5000),
        new Uint8Array(0),
        new Uint8Array([0, 255, 128]),
        shared,
      ];
      for (const body of inputs) {
        const url = "https://h.example/x";
        // The signature computed independently, from node:crypto and the canonical form.
        const canonical = canonicalRequest({
          method: "PUT",
          url,
          headers: { host: "h.example", "x-sdk-date": "20260101T000000Z" },
          signedHeaders: ["host", "x-sdk-date"],
          payloadHash: sha(body),
        });
        const expected = createHmacHex(CREDS.secretAccessKey, stringToSign("20260101T000000Z", sha(canonical)));
        const h = await signRequest({ method: "PUT", url, body }, CREDS, { date: DATE_2026, signedHeaders: ["host"] });
        expect(authOf(h).replace(/^.*Signature=/, "")).toBe(expected);
      }
    }),
  );

  it("signs identically on both backends: odd bodies, non-ASCII header values, a temporary token", async () => {
    const requests: SignableRequest[] = [
      { method: "POST", url: "https://h.example/a%2Fb/é?x=1&y=%F0%9F%98%80", headers: { "X-V": "välue 一" }, body: "lone \ud800 surrogate" },
      { method: "PUT", url: "https://h.example/", headers: { "X-A": "1" }, body: new Uint8Array([0, 1, 2, 255]) },
      { method: "DELETE", url: "https://h.example:8443/x", body: new DataView(new ArrayBuffer(3)) as unknown as Uint8Array },
      { method: "GET", url: "https://h.example/x", headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" }, body: "ignored" },
    ];
    const keys: SigningCredentials[] = [
      { accessKeyId: "AK", secretAccessKey: "S".repeat(64), securityToken: "tok/+=" },
      { accessKeyId: "AK", secretAccessKey: "S".repeat(65) },
      { accessKeyId: "AK", secretAccessKey: "sécret" },
    ];
    for (const req of requests) {
      for (const creds of keys) {
        const node = await signRequest(req, creds, { date: DATE_2026 });
        expect(await on("webcrypto", () => signRequest(req, creds, { date: DATE_2026 }))).toEqual(node);
      }
    }
  });

  it("reports unusable input as a rejection, never as a synchronous throw", async () => {
    let bad: Promise<unknown> | undefined;
    expect(() => {
      bad = signRequest({ method: "GET", url: "/relative" }, CREDS);
    }).not.toThrow();
    await expect(bad).rejects.toThrow(ValidationError);
  });
});
