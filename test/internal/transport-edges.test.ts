import { describe, expect, it } from "vitest";
import { AbortError, ConnectionError, InvalidResponseError } from "../../src/errors.js";
import { causeCode, readCapped } from "../../src/internal/transport.js";
import type { Logger } from "../../src/options.js";
import { testTransport } from "../helpers/test-transport.js";

const URL_X = "http://127.0.0.1:9/x";

/** A fetch that throws a TypeError whose cause carries `code`, counting its calls. */
function refusing(code: string) {
  const calls: string[] = [];
  const fetch = (async (url: string) => {
    calls.push(url);
    throw new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

function answering(make: () => Response) {
  const calls: string[] = [];
  const fetch = (async (url: string) => {
    calls.push(url);
    return make();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

function recordingLogger() {
  const lines: string[] = [];
  const log = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  const logger: Logger = { error: log("error"), warn: log("warn"), info: log("info"), debug: log("debug") };
  return { logger, lines };
}

describe("connection failures that never reached the server", () => {
  for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]) {
    it(`retries a POST refused with ${code}, naming the code`, async () => {
      const { fetch, calls } = refusing(code);
      const err = await testTransport({ fetch, maxRetries: 1 })(URL_X, { method: "POST", body: "{}" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectionError);
      expect((err as Error).message).toBe(`POST /x: connection failed (${code})`);
      expect((err as Error).cause).toBeInstanceOf(TypeError);
      expect(calls).toHaveLength(2);
    });
  }

  it("does not retry a POST whose connection was reset (it may have reached the server)", async () => {
    const { fetch, calls } = refusing("ECONNRESET");
    const err = await testTransport({ fetch, maxRetries: 1 })(URL_X, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, message: "POST /x: connection failed (ECONNRESET)" });
    expect(calls).toHaveLength(1);
  });

  it("does not retry a connection the runtime forbids, even for a GET", async () => {
    const calls: string[] = [];
    const fetch = (async (url: string) => {
      calls.push(url);
      throw Object.assign(new Error("denied"), { name: "NotCapable" });
    }) as unknown as typeof globalThis.fetch;
    const err = await testTransport({ fetch, maxRetries: 2 })(URL_X, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ retryable: false });
    expect((err as Error).cause).toBeInstanceOf(Error);
    expect(calls).toHaveLength(1);
  });
});

describe("answers", () => {
  it("a 300 is an error, not a success", async () => {
    const { fetch } = answering(() => new Response("{}", { status: 300, headers: { "content-type": "application/json" } }));
    await expect(testTransport({ fetch, maxRetries: 0 })(URL_X, { method: "GET" })).rejects.toMatchObject({ status: 300 });
  });

  it("json() of an unmatched non-JSON success names its content type", async () => {
    const { fetch } = answering(
      () => new Response(new TextEncoder().encode("<html>"), { status: 200, headers: { "content-type": "text/html; charset=utf-8", "x-request-id": "r1" } }),
    );
    const res = await testTransport({ fetch })(URL_X, { method: "GET" });
    const err = await res.json().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).toMatchObject({ requestId: "r1", status: 200 });
    expect((err as Error).message).toBe("GET /x: 200 answer body is not JSON (text/html) (request id r1)");
  });

  it("json() of a success with no content type says so", async () => {
    const { fetch } = answering(() => new Response(new TextEncoder().encode("plain"), { status: 200 }));
    const res = await testTransport({ fetch })(URL_X, { method: "GET" });
    const err = await res.json().catch((e: unknown) => e);
    expect(err).toMatchObject({ message: "GET /x: 200 answer body is not JSON (no content type)" });
    expect((err as InvalidResponseError).requestId).toBeUndefined();
  });

  it("logs each retry with the error's status and code and the retry count", async () => {
    const { logger, lines } = recordingLogger();
    const { fetch } = answering(() => Response.json({ error_code: "APIC.9000", error_msg: "busy" }, { status: 503 }));
    await testTransport({ fetch, logger, maxRetries: 1 })(URL_X, { method: "GET" }).catch(() => {});
    expect(lines).toContain("warn GET /x: 503 APIC.9000; retry 1/1 in 500 ms");
    expect(lines).toContain("debug GET /x: matches no operation of the specs; sent unvalidated");
  });

  it("logs a retry of a non-API error by its name", async () => {
    const { logger, lines } = recordingLogger();
    const { fetch } = refusing("ECONNREFUSED");
    await testTransport({ fetch, logger, maxRetries: 1 })(URL_X, { method: "GET" }).catch(() => {});
    expect(lines).toContain("warn GET /x: ConnectionError; retry 1/1 in 500 ms");
    expect(lines).toContain("debug GET /x failed: GET /x: connection failed (ECONNREFUSED)");
  });
});

describe("an already aborted call", () => {
  it("sends nothing", async () => {
    const { fetch, calls } = answering(() => Response.json({}));
    const signal = AbortSignal.abort();
    const err = await testTransport({ fetch })(URL_X, { method: "GET", signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });
});

describe("readCapped", () => {
  it("reads a body whose declared length is exactly the cap", async () => {
    const res = new Response(new Uint8Array([1, 2, 3]), { headers: { "content-length": "3" } });
    expect(await readCapped(res, 3, new AbortController())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("refuses a bodiless answer declaring a length over the cap", async () => {
    const res = new Response(null, { headers: { "content-length": "100" } });
    const controller = new AbortController();
    expect(await readCapped(res, 10, controller)).toBeUndefined();
    expect(controller.signal.aborted).toBe(true);
  });

  it("joins several chunks", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([1]));
        c.enqueue(new Uint8Array([2, 3]));
        c.close();
      },
    });
    expect(await readCapped(new Response(stream), 10, new AbortController())).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe("causeCode", () => {
  const chain = (depth: number, leaf: object) => {
    let e: object = leaf;
    for (let i = 0; i < depth; i++) e = { cause: e };
    return e;
  };

  it("finds a code four causes deep but not five", () => {
    expect(causeCode(chain(4, { code: "ECONNREFUSED" }))).toBe("ECONNREFUSED");
    expect(causeCode(chain(5, { code: "ECONNREFUSED" }))).toBeUndefined();
  });

  it("stops at a null cause and ignores non-objects", () => {
    expect(causeCode({ cause: null })).toBeUndefined();
    expect(causeCode(Object.assign(() => {}, { code: "X" }))).toBeUndefined();
    expect(causeCode("ECONNREFUSED")).toBeUndefined();
  });
});

describe("failures without a code", () => {
  it("names no code when the cause has none", async () => {
    const fetch = (async () => {
      throw new TypeError("fetch failed");
    }) as unknown as typeof globalThis.fetch;
    const err = await testTransport({ fetch, maxRetries: 0 })(URL_X, { method: "GET" }).catch((e: unknown) => e);
    expect((err as Error).message).toBe("GET /x: connection failed");
  });

  it("a timed-out attempt says how long it waited and keeps the cause", async () => {
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(new Error("aborted"))))) as unknown as typeof globalThis.fetch;
    const err = await testTransport({ fetch, maxRetries: 0, timeoutMs: 20 })(URL_X, { method: "GET" }).catch((e: unknown) => e);
    expect((err as Error).message).toBe("GET /x: no complete answer within 20 ms");
    expect((err as Error).cause).toBeInstanceOf(Error);
  });

  it("a declared-JSON success that does not parse names its trimmed type", async () => {
    const { fetch } = answering(
      () => new Response(new TextEncoder().encode("{"), { status: 200, headers: { "content-type": "application/json ; charset=utf-8" } }),
    );
    const err = await testTransport({ fetch, maxRetries: 0 })(URL_X, { method: "GET" }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^GET \/x: 200 answer body is truncated or not valid JSON \(application\/json, 1 bytes\)/);
  });
});
