import { describe, expect, it } from "vitest";
import { ApiError, type ApiErrorInit, HuaweiCloudError, scrubSecrets, TimeoutError } from "../src/errors.js";

/** A secret whose three forms differ: as sent, URL-encoded (`%22`, `%20`) and JSON-escaped (`\"`). */
const SECRET = 'Tok"en 12345';
const URL_FORM = "Tok%22en%2012345";
const JSON_FORM = 'Tok\\"en 12345';

const init = (over: Partial<ApiErrorInit> = {}): ApiErrorInit => ({
  status: 401,
  code: "APIC.7102",
  message: "rejected",
  requestId: "r1",
  body: "",
  headers: {},
  method: "GET",
  url: "https://apig.example.test/v2/p/instances",
  ...over,
});

/** `{ a: { a: … value } }`, `levels` objects deep. */
const nested = (levels: number, value: unknown): unknown => (levels === 0 ? value : { a: nested(levels - 1, value) });

describe("scrubSecrets: every form of a secret is removed from an error a server's text went into", () => {
  it("removes a secret as sent, URL-encoded and JSON-escaped from the message, the stack, the body and the headers", () => {
    const err = new ApiError(
      init({
        message: `token ${SECRET} refused`,
        body: { error_msg: `echo=${JSON_FORM};`, query: `t=${URL_FORM}` },
        headers: { "x-echo": URL_FORM, "x-request-id": "r1" },
      }),
    );
    err.stack = `ApiError: 401 APIC.7102: token ${SECRET} refused\n    at somewhere`;
    expect(scrubSecrets(err, [SECRET])).toBe(err);
    expect(err.message).toBe("token [REDACTED] refused");
    expect(err.stack).toBe("ApiError: 401 APIC.7102: token [REDACTED] refused\n    at somewhere");
    expect(err.body).toStrictEqual({ error_msg: "echo=[REDACTED];", query: "t=[REDACTED]" });
    expect(err.headers).toStrictEqual({ "x-echo": "[REDACTED]", "x-request-id": "r1" });
  });

  it("scrubs the stack V8 wrote at construction, which repeats the secret the message had", () => {
    const err = new TimeoutError(`attempt with ${SECRET} took too long`);
    expect(err.stack).toContain(SECRET);
    scrubSecrets(err, [SECRET]);
    expect(err.stack).not.toContain(SECRET);
    expect(err.stack).toContain("attempt with [REDACTED] took too long");
  });

  it("scrubs a secret of exactly 8 characters and leaves shorter ones, which would blank ordinary words", () => {
    const err = new HuaweiCloudError("short7c beside exactly8 and the word passwd");
    scrubSecrets(err, ["short7c", "exactly8", "passwd"]);
    expect(err.message).toBe("short7c beside [REDACTED] and the word passwd");
  });

  it("changes nothing when every secret is shorter than 8 characters: body and headers stay the very objects given", () => {
    const body = { error_msg: "bad pw1234" };
    const headers = { "x-echo": "pw1234" };
    const err = new ApiError(init({ message: "bad pw1234", body, headers }));
    scrubSecrets(err, ["pw1234"]);
    expect(err.body).toBe(body);
    expect(err.headers).toBe(headers);
    expect(err.message).toBe("bad pw1234");
  });

  it("with no secrets at all, leaves an ApiError's body and headers as the very objects given", () => {
    const body = { detail: ["a"] };
    const headers = { "x-request-id": "r1" };
    const err = new ApiError(init({ body, headers }));
    scrubSecrets(err, new Set<string>());
    expect(err.body).toBe(body);
    expect(err.headers).toBe(headers);
  });

  it("leaves anything that is not a HuaweiCloudError alone: a plain Error keeps its message and stack, a string comes back as is", () => {
    const plain = new Error(`fetch failed for ${SECRET}`);
    const stack = plain.stack;
    expect(scrubSecrets(plain, [SECRET])).toBe(plain);
    expect(plain.message).toBe(`fetch failed for ${SECRET}`);
    expect(plain.stack).toBe(stack);
    expect(scrubSecrets(`text with ${SECRET}`, [SECRET])).toBe(`text with ${SECRET}`);
    expect(scrubSecrets(undefined, [SECRET])).toBeUndefined();
  });

  it("keeps the body's shape: nulls, undefined, numbers, booleans, arrays and keys stay, only strings change", () => {
    const body = {
      error_code: 401,
      ok: false,
      none: null,
      missing: undefined,
      error_msg: `bad ${SECRET}`,
      list: [`one ${SECRET}`, 2, null, true, [`deeper ${SECRET}`]],
      detail: { seen: SECRET, count: 0 },
    };
    const err = new ApiError(init({ body }));
    scrubSecrets(err, [SECRET]);
    expect(err.body).toStrictEqual({
      error_code: 401,
      ok: false,
      none: null,
      missing: undefined,
      error_msg: "bad [REDACTED]",
      list: ["one [REDACTED]", 2, null, true, ["deeper [REDACTED]"]],
      detail: { seen: "[REDACTED]", count: 0 },
    });
  });

  it("a body that is a string or null is scrubbed or kept as it is", () => {
    const text = new ApiError(init({ body: `<html>${SECRET}</html>` }));
    scrubSecrets(text, [SECRET]);
    expect(text.body).toBe("<html>[REDACTED]</html>");
    const none = new ApiError(init({ body: null }));
    scrubSecrets(none, [SECRET]);
    expect(none.body).toBeNull();
  });

  it("scrubs a string nested 21 objects deep in the body", () => {
    const err = new ApiError(init({ body: nested(21, `at the bottom ${SECRET}`) }));
    scrubSecrets(err, [SECRET]);
    expect(err.body).toStrictEqual(nested(21, "at the bottom [REDACTED]"));
  });

  it("terminates on a body that contains itself, through an object or an array, and still scrubs its top", () => {
    const cyclic: Record<string, unknown> = { error_msg: `bad ${SECRET}` };
    cyclic.self = cyclic;
    const viaObject = new ApiError(init({ body: cyclic }));
    expect(() => scrubSecrets(viaObject, [SECRET])).not.toThrow();
    expect((viaObject.body as Record<string, unknown>).error_msg).toBe("bad [REDACTED]");

    const list: unknown[] = [`bad ${SECRET}`];
    list.push(list);
    const viaArray = new ApiError(init({ body: list }));
    expect(() => scrubSecrets(viaArray, [SECRET])).not.toThrow();
    expect((viaArray.body as unknown[])[0]).toBe("bad [REDACTED]");
  });

  it("the scrubbed message keeps the descriptor Error gave it: writable, configurable, not enumerable", () => {
    const err = new ApiError(init({ message: `bad ${SECRET}` }));
    scrubSecrets(err, [SECRET]);
    expect(Object.getOwnPropertyDescriptor(err, "message")).toEqual({ value: "bad [REDACTED]", writable: true, enumerable: false, configurable: true });
    expect(Object.keys(err)).not.toContain("message");
    err.message = "replaced";
    expect(err.message).toBe("replaced");
  });

  it("an error without a stack is scrubbed all the same and gets none", () => {
    const err = new TimeoutError(`slow ${SECRET}`);
    Object.defineProperty(err, "stack", { value: undefined, writable: true, configurable: true });
    expect(() => scrubSecrets(err, [SECRET])).not.toThrow();
    expect(err.message).toBe("slow [REDACTED]");
    expect(err.stack).toBeUndefined();
  });

  it("an error that is not an API answer gets no body or headers fields", () => {
    const err = new TimeoutError(`slow ${SECRET}`);
    const keys = Object.keys(err);
    scrubSecrets(err, [SECRET]);
    expect(Object.keys(err)).toEqual(keys);
    expect("body" in err).toBe(false);
    expect("headers" in err).toBe(false);
  });
});
