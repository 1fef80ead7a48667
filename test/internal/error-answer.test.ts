import { describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "../../src/errors.js";
import { errorFromResponse } from "../../src/internal/error-answer.js";

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
