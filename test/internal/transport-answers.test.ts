/**
 * What the transport makes of an answer, seen from a stub `fetch`: the credentials a call sent are scrubbed from
 * the errors it raises (and nothing else is), errors carry the answer's request id, odd statuses keep their
 * meaning, and the success `Response` handed on can be adapted by middleware.
 */
import { describe, expect, it } from "vitest";
import { akskAuth } from "../../src/auth/aksk.js";
import { ApiError, InvalidResponseError, ResponseTooLargeError } from "../../src/errors.js";
import type { AuthStrategy } from "../../src/options.js";
import { readCapped } from "../../src/internal/transport.js";
import { testTransport } from "../helpers/test-transport.js";

const URL_X = "http://127.0.0.1:9/x";

/** A fetch answering every attempt with `make(init)`. */
function answering(make: (init: RequestInit) => Response) {
  const calls: RequestInit[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    calls.push(init);
    return make(init);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

/** An error answer whose message echoes `echo`, as some gateways do with what they were sent. */
const echoing = (status: number, echo: string) => Response.json({ error_code: "APIGW.0301", error_msg: echo }, { status });

/** A Response that reports `claimed` as its status over a body it still has, as a nonconforming fetch might hand over. */
function claimingStatus(claimed: number): Response {
  const res = new Response("stray bytes", { headers: { "content-type": "text/plain" } });
  return Object.defineProperty(res, "status", { value: claimed });
}

describe("secrets a call sent are scrubbed from the error it raises", () => {
  it("every credential header's value: Authorization, X-Auth-Token and X-Security-Token", async () => {
    const values = ["Bearer aaaa-1111-bbbb", "MIIEtoken-2222-cccc", "sts-token-3333-dddd"];
    const auth: AuthStrategy = {
      kind: "test",
      async authenticate(r) {
        r.headers.set("Authorization", values[0] as string);
        r.headers.set("X-Auth-Token", values[1] as string);
        r.headers.set("X-Security-Token", values[2] as string);
      },
    };
    const { fetch } = answering(() => echoing(401, `rejected ${values.join(" / ")} for user u1`));
    const err = await testTransport({ fetch, auth, maxRetries: 0 })(URL_X, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe("rejected [REDACTED] / [REDACTED] / [REDACTED] for user u1");
    expect(JSON.stringify((err as ApiError).body)).not.toMatch(/aaaa-1111|2222-cccc|3333-dddd/);
  });

  it("the AK/SK signature alone, when the server echoes only it", async () => {
    const { fetch } = answering((init) => {
      const signature = /Signature=([0-9a-f]+)/.exec(new Headers(init.headers).get("authorization") ?? "")?.[1] ?? "none";
      return echoing(403, `signature ${signature} does not match`);
    });
    const auth = akskAuth({ accessKeyId: "AKEXAMPLE", secretAccessKey: "SKEXAMPLE" });
    const err = await testTransport({ fetch, auth, maxRetries: 0 })(URL_X, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as Error).message).toBe("signature [REDACTED] does not match");
  });

  it("body fields named like a secret, at any depth, but no other body field", async () => {
    const body = { name: "gateway-one", auth: { user: { password: "hunter2hunter2", client_secret: "s3cr3t-value" } }, note: "plain-note" };
    const { fetch } = answering(() => echoing(400, "gateway-one plain-note hunter2hunter2 s3cr3t-value"));
    const err = await testTransport({ fetch, maxRetries: 0 })(URL_X, { method: "POST", body: JSON.stringify(body) }).catch((e: unknown) => e);
    expect((err as Error).message).toBe("gateway-one plain-note [REDACTED] [REDACTED]");
  });
  it("each string of a list under a secret-like name", async () => {
    const body = { secrets: ["first-secret-value", "second-secret-value", 12345678901] };
    const { fetch } = answering(() => echoing(400, "bad first-secret-value, second-secret-value, 12345678901"));
    const err = await testTransport({ fetch, maxRetries: 0 })(URL_X, { method: "POST", body: JSON.stringify(body) }).catch((e: unknown) => e);
    expect((err as Error).message).toBe("bad [REDACTED], [REDACTED], 12345678901");
  });

  it("only text counts as a secret: an object under a secret-like name adds nothing to scrub", async () => {
    const { fetch } = answering(() => echoing(400, "cannot read [object Object]"));
    const body = JSON.stringify({ secret: { length: 9 } });
    const err = await testTransport({ fetch, maxRetries: 0 })(URL_X, { method: "POST", body }).catch((e: unknown) => e);
    expect((err as Error).message).toBe("cannot read [object Object]");
  });

  it("only text counts as a secret: a list under a secret-like name adds no joined-up text to scrub", async () => {
    const ids = ["id-1", "id-2", "id-3", "id-4", "id-5", "id-6", "id-7", "id-8"];
    const { fetch } = answering(() => echoing(400, `unknown ${ids.join(",")}`));
    const err = await testTransport({ fetch, maxRetries: 0 })(URL_X, { method: "POST", body: JSON.stringify({ secret_ids: ids }) }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`unknown ${ids.join(",")}`);
  });
});

describe("errors carry the answer's request id", () => {
  it("a success whose declared JSON does not parse", async () => {
    const { fetch } = answering(() => new Response("{", { headers: { "content-type": "application/json", "x-request-id": "req-bad" } }));
    const err = await testTransport({ fetch, maxRetries: 0 })(URL_X, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).toMatchObject({ status: 200, requestId: "req-bad" });
  });

  it("an answer over maxResponseBytes", async () => {
    const { fetch } = answering(() => new Response('{"a":"too long"}', { headers: { "content-type": "application/json", "x-request-id": "req-big" } }));
    const err = await testTransport({ fetch, maxRetries: 0, maxResponseBytes: 4 })(URL_X, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseTooLargeError);
    expect(err).toMatchObject({ status: 200, requestId: "req-big", maxResponseBytes: 4 });
  });
});

describe("answers and their statuses", () => {
  it("a success body is read whole, however it is chunked", async () => {
    const parts = ['{"id":', '"gw-1",', '"n":[1,2,3]}'];
    const { fetch } = answering(() => {
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (const p of parts) c.enqueue(new TextEncoder().encode(p));
          c.close();
        },
      });
      return new Response(stream, { headers: { "content-type": "application/json" } });
    });
    const res = await testTransport({ fetch })(URL_X, { method: "GET" });
    expect(await res.json()).toEqual({ id: "gw-1", n: [1, 2, 3] });
  });

  it("readCapped hands back a body that came in one chunk as that chunk, without copying it", async () => {
    const chunk = new TextEncoder().encode('{"id":"gw-1"}');
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(chunk);
        c.close();
      },
    });
    expect(await readCapped(new Response(stream), 1024, new AbortController())).toBe(chunk);
  });

  it("a network-error Response (status 0) from the fetch is an ApiError, not a success", async () => {
    const { fetch, calls } = answering(() => Response.error());
    const err = await testTransport({ fetch, maxRetries: 0 })(URL_X, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 0, retryable: false });
    expect(calls).toHaveLength(1);
  });

  it.each([[204], [205]])("a %d handed over with bytes anyway is passed on without a body", async (status) => {
    const { fetch } = answering(() => claimingStatus(status));
    const res = await testTransport({ fetch })(URL_X, { method: "GET" });
    expect(res.status).toBe(status);
    expect(res.body).toBeNull();
    expect(await res.text()).toBe("");
  });
});

describe("the success Response handed on", () => {
  it("lets middleware replace its json() by assignment, and delete the replacement to get the plain one back", async () => {
    const { fetch } = answering(() => new Response("[1]", { headers: { "content-type": "application/json" } }));
    const res = await testTransport({ fetch })(URL_X, { method: "GET" });
    const own = res.json;
    res.json = async () => ["wrapped"];
    expect(await res.json()).toEqual(["wrapped"]);
    expect(Reflect.deleteProperty(res, "json")).toBe(true);
    expect(res.json).toBe(Response.prototype.json);
    expect(own).not.toBe(Response.prototype.json);
    expect(await res.json()).toEqual([1]);
  });
});
