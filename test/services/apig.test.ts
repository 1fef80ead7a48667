import { isIPv6 } from "node:net";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { akskAuth } from "../../src/auth/aksk.js";
import { tokenAuth } from "../../src/auth/token.js";
import { canonicalIp, createApigClient } from "../../src/services/apig.js";
import { ConflictError, NotFoundError, ValidationError } from "../../src/errors.js";
import { json, scriptedServers, type ScriptedServer } from "../helpers/scripted-server.js";

const serve = scriptedServers();
let server: ScriptedServer;

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const INSTANCE = "eddc4d25480b4cd6b512f270a1b8b341";
const ELB = "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab";
const accepted = { instance_id: INSTANCE, message: "JOB_ASSIGNED_FOR_UPDATE_0077I", job_id: "JOB-a7c1241c33334490a3fdcd11102bcbda" };
const body = { elbs: [{ elb_id: ELB, public_ips: [{ type: "v4" as const, ip: "192.0.2.10" }] }] };

describe("APIG client", () => {
  it("deregisters with an AK/SK signature and X-Project-Id, and returns the typed 202 body", async () => {
    server = await serve(json(202, accepted));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: akskAuth({ accessKeyId: "AK", secretAccessKey: "SK" }) });
    const job = await apig.deregisterIngressIps(INSTANCE, body);
    // the 202 body as it is, nothing added: wait/waitState are non-enumerable
    expect({ ...job }).toStrictEqual({ ...accepted });
    expect(JSON.parse(JSON.stringify(job))).toStrictEqual(accepted);
    expect(inspect(job)).toBe(inspect({ ...accepted }));
    expect(typeof job.wait).toBe("function");
    expect(job.waitState()).toMatchObject({ service: "apig", operation: "deregisterIngressIps", instanceId: INSTANCE, jobId: accepted.job_id });
    const [req] = server.requests;
    expect(req?.method).toBe("PUT");
    expect(req?.url).toBe(`/v2/${PROJECT}/apigw/instances/${INSTANCE}/ingress-unregister`);
    expect(JSON.parse(req?.body ?? "")).toEqual(body);
    expect(req?.headers["x-project-id"]).toBe(PROJECT);
    expect(req?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=AK, SignedHeaders=[^,]*x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(req?.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(req?.headers["user-agent"]).toMatch(/^hwc-gateways\//);
  });

  it("registers with a token", async () => {
    server = await serve(json(202, accepted));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok") });
    await apig.registerIngressIps(INSTANCE, body);
    expect(server.requests[0]?.url).toMatch(/ingress-register$/);
    expect(server.requests[0]?.headers["x-auth-token"]).toBe("tok");
  });

  it("reads gateway details and maps 404 to NotFoundError with code and request id", async () => {
    server = await serve(
      json(200, { id: INSTANCE, instance_name: "gw", status: "Running", instance_status: 6 }),
      json(404, { error_code: "APIC.7302", error_msg: "Instance not found" }),
    );
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok") });
    expect((await apig.getInstance(INSTANCE)).status).toBe("Running");
    const err = await apig.getInstance(INSTANCE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ status: 404, code: "APIC.7302", message: "Instance not found", requestId: "req-404" });
  });

  it("rejects bad input before any I/O, naming every field", async () => {
    server = await serve(json(202, accepted));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok") });
    const bad = {
      elbs: [
        {
          elb_id: "short",
          public_ips: [
            { type: "v4", ip: "2001:db8::1" },
            { type: "v6", ip: "192.0.2.1" },
            { type: "v4", ip: "192.0.2.2" },
          ],
        },
      ],
    };
    const err = (await apig.deregisterIngressIps(INSTANCE, bad as never).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    const lines = err.issues.map((i) => `${i.path} ${i.message}`);
    expect(lines).toContain("elbs[0].elb_id must have 32–36 characters");
    expect(lines).toContain("elbs[0].public_ips must have 0–2 items");
    expect(lines).toContain("elbs[0].public_ips[0].ip must be an IPv4 address");
    expect(lines).toContain("elbs[0].public_ips[1].ip must be an IPv6 address");
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["..", "dot segment"],
    [".", "dot segment"],
    ["", "must not be empty"],
    ["a/b", "must not contain"],
    ["a?b", "must not contain"],
    ["a#b", "must not contain"],
  ])("refuses instance id %j before any I/O", async (id, message) => {
    server = await serve(json(200, {}));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok") });
    const err = (await apig.getInstance(id).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues[0]?.path).toBe("instance_id");
    expect(err.message).toContain(message);
    // raw calls get the same protection through the path serializer
    await expect(
      apig.raw.GET("/v2/{project_id}/apigw/instances/{instance_id}", { params: { path: { project_id: PROJECT, instance_id: id } } }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("percent-encodes unusual but legal ids", async () => {
    server = await serve(json(200, { id: "x", instance_name: "gw", status: "Running" }));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok") });
    await apig.getInstance("a b:é");
    expect(server.requests[0]?.url).toBe(`/v2/${PROJECT}/apigw/instances/a%20b%3A%C3%A9`);
  });
});

describe("client options", () => {
  it.each([
    [{}, ["projectId", "region"]],
    [{ projectId: "p", region: "Nowhere" }, ["region"]],
    [{ projectId: "p", endpoint: "http://apig.example.org" }, ["endpoint"]],
    [{ projectId: "p", region: "cn-north-4", maxRetries: -1, timeoutMs: 0 }, ["maxRetries", "timeoutMs"]],
    [{ projectId: "p/..", region: "cn-north-4" }, ["projectId"]],
    [{ projectId: 42, region: "cn-north-4" }, ["projectId"]],
  ])("%j is refused naming %j", (options, fields) => {
    const err = (() => {
      try {
        createApigClient(options as never);
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error("accepted");
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues.map((i) => i.path)).toEqual(fields);
  });

  it("surfaces 409 APIC.7712 (a billing order locked the gateway) at once as a ConflictError saying so: no retry", async () => {
    server = await serve(json(409, { error_code: "APIC.7712", error_msg: "The gateway operation has already been locked." }), json(202, accepted));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok"), maxRetries: 2, logLevel: "off" });
    const err = await apig.deregisterIngressIps(INSTANCE, body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ status: 409, code: "APIC.7712" });
    expect((err as Error).message).toMatch(/locked/);
    expect(server.requests).toHaveLength(1);
  });

  it("retries 409 APIC.7701 (another change is running) and succeeds once the gateway is free", async () => {
    server = await serve(json(409, { error_code: "APIC.7701", error_msg: "Instance status conflict." }), json(202, accepted));
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok"), maxRetries: 2, logLevel: "off" });
    expect((await apig.deregisterIngressIps(INSTANCE, body)).job_id).toBe(accepted.job_id);
    expect(server.requests).toHaveLength(2);
  });

  it("derives regional endpoints, including the .eu Dublin region", async () => {
    const seen: string[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      seen.push(String(input));
      return new Response(JSON.stringify({ id: "x", instance_name: "n", status: "Running" }), { status: 200, headers: { "content-type": "application/json" } });
    };
    await createApigClient({ projectId: "p", region: "cn-north-4", fetch, auth: tokenAuth("tok") }).getInstance("i");
    await createApigClient({ projectId: "p", region: "eu-west-101", fetch, auth: tokenAuth("tok") }).getInstance("i");
    expect(seen).toEqual([
      "https://apig.cn-north-4.myhuaweicloud.com/v2/p/apigw/instances/i",
      "https://apig.eu-west-101.myhuaweicloud.eu/v2/p/apigw/instances/i",
    ]);
  });

  it("allows plain http to non-loopback hosts only when asked", () => {
    expect(() => createApigClient({ projectId: "p", endpoint: "http://10.0.0.1:8080", allowInsecureHttp: true })).not.toThrow();
    expect(() => createApigClient({ projectId: "p", endpoint: "http://localhost:8080" })).not.toThrow();
  });
});

describe("validation paths", () => {
  it("names the body itself when the body is not an object", async () => {
    const apig = createApigClient({
      projectId: PROJECT,
      region: "cn-north-4",
      auth: tokenAuth("tok"),
      fetch: () => Promise.reject(new Error("no I/O expected")),
    });
    const err = (await apig.deregisterIngressIps(INSTANCE, "nope" as never).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues).toContainEqual({ path: "body", keyword: "type", message: "must be an object" });
    const missing = (await apig.deregisterIngressIps(INSTANCE, {} as never).catch((e: unknown) => e)) as ValidationError;
    expect(missing.issues).toEqual([{ path: "elbs", keyword: "required", message: "is required" }]);
  });
});

describe("canonicalIp (shared with the emulator)", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    [" 192.0.2.1\t", "192.0.2.1"],
    ["010.0.0.1", "010.0.0.1"], // leading zeros are not dropped: neither side accepts them as IPv4
    ["2001:db8::10", "2001:db8::10"],
    ["2001:0db8:0:0:0:0:0:0010", "2001:db8::10"],
    ["2001:DB8::10", "2001:db8::10"],
    [" 2001:db8::10 ", "2001:db8::10"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"],
    ["::FFFF:192.0.2.1", "::ffff:c000:201"], // IPv4-mapped stays IPv6, distinct from 192.0.2.1
    ["0:0:0:0:0:ffff:c000:0201", "::ffff:c000:201"],
    ["not:an:ip", "not:an:ip"],
    ["2001:DB8::G", "2001:db8::g"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(canonicalIp(input)).toBe(expected);
  });

  it("property: two IPv6 literals have the same canonical text iff they are the same 128-bit address", () => {
    const groups = (ip: string): string => {
      const [head = "", tail] = ip.split("::");
      const part = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
      const h = part(head);
      const t = tail === undefined ? [] : part(tail);
      return [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t].join(":");
    };
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const literal = (words: number[]): string => {
      const text = words.map((w) => (rnd(2) ? w.toString(16).padStart(4, "0") : w.toString(16))).map((g) => (rnd(2) ? g.toUpperCase() : g));
      const zero = text.findIndex((_, i) => words[i] === 0);
      if (zero < 0 || rnd(2)) return text.join(":");
      let end = zero;
      while (end < 8 && words[end] === 0) end++;
      return `${text.slice(0, zero).join(":")}::${text.slice(end).join(":")}`;
    };
    for (let n = 0; n < 2000; n++) {
      const a = Array.from({ length: 8 }, () => (rnd(3) ? 0 : rnd(4) === 0 ? 1 : rnd(65536)));
      const b = rnd(2) ? [...a] : a.map((w) => (rnd(8) ? w : w ^ 1));
      const la = literal(a);
      const lb = literal(b);
      expect(isIPv6(la) && isIPv6(lb)).toBe(true);
      expect(canonicalIp(la) === canonicalIp(lb)).toBe(groups(la) === groups(lb));
    }
  });
});
