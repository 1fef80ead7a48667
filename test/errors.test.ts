import { describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  collectIssues,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ValidationError,
} from "../src/errors.js";
import { errorFromResponse } from "../src/internal/error-answer.js";

const url = new URL("https://apig.cn-north-4.myhuaweicloud.com/v2/p/x?secret=1");
const answer = (status: number, body = "", headers: Record<string, string> = {}, statusText = "Text") =>
  errorFromResponse("GET", url, status, statusText, new Headers(headers), new TextEncoder().encode(body));

describe("errorFromResponse", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [599, InternalServerError],
  ])("%i gives %o, named after its class", (status, Class) => {
    const err = answer(status);
    expect(err).toBeInstanceOf(Class);
    expect(err.constructor).toBe(Class);
    expect(err.name).toBe(Class.name);
    expect(err.status).toBe(status);
  });

  it.each([402, 405, 408, 418, 499, 302])("%i gives a plain ApiError", (status) => {
    const err = answer(status);
    expect(err.constructor).toBe(ApiError);
    expect(err.name).toBe("ApiError");
  });

  it("a subclass of a status class keeps its family name unless it sets its own", () => {
    class Custom extends NotFoundError {}
    class Named extends NotFoundError {
      override name = "Named";
    }
    const init = { status: 404, code: undefined, message: "m", requestId: undefined, body: "", headers: {}, method: "GET", url: "u" };
    expect(new Custom(init).name).toBe("NotFoundError");
    expect(new Named(init).name).toBe("Named");
    expect(new ApiError(init).name).toBe("ApiError");
  });

  it("keeps the server's words as a non-enumerable message and every other field as its own property", () => {
    const err = answer(409, JSON.stringify({ error_code: "APIC.7701", error_msg: "busy" }), { "x-request-id": "r1", "x-auth-token": "secret" });
    expect(Object.getOwnPropertyDescriptor(err, "message")).toEqual({ value: "busy", writable: true, enumerable: false, configurable: true });
    expect(Object.keys(err)).toEqual(["name", "retryable", "retryAfterMs", "status", "code", "requestId", "body", "headers", "method", "url"]);
    expect(err.headers).toEqual({ "x-request-id": "r1", "x-auth-token": "[REDACTED]" });
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ name: "ConflictError", status: 409, code: "APIC.7701", method: "GET" });
  });

  it("describes a body without a message by status, status text and content type", () => {
    expect(answer(500, "", {}, "Internal Server Error").message).toBe("HTTP 500 Internal Server Error (empty body)");
    expect(answer(500, "  \n", {}, "").message).toBe("HTTP 500 (empty body)");
    expect(answer(502, "<html/>", { "content-type": "text/html; charset=utf-8" }, "Bad Gateway").message).toBe("HTTP 502 Bad Gateway (text/html body)");
    expect(answer(502, "<html/>", {}, "").message).toBe("HTTP 502 (no content type body)");
    expect(answer(400, '{"foo":1}', { "content-type": "application/json" }, "Bad Request").message).toBe("HTTP 400 Bad Request (application/json body)");
  });

  it("reads code, message and request id from every body shape, and formats them for logs", () => {
    const err = answer(404, JSON.stringify({ error_code: "APIC.7302", error_msg: "no such instance", request_id: "r-body" }));
    expect(err).toMatchObject({ code: "APIC.7302", message: "no such instance", requestId: "r-body", url: "https://apig.cn-north-4.myhuaweicloud.com/v2/p/x" });
    expect(String(err)).toBe("404 APIC.7302: no such instance (request id r-body)");
    expect(answer(429, JSON.stringify({ error_code: "APIGW.0308", error_message: "throttled" }), { "x-request-id": "r-h" })).toMatchObject({
      code: "APIGW.0308",
      message: "throttled",
      requestId: "r-h",
    });
    expect(answer(401, JSON.stringify({ error: { code: 401, message: "expired" } }))).toMatchObject({ code: undefined, message: "expired" });
    expect(answer(400, JSON.stringify({ error: { code: "IAM.01", message: "bad" } }))).toMatchObject({ code: "IAM.01", message: "bad" });
  });
});

describe("ValidationError and collectIssues: the first 100 issues, and how many in all", () => {
  const issue = (n: number) => ({ path: `items[${n}]`, keyword: "type", message: "must be a string" });
  const thrown = (f: () => void): ValidationError => {
    try {
      f();
    } catch (e) {
      if (e instanceof ValidationError) return e;
      throw e;
    }
    throw new Error("nothing thrown");
  };

  it("a short list is kept whole, its message unchanged, totalIssues its length", () => {
    const err = new ValidationError([issue(0), issue(1)], "ctx");
    expect(err.issues).toEqual([issue(0), issue(1)]);
    expect(err.totalIssues).toBe(2);
    expect(err.message).toBe("ctx: items[0] must be a string; items[1] must be a string");
    expect(new ValidationError([issue(0)]).message).toBe("items[0] must be a string");
  });

  it("the constructor keeps the first 100 and counts the rest in totalIssues and the message", () => {
    const err = new ValidationError(
      Array.from({ length: 150 }, (_, i) => issue(i)),
      "ctx",
    );
    expect(err.issues).toEqual(Array.from({ length: 100 }, (_, i) => issue(i)));
    expect(err.totalIssues).toBe(150);
    expect(err.message.endsWith("items[99] must be a string (and 50 more)")).toBe(true);
    expect(err.message).not.toContain("items[100]");
  });

  it("a totalIssues given counts problems not passed in; one below the list's length is raised to it", () => {
    expect(new ValidationError([issue(0)], "ctx", 7)).toMatchObject({ totalIssues: 7, message: "ctx: items[0] must be a string (and 6 more)" });
    expect(new ValidationError([issue(0), issue(1)], "ctx", 1).totalIssues).toBe(2);
  });

  it("collectIssues lists each path and message once, the first 100 in order, and counts distinct problems only", () => {
    const err = thrown(() => {
      const c = collectIssues("ctx", "p.");
      for (let i = 0; i < 250; i++) c.add(`items[${i % 125}]`, "type", "must be a string");
      c.issues.push({ path: "p.items[0]", keyword: "pattern", message: "must be a string" });
      c.done();
    });
    expect(err.issues).toEqual(Array.from({ length: 100 }, (_, i) => ({ ...issue(i), path: `p.items[${i}]` })));
    expect(err.totalIssues).toBe(125);
    expect(err.message.endsWith("p.items[99] must be a string (and 25 more)")).toBe(true);
  });

  it("collectIssues throws nothing when nothing was recorded", () => {
    expect(() => collectIssues("ctx").done()).not.toThrow();
  });
});
