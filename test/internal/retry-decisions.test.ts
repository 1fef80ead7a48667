/** Which error answers the transport tries again, and how it reads `Retry-After` (seconds or an HTTP date). */
import { describe, expect, it } from "vitest";
import { isRetryableAnswer, parseRetryAfterMs } from "../../src/internal/retry.js";

const safe = { safeToRepeat: true, busyErrorCodes: ["APIC.7701"] };
const unsafe = { safeToRepeat: false, busyErrorCodes: ["DBS.201015"] };

describe("isRetryableAnswer", () => {
  it("retries throttling whatever the operation", () => {
    expect([isRetryableAnswer(429, undefined, safe), isRetryableAnswer(429, undefined, unsafe)]).toEqual([true, true]);
  });

  it("retries an operation's busy code even when it is not safe to repeat, and no other code", () => {
    expect(isRetryableAnswer(400, "DBS.201015", unsafe)).toBe(true);
    expect(isRetryableAnswer(400, "DBS.000001", unsafe)).toBe(false);
    expect(isRetryableAnswer(400, undefined, unsafe)).toBe(false);
    expect(isRetryableAnswer(500, undefined, unsafe)).toBe(false);
  });

  it("retries 408 and every 5xx only when the operation is safe to repeat", () => {
    expect([408, 500, 502, 503, 599].map((s) => isRetryableAnswer(s, undefined, safe))).toEqual([true, true, true, true, true]);
    expect([408, 500, 503].map((s) => isRetryableAnswer(s, undefined, unsafe))).toEqual([false, false, false]);
  });

  it("does not retry other client errors of a safe operation", () => {
    expect([400, 401, 403, 404, 409, 499].map((s) => isRetryableAnswer(s, "APIC.0001", safe))).toEqual([false, false, false, false, false, false]);
  });
});

const retryAfterHeader = (value: string) => new Headers({ "retry-after": value });
const NOW = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");

describe("parseRetryAfterMs", () => {
  it("is undefined without the header", () => {
    expect(parseRetryAfterMs(new Headers(), NOW)).toBeUndefined();
  });

  it("reads whole and fractional seconds as rounded ms", () => {
    expect(parseRetryAfterMs(retryAfterHeader("5"), NOW)).toBe(5000);
    expect(parseRetryAfterMs(retryAfterHeader("0"), NOW)).toBe(0);
    expect(parseRetryAfterMs(retryAfterHeader("1.2345"), NOW)).toBe(1235);
  });

  it("reads seconds padded with whitespace that Headers keeps (vertical tab, no-break space)", () => {
    expect(parseRetryAfterMs(retryAfterHeader("\v5"), NOW)).toBe(5000);
    expect(parseRetryAfterMs(retryAfterHeader("7\u00a0"), NOW)).toBe(7000);
  });

  it("refuses seconds with text before or after them", () => {
    expect(parseRetryAfterMs(retryAfterHeader("x5"), NOW)).toBeUndefined();
    expect(parseRetryAfterMs(retryAfterHeader("5 seconds"), NOW)).toBeUndefined();
    expect(parseRetryAfterMs(retryAfterHeader("5s"), NOW)).toBeUndefined();
  });

  it("reads an HTTP date as the ms from now until it", () => {
    expect(parseRetryAfterMs(retryAfterHeader("Wed, 21 Oct 2026 07:28:30 GMT"), NOW)).toBe(30_000);
    expect(parseRetryAfterMs(retryAfterHeader("Wed, 21 Oct 2026 07:28:00 GMT"), NOW)).toBe(0);
  });

  it("reads an HTTP date already past as 0, never negative", () => {
    expect(parseRetryAfterMs(retryAfterHeader("Wed, 21 Oct 2026 07:27:00 GMT"), NOW)).toBe(0);
  });

  it("is undefined for a value that is neither seconds nor a date", () => {
    expect(parseRetryAfterMs(retryAfterHeader("soon"), NOW)).toBeUndefined();
    expect(parseRetryAfterMs(retryAfterHeader(""), NOW)).toBeUndefined();
  });

  it("is undefined for signed or comma numbers and ISO dates, which are not HTTP dates (Node's Date.parse reads -5 as 2001)", () => {
    for (const value of ["-5", "+5", "1,5", "2026-10-21T07:28:30Z", "W 21 Oct 2026 07:28:30 GMT"]) {
      expect(parseRetryAfterMs(retryAfterHeader(value), NOW), value).toBeUndefined();
    }
  });

  it("reads the obsolete RFC 850 date form too", () => {
    expect(parseRetryAfterMs(retryAfterHeader("Wednesday, 21-Oct-26 07:28:30 GMT"), NOW)).toBe(30_000);
  });

  it("measures from the current time by default", () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const ms = parseRetryAfterMs(retryAfterHeader(inAMinute));
    expect(ms).toBeGreaterThan(58_000);
    expect(ms).toBeLessThanOrEqual(60_000);
  });
});
