/**
 * The success answer the transport hands openapi-fetch (and callers of `client.raw`): an ordinary `Response` over
 * the bytes read inside the attempt's timeout, with status, status text and headers of the wire answer, except
 * that the headers describe those bytes (no `content-encoding`, the real `content-length`).
 */
import { describe, expect, it } from "vitest";
import { levelFilteredLogger } from "../../src/options.js";
import { createTransport } from "../../src/internal/transport.js";

const enc = new TextEncoder();

interface Answer {
  status?: number;
  statusText?: string;
  headers?: Record<string, string>;
  body: Uint8Array;
}

/** The transport's answer to a GET that `answer` serves. */
async function viaTransport(a: Answer): Promise<Response> {
  const fetchImpl = (async () =>
    new Response(a.body.byteLength ? (a.body as Uint8Array<ArrayBuffer>) : null, {
      status: a.status ?? 200,
      statusText: a.statusText ?? "OK",
      headers: a.headers ?? {},
    })) as typeof fetch;
  const transport = createTransport({
    fetch: fetchImpl,
    auth: undefined,
    projectId: undefined,
    maxRetries: 0,
    timeoutMs: 5_000,
    logger: levelFilteredLogger(undefined, "off"),
    userAgent: "hwc-gateways/test",
    operations: [],
  });
  return transport("http://127.0.0.1:9/x", { method: "GET" });
}

const instance = { id: "6a7d71827fd54572b1f31aa9548fcc81", instance_name: "apig-nlb-prod", tags: ["é", "日本"] };

describe("success answers", () => {
  it("are plain Response objects that read like the wire answer, more than once through clone()", async () => {
    const bytes = enc.encode(JSON.stringify(instance));
    const res = await viaTransport({ status: 202, statusText: "Accepted", headers: { "content-type": "application/json", "x-request-id": "r1" }, body: bytes });
    expect(Object.getPrototypeOf(res)).toBe(Response.prototype);
    expect({ status: res.status, statusText: res.statusText, ok: res.ok }).toEqual({ status: 202, statusText: "Accepted", ok: true });
    expect(res.headers.get("x-request-id")).toBe("r1");
    const copy = res.clone();
    expect(await res.json()).toEqual(instance);
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
    expect(new Uint8Array(await copy.arrayBuffer())).toEqual(bytes);
  });

  it("have headers that describe the bytes: the encoding is gone, the length is theirs", async () => {
    const bytes = enc.encode('{"job_id":"JOB-1"}');
    const res = await viaTransport({
      headers: { "content-type": "application/json;charset=UTF-8", "content-encoding": "gzip", "content-length": "999" },
      body: bytes,
    });
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("content-length")).toBe(String(bytes.byteLength));
    expect(res.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    // A plain Response's headers can be changed by middleware, as openapi-fetch allows.
    res.headers.set("x-added", "1");
    expect(await res.json()).toEqual({ job_id: "JOB-1" });
  });

  it("keep non-JSON and odd bodies byte for byte: a BOM, invalid UTF-8, text", async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('{"a":1}')]);
    expect(await (await viaTransport({ headers: { "content-type": "application/json" }, body: bom })).json()).toEqual({ a: 1 });
    const invalid = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect(new Uint8Array(await (await viaTransport({ headers: { "content-type": "text/plain" }, body: invalid })).arrayBuffer())).toEqual(invalid);
    expect(await (await viaTransport({ body: enc.encode("plain words") })).text()).toBe("plain words");
  });

  it("an empty 2xx body and a 204 are null-body answers", async () => {
    for (const a of [
      { body: new Uint8Array(0), headers: { "content-type": "application/json" } },
      { status: 204, statusText: "No Content", body: new Uint8Array(0) },
    ]) {
      const res = await viaTransport(a);
      expect(res.body).toBeNull();
      expect(res.headers.get("content-length")).toBe("0");
      expect(await res.text()).toBe("");
    }
  });
});
