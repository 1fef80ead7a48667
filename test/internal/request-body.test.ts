/**
 * Request bodies through `client.raw`: every attempt sends, and signs, exactly the bytes of the request that reached
 * the transport, whatever middleware did to it; and openapi-fetch's other ways of reading an answer (`parseAs`)
 * still work on the answers the transport hands back.
 */
import { describe, expect, it } from "vitest";
import type { AuthStrategy } from "../../src/options.js";
import { akskAuth } from "../../src/auth/aksk.js";
import { createApigClient } from "../../src/services/apig.js";
import { json, scriptedServers, type ScriptedServer } from "../helpers/scripted-server.js";

const serve = scriptedServers();
let server: ScriptedServer;

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const INSTANCE = "eddc4d25480b4cd6b512f270a1b8b341";
const ROUTE = "/v2/{project_id}/apigw/instances/{instance_id}/ingress-register";
const path = { project_id: PROJECT, instance_id: INSTANCE };
// Non-ASCII text in a field the spec allows (elb_id counts 32–36 code points), so the bytes are not one per character.
const body = { elbs: [{ elb_id: "0b3e4a5d-1f2c-4d7e-9a8b-é 日本 \u{1F600}12", public_ips: [{ type: "v4" as const, ip: "192.0.2.10" }] }] };
const accepted = { instance_id: INSTANCE, message: "ok", job_id: "JOB-1" };

/** An auth strategy that records the bytes it was asked to sign on every attempt. */
function recordingAuth() {
  const signed: string[] = [];
  const auth: AuthStrategy = {
    kind: "test",
    async authenticate(r) {
      signed.push(r.body === undefined ? "<none>" : Buffer.from(r.body).toString("hex"));
    },
  };
  return { auth, signed };
}
const hex = (s: string) => Buffer.from(s, "utf8").toString("hex");

describe("request bodies", () => {
  it("a JSON body is sent and signed as the exact UTF-8 bytes, on every attempt", async () => {
    server = await serve(json(503, {}), json(202, accepted));
    const { auth, signed } = recordingAuth();
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth, logLevel: "off" });
    const { data } = await apig.raw.PUT(ROUTE, { params: { path }, body: body as never });
    expect(data).toEqual(accepted);
    const text = JSON.stringify(body);
    expect(signed).toEqual([hex(text), hex(text)]);
    expect(server.requests.map((r) => r.body)).toEqual([text, text]);
  });

  it("AK/SK signs the bytes on the wire", async () => {
    server = await serve(json(202, accepted));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: akskAuth({ accessKeyId: "AK", secretAccessKey: "SK" }) });
    await apig.raw.PUT(ROUTE, { params: { path }, body: body as never });
    expect(server.requests[0]?.body).toBe(JSON.stringify(body));
    expect(server.requests[0]?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 /);
  });

  it("middleware that reads a clone of the request leaves the body to send", async () => {
    server = await serve(json(202, accepted));
    const { auth, signed } = recordingAuth();
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth });
    let logged = "";
    apig.raw.use({
      async onRequest({ request }) {
        logged = await request.clone().text();
        return undefined;
      },
    });
    await apig.raw.PUT(ROUTE, { params: { path }, body: body as never });
    expect(logged).toBe(JSON.stringify(body));
    expect(server.requests[0]?.body).toBe(JSON.stringify(body));
    expect(signed).toEqual([hex(JSON.stringify(body))]);
  });

  it("middleware that replaces the request: its body is the one sent and signed", async () => {
    server = await serve(json(202, accepted));
    const { auth, signed } = recordingAuth();
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth });
    const replaced = JSON.stringify({ elbs: [{ elb_id: "ffffffff-1f2c-4d7e-9a8b-1234567890ab" }] });
    apig.raw.use({
      onRequest({ request }) {
        return new Request(request, { body: replaced });
      },
    });
    await apig.raw.PUT(ROUTE, { params: { path }, body: body as never });
    expect(server.requests[0]?.body).toBe(replaced);
    expect(signed).toEqual([hex(replaced)]);
  });

  it("middleware that used up the body makes the call fail, as reading a used body does", async () => {
    server = await serve(json(202, accepted));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: recordingAuth().auth });
    apig.raw.use({
      async onRequest({ request }) {
        await request.text();
        return undefined;
      },
    });
    await expect(apig.raw.PUT(ROUTE, { params: { path }, body: body as never })).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });

  it("middleware that holds a reader on the body makes the call fail too", async () => {
    server = await serve(json(202, accepted));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: recordingAuth().auth });
    apig.raw.use({
      onRequest({ request }) {
        request.body?.getReader();
        return undefined;
      },
    });
    await expect(apig.raw.PUT(ROUTE, { params: { path }, body: body as never })).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });

  it("a body serializer that returns bytes: those bytes are sent and signed", async () => {
    server = await serve(json(202, accepted));
    const { auth, signed } = recordingAuth();
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth });
    // Valid JSON for the operation, but not JSON.stringify's bytes: a BOM, spaces, a newline and a raw é.
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(' { "elbs": [ { "elb_id": "ffffffff-1f2c-4d7e-9a8b-12345678éé" } ] }\n', "utf8")]);
    await apig.raw.PUT(ROUTE, { params: { path }, body: body as never, bodySerializer: () => bytes as unknown as string });
    expect(signed).toEqual([Buffer.from(bytes).toString("hex")]);
    expect(Buffer.from(server.requests[0]?.body ?? "", "utf8")).toEqual(Buffer.from(bytes));
  });

  it("a request without a body signs none", async () => {
    server = await serve(json(200, { id: INSTANCE, status: "Running" }));
    const { auth, signed } = recordingAuth();
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth });
    await apig.getInstance(INSTANCE);
    expect(signed).toEqual(["<none>"]);
    expect(server.requests[0]?.body).toBe("");
  });
});

describe("openapi-fetch's parseAs on success answers", () => {
  const details = { id: INSTANCE, instance_name: "gw", status: "Running", instance_status: 6 };
  const text = JSON.stringify(details);
  const get = async (parseAs: "json" | "text" | "blob" | "arrayBuffer" | "stream") => {
    server = await serve(json(200, details));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: recordingAuth().auth });
    return apig.raw.GET("/v2/{project_id}/apigw/instances/{instance_id}", { params: { path }, parseAs });
  };

  it("json", async () => {
    const { data, response } = await get("json");
    expect(data).toEqual(details);
    expect(response.bodyUsed).toBe(true);
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it("text", async () => {
    expect((await get("text")).data).toBe(text);
  });

  it("blob", async () => {
    expect(await ((await get("blob")).data as Blob).text()).toBe(text);
  });

  it("arrayBuffer", async () => {
    expect(new TextDecoder().decode((await get("arrayBuffer")).data as ArrayBuffer)).toBe(text);
  });

  it("stream", async () => {
    const { data, response } = await get("stream");
    expect(await new Response(data as ReadableStream).text()).toBe(text);
    expect(response.bodyUsed).toBe(true);
  });
});
