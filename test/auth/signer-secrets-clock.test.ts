// The X-Sdk-Date format, where the signer reads the clock (only when no date is given), and that the secret key
// never leaves it, neither in the headers it returns nor in an error.
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatSdkDate, signRequest } from "../../src/auth/signer.js";
import { ValidationError } from "../../src/errors.js";
import { DATE_2026, authOf } from "./signer-fixtures.js";

describe("formatSdkDate", () => {
  it("formats UTC as YYYYMMDDTHHMMSSZ, dropping milliseconds", () => {
    expect(formatSdkDate(new Date("2006-01-02T15:04:05.999Z"))).toBe("20060102T150405Z");
    const year9 = new Date(0);
    year9.setUTCFullYear(9, 0, 1);
    expect(formatSdkDate(year9)).toBe("00090101T000000Z");
    expect(formatSdkDate(new Date("0999-12-31T23:59:59Z"))).toBe("09991231T235959Z");
  });
  it("rejects invalid dates", () => {
    expect(() => formatSdkDate(new Date(Number.NaN))).toThrow(ValidationError);
    expect(() => formatSdkDate(new Date("+010000-01-01T00:00:00Z"))).toThrow(ValidationError);
  });
});

describe("secrets and clock", () => {
  const SECRET = "Sup3r-S3cret-Key/with+chars";
  const creds = { accessKeyId: "AK123", secretAccessKey: SECRET };

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("never returns the secret key", async () => {
    const h = await signRequest({ method: "GET", url: `https://h.example/${SECRET}?q=1` }, creds, { date: DATE_2026 });
    expect(JSON.stringify(h)).not.toContain(SECRET);
    expect(JSON.stringify(h)).not.toContain(encodeURIComponent(SECRET));
  });

  it("keeps the secret out of every error message and stack", async () => {
    const bad: Array<Promise<unknown>> = [
      signRequest({ method: "GET", url: "not a url" }, creds),
      signRequest({ method: "GET", url: "https://h/", headers: { "X-Sdk-Date": "bad" } }, creds),
      signRequest({ method: "GET", url: "https://h/", headers: { a: "\n" } }, creds),
      signRequest({ method: "GET", url: "https://h/" }, creds, { signedHeaders: ["nope"] }),
      signRequest({ method: "GET", url: "https://h/" }, { ...creds, accessKeyId: "" }),
      signRequest({ method: "GET", url: "https://h/" }, { ...creds, securityToken: `x\n${SECRET}` }),
      signRequest({ method: "GET", url: "https://h/" }, creds, { date: new Date(Number.NaN) }),
    ];
    for (const p of bad) {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      const e = err as Error;
      expect(`${e.message}\n${e.stack ?? ""}`).not.toContain(SECRET);
    }
  });

  it("a different secret gives a different signature", async () => {
    const req = { method: "GET", url: "https://h.example/x" };
    const a = await signRequest(req, creds, { date: DATE_2026 });
    const b = await signRequest(req, { ...creds, secretAccessKey: `${SECRET}x` }, { date: DATE_2026 });
    expect(authOf(a)).not.toBe(authOf(b));
    expect(authOf(a).replace(/Signature=.*/, "")).toBe(authOf(b).replace(/Signature=.*/, ""));
  });

  it("does not read the clock when a date is given (or the request carries X-Sdk-Date)", async () => {
    const RealDate = Date;
    let reads = 0;
    class SpyDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) reads++;
        super(...(args as []));
      }
      static override now(): number {
        reads++;
        return RealDate.now();
      }
    }
    const given = new RealDate("2026-01-01T00:00:00Z");
    vi.stubGlobal("Date", SpyDate);
    const nowSpy = vi.spyOn(SpyDate, "now");
    const req = { method: "GET", url: "https://h.example/x" };
    const h = await signRequest(req, creds, { date: given });
    await signRequest({ ...req, headers: { "X-Sdk-Date": "20260101T000000Z" } }, creds);
    expect(reads).toBe(0);
    expect(nowSpy).not.toHaveBeenCalled();
    expect(h["X-Sdk-Date"]).toBe("20260101T000000Z");
    // Control: without a date the clock is read.
    await signRequest(req, creds);
    expect(reads).toBeGreaterThan(0);
  });

  it("uses the (frozen) clock when no date is available", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2030-05-06T07:08:09.999Z"));
      const h = await signRequest({ method: "GET", url: "https://h.example/x" }, creds);
      expect(h["X-Sdk-Date"]).toBe("20300506T070809Z");
      // Seconds are truncated, never rounded: the next millisecond is the next second.
      vi.setSystemTime(new Date("2030-05-06T07:08:10.000Z"));
      expect((await signRequest({ method: "GET", url: "https://h.example/x" }, creds))["X-Sdk-Date"]).toBe("20300506T070810Z");
      vi.setSystemTime(new Date("2030-05-06T07:08:09.000Z")); // clocks can go back
      expect((await signRequest({ method: "GET", url: "https://h.example/x" }, creds))["X-Sdk-Date"]).toBe("20300506T070809Z");
      vi.setSystemTime(new Date("1969-12-31T23:59:59.500Z")); // negative epoch milliseconds floor to the right second
      expect((await signRequest({ method: "GET", url: "https://h.example/x" }, creds))["X-Sdk-Date"]).toBe("19691231T235959Z");
    } finally {
      vi.useRealTimers();
    }
  });
});
