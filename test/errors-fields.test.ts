import { describe, expect, it } from "vitest";
import {
  ApiError,
  bodyOf,
  CredentialsError,
  HuaweiCloudError,
  InvalidResponseError,
  NotFoundError,
  ProjectDiscoveryError,
  redactHeaders,
  ResponseTooLargeError,
} from "../src/errors.js";

const init = { status: 404, code: undefined, message: "gone", requestId: undefined, body: "", headers: {}, method: "GET", url: "https://x.test/v2/p/i" };

describe("error names: each class says what it is, in logs and across bundles", () => {
  it("a HuaweiCloudError is named HuaweiCloudError, also in its text", () => {
    const err = new HuaweiCloudError("something failed");
    expect(err.name).toBe("HuaweiCloudError");
    expect(String(err)).toBe("HuaweiCloudError: something failed");
  });

  it("ResponseTooLargeError, CredentialsError and ProjectDiscoveryError carry their own names", () => {
    expect(new ResponseTooLargeError("too big", 200, undefined, 1024)).toMatchObject({ name: "ResponseTooLargeError", status: 200, maxResponseBytes: 1024 });
    expect(new CredentialsError("no credentials").name).toBe("CredentialsError");
    expect(new ProjectDiscoveryError("no project", "cn-north-4", [])).toMatchObject({ name: "ProjectDiscoveryError", region: "cn-north-4", projectIds: [] });
  });
});

describe("CredentialsError message: every provider tried and why, in order", () => {
  it("joins the providers tried with '; ' after the message", () => {
    const tried = [
      { provider: "environment", reason: "HUAWEICLOUD_SDK_AK is not set" },
      { provider: "profile", reason: "no file" },
    ];
    const err = new CredentialsError("no credentials found", tried);
    expect(err.message).toBe("no credentials found: environment: HUAWEICLOUD_SDK_AK is not set; profile: no file");
    expect(err.tried).toEqual(tried);
  });

  it("is the bare message when nothing was tried", () => {
    expect(new CredentialsError("no credentials found").message).toBe("no credentials found");
  });
});

describe("ApiError text: status, code and request id only when there are some", () => {
  it("toString() is `status: message` when there is neither code nor request id", () => {
    const err = new NotFoundError(init);
    expect(err.toString()).toBe("404: gone");
    expect(err.message).toBe("gone");
  });

  it("toString() adds the code after the status and the request id at the end", () => {
    expect(String(new NotFoundError({ ...init, code: "APIC.7302" }))).toBe("404 APIC.7302: gone");
    expect(String(new NotFoundError({ ...init, requestId: "r1" }))).toBe("404: gone (request id r1)");
    expect(String(new ApiError({ ...init, status: 418, code: "X.1", requestId: "r2" }))).toBe("418 X.1: gone (request id r2)");
  });
});

describe("redactHeaders: credential headers are never kept", () => {
  const secretNames = ["authorization", "x-auth-token", "x-subject-token", "x-security-token", "cookie", "set-cookie"];

  it.each(secretNames)("replaces the value of %s, whatever its case, and keeps the other headers", (name) => {
    const upper = name.toUpperCase();
    expect(redactHeaders({ [upper]: "secret-value-1234", "X-Request-Id": "r1" })).toStrictEqual({ [name]: "[REDACTED]", "x-request-id": "r1" });
    expect(redactHeaders(new Headers({ [name]: "secret-value-1234", "content-type": "application/json" }))).toStrictEqual({
      [name]: "[REDACTED]",
      "content-type": "application/json",
    });
  });

  it("keeps headers merely named like a credential, and gives {} for no headers", () => {
    expect(redactHeaders({ "x-auth-token-hint": "h", "x-cookie-policy": "strict", "": "empty name" })).toStrictEqual({
      "x-auth-token-hint": "h",
      "x-cookie-policy": "strict",
      "": "empty name",
    });
    expect(redactHeaders(undefined)).toStrictEqual({});
  });
});

describe("bodyOf: a success answer must have a body", () => {
  it("hands back any body there is, falsy ones included", () => {
    const response = new Response(null, { status: 200 });
    const data = { instances: [] };
    expect(bodyOf(data, response)).toBe(data);
    expect(bodyOf(0, response)).toBe(0);
    expect(bodyOf("", response)).toBe("");
    expect(bodyOf(false, response)).toBe(false);
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
  ])("throws an InvalidResponseError naming the status and request id for a body of %s", (_, data) => {
    const response = new Response(null, { status: 202, headers: { "x-request-id": "req-7" } });
    let caught: unknown;
    try {
      bodyOf(data, response);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidResponseError);
    expect(caught).toMatchObject({
      name: "InvalidResponseError",
      message: "202 answer without the expected JSON body (request id req-7)",
      status: 202,
      requestId: "req-7",
    });
  });

  it("leaves the request id out when the answer had none", () => {
    const response = new Response(null, { status: 204 });
    expect(() => bodyOf(undefined, response)).toThrow(expect.objectContaining({ message: "204 answer without the expected JSON body", requestId: undefined }));
  });
});
