/** What errorFromResponse keeps of a body: the text (cut at 2048 characters), and which fields count as code and message. */
import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../../src/internal/error-answer.js";

const url = new URL("https://dds.cn-north-4.myhuaweicloud.com/v3/p/instances");
const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
  errorFromResponse("GET", url, status, "Status", new Headers(headers), new TextEncoder().encode(body));

describe("errorFromResponse: a body that is not JSON", () => {
  it("keeps a short text body exactly as it came", () => {
    expect(answer(502, "<html>Bad Gateway</html>").body).toBe("<html>Bad Gateway</html>");
  });

  it("keeps a text body of exactly 2048 characters whole, without an ellipsis", () => {
    const text = "x".repeat(2048);
    expect(answer(502, text).body).toBe(text);
  });

  it("cuts a longer text body to its first 2048 characters followed by an ellipsis", () => {
    const text = `${"a".repeat(2048)}${"b".repeat(1000)}`;
    expect(answer(502, text).body).toBe(`${"a".repeat(2048)}…`);
    expect(answer(502, `${"c".repeat(2049)}`).body).toBe(`${"c".repeat(2048)}…`);
  });

  it("keeps a long JSON body parsed and whole", () => {
    const body = { error_code: "DBS.01", error_msg: "m".repeat(3000) };
    expect(answer(400, JSON.stringify(body))).toMatchObject({ body, code: "DBS.01", message: "m".repeat(3000) });
  });
});

describe("errorFromResponse: a JSON body that is not an object", () => {
  it("gives a usable error for a JSON null body, described by status", () => {
    const err = answer(500, "null", { "content-type": "application/json" });
    expect(err).toMatchObject({ status: 500, code: undefined, requestId: undefined, body: null });
    expect(err.message).toBe("HTTP 500 Status (application/json body)");
  });

  it("keeps a JSON string or number body as its value, with no code or message read from it", () => {
    expect(answer(503, '"busy"')).toMatchObject({ body: "busy", code: undefined, message: "HTTP 503 Status (no content type body)" });
    expect(answer(503, "42")).toMatchObject({ body: 42, code: undefined, message: "HTTP 503 Status (no content type body)" });
  });
});

describe("errorFromResponse: which fields give code and message", () => {
  it("takes a numeric error_code as text", () => {
    expect(answer(400, JSON.stringify({ error_code: 7302, error_msg: "bad" })).code).toBe("7302");
  });

  it("takes numeric message fields as text", () => {
    expect(answer(400, JSON.stringify({ error_msg: 12 })).message).toBe("12");
    expect(answer(400, JSON.stringify({ error_message: 0 })).message).toBe("0");
    expect(answer(404, JSON.stringify({ request_id: 99 })).requestId).toBe("99");
  });

  it("never takes a numeric top-level code as the error code: it is the HTTP status again", () => {
    expect(answer(404, JSON.stringify({ code: 404, message: "not found" }))).toMatchObject({ code: undefined, message: "not found" });
    expect(answer(404, JSON.stringify({ code: "DBS.404", message: "not found" }))).toMatchObject({ code: "DBS.404" });
  });

  it("skips empty strings and falls back to the next field", () => {
    expect(answer(400, JSON.stringify({ error_code: "", code: "APIG.1", error_msg: "", error_message: "throttled" }))).toMatchObject({
      code: "APIG.1",
      message: "throttled",
    });
    expect(answer(400, JSON.stringify({ error_code: "", error_msg: "" }))).toMatchObject({
      code: undefined,
      message: "HTTP 400 Status (no content type body)",
    });
  });

  it("ignores fields that are neither strings nor numbers", () => {
    expect(answer(400, JSON.stringify({ error_code: true, error_msg: { text: "x" }, message: "plain" }))).toMatchObject({ code: undefined, message: "plain" });
  });
});
