/**
 * The transport's attempt loop seen from a stub `fetch`: which request is sent (the caller's `Request`, or one
 * built from `init`), what each attempt sends, when a failure is tried again, how aborts are named, and what is
 * logged per attempt.
 */
import { describe, expect, it } from "vitest";
import { AbortError, ApiError, ConnectionError, TimeoutError } from "../../src/errors.js";
import type { AuthStrategy, Logger } from "../../src/options.js";
import { testTransport } from "../helpers/test-transport.js";

const URL_X = "http://127.0.0.1:9/x";

interface Call {
  method: string;
  headers: Headers;
  body: string | undefined;
}

/** A fetch answering with `answers` in turn (the last repeats); each may be a Response maker or a thrower. */
function scripted(...answers: ((init: RequestInit, index: number) => Response | Promise<Response>)[]) {
  const calls: Call[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    const body = init.body === undefined ? undefined : new TextDecoder().decode(init.body as Uint8Array);
    const index = calls.push({ method: init.method ?? "GET", headers: new Headers(init.headers), body }) - 1;
    const answer = answers[Math.min(index, answers.length - 1)];
    if (!answer) throw new Error("no answer scripted");
    return answer(init, index);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const ok = () => Response.json({ ok: true });
/** A 503 saying to retry at once (`Retry-After: 0`), so retries cost no backoff. */
const busy = () => Response.json({ error_code: "APIC.9000", error_msg: "busy" }, { status: 503, headers: { "retry-after": "0" } });
const refused = (): never => {
  throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
};
/** Never settles until the attempt's signal aborts, then rejects with the signal's reason, as fetch does. */
const hanging = (init: RequestInit) =>
  new Promise<Response>((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true }));

function recordingLogger() {
  const lines: { level: string; message: string; details: Record<string, unknown> | undefined }[] = [];
  const log = (level: string) => (message: string, details?: Record<string, unknown>) => lines.push({ level, message, details });
  const logger: Logger = { error: log("error"), warn: log("warn"), info: log("info"), debug: log("debug") };
  return { logger, lines };
}

describe("the request that is sent", () => {
  it("a URL string with no init is a GET to that URL", async () => {
    const { fetch, calls } = scripted(ok);
    const res = await testTransport({ fetch })(URL_X);
    expect(res.status).toBe(200);
    expect(calls.map((c) => c.method)).toEqual(["GET"]);
  });

  it("a Request with an init: the init's method, headers and body win", async () => {
    const { fetch, calls } = scripted(ok);
    const input = new Request(URL_X, { method: "GET", headers: { "x-from": "request" } });
    await testTransport({ fetch, maxRetries: 0 })(input, { method: "POST", headers: { "x-from": "init" }, body: '{"a":1}' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe("POST");
    expect(calls[0]?.headers.get("x-from")).toBe("init");
    expect(calls[0]?.body).toBe('{"a":1}');
  });

  it("a Request alone is used itself, not a copy: a header it gains before a retry goes out on that retry", async () => {
    const input = new Request(URL_X, { method: "GET" });
    const { fetch, calls } = scripted(() => {
      input.headers.set("x-note", "added after the first attempt");
      return busy();
    }, ok);
    const res = await testTransport({ fetch, maxRetries: 1, random: () => 0 })(input);
    expect(res.status).toBe(200);
    expect(calls.map((c) => c.headers.get("x-note"))).toEqual([null, "added after the first attempt"]);
  });

  it("a fetch that writes into the body it was handed does not change what the next attempt sends or signs", async () => {
    const signed: string[] = [];
    const auth: AuthStrategy = {
      kind: "test",
      async authenticate(r) {
        signed.push(new TextDecoder().decode(r.body));
      },
    };
    const { fetch, calls } = scripted((init) => {
      (init.body as Uint8Array).fill(0x20);
      return refused();
    }, ok);
    await testTransport({ fetch, auth, maxRetries: 1 })(URL_X, { method: "POST", body: '{"name":"gw"}' });
    expect(calls.map((c) => c.body)).toEqual(['{"name":"gw"}', '{"name":"gw"}']);
    expect(signed).toEqual(['{"name":"gw"}', '{"name":"gw"}']);
  });
});

describe("aborts", () => {
  it("a signal aborted before the call rejects naming the request and the reason, sending nothing", async () => {
    const { fetch, calls } = scripted(ok);
    const signal = AbortSignal.abort(new Error("user left"));
    const err = await testTransport({ fetch })(URL_X, { method: "GET", signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as Error).message).toBe("the request was aborted: user left");
    expect(calls).toHaveLength(0);
  });

  it("an abort while the answer is awaited is an AbortError naming the request, not a connection failure, and ends the call", async () => {
    const ac = new AbortController();
    const { fetch, calls } = scripted((init) => {
      setTimeout(() => ac.abort(new Error("shutting down")), 5);
      return hanging(init);
    });
    const err = await testTransport({ fetch, maxRetries: 2 })(URL_X, { method: "GET", signal: ac.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).not.toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toBe("the request was aborted: shutting down");
    expect((err as AbortError).retryable).toBe(false);
    expect(calls).toHaveLength(1);
  });
});

describe("when a failed attempt is sent again", () => {
  it("a timed-out POST not known to be safe to repeat is not sent again (it may have reached the server)", async () => {
    const { fetch, calls } = scripted(hanging);
    const err = await testTransport({ fetch, maxRetries: 2, timeoutMs: 20 })(URL_X, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).retryable).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it("onUnauthorized is asked only after a 401: a 503 or 403 never renews credentials", async () => {
    let asked = 0;
    const auth: AuthStrategy = { kind: "test", async authenticate() {}, onUnauthorized: async () => ++asked > 0 };
    for (const status of [503, 403]) {
      const { fetch, calls } = scripted(() => Response.json({ error_code: "X.1", error_msg: "no" }, { status }), ok);
      const err = await testTransport({ fetch, auth, maxRetries: 0 })(URL_X, { method: "GET" }).catch((e: unknown) => e);
      expect(err).toMatchObject({ status });
      expect(calls).toHaveLength(1);
    }
    expect(asked).toBe(0);
  });

  it("a renewal after a 401 does not use up a retry: 401, then 503, then 200 succeeds with maxRetries 1", async () => {
    let asked = 0;
    const auth: AuthStrategy = { kind: "test", async authenticate() {}, onUnauthorized: async () => ++asked > 0 };
    const { logger, lines } = recordingLogger();
    const { fetch, calls } = scripted(() => Response.json({ error_code: "APIC.7101", error_msg: "expired" }, { status: 401 }), busy, ok);
    const res = await testTransport({ fetch, auth, logger, maxRetries: 1 })(URL_X, { method: "GET" });
    expect(res.status).toBe(200);
    expect(asked).toBe(1);
    expect(calls).toHaveLength(3);
    expect(lines.filter((l) => l.level === "info" || l.level === "warn").map((l) => `${l.level} ${l.message}`)).toEqual([
      "info GET /x: 401, credentials renewed, sending once more",
      "warn GET /x: 503 APIC.9000; retry 1/1 in 0 ms",
    ]);
  });
});

describe("logging", () => {
  it("each answer is logged at debug with its attempt, the attempt's elapsed ms and the request id", async () => {
    const { logger, lines } = recordingLogger();
    const slowly = (make: () => Response) => () => new Promise<Response>((r) => setTimeout(() => r(make()), 30));
    const { fetch } = scripted(
      slowly(() => new Response("{}", { status: 503, headers: { "x-request-id": "req-1", "retry-after": "0" } })),
      slowly(() => Response.json({ ok: true })),
    );
    await testTransport({ fetch, logger, maxRetries: 1 })(URL_X, { method: "GET" });
    const answers = lines.filter((l) => l.level === "debug" && l.message.includes("→"));
    expect(answers.map((l) => l.message)).toEqual(["GET /x → 503", "GET /x → 200"]);
    expect(answers.map((l) => [l.details?.attempt, l.details?.requestId])).toEqual([
      [0, "req-1"],
      [1, undefined],
    ]);
    for (const l of answers) {
      expect(l.details?.elapsedMs).toBeGreaterThanOrEqual(20);
      expect(l.details?.elapsedMs).toBeLessThan(1_000);
    }
  });

  it("each failed attempt is logged at debug with its attempt and elapsed ms", async () => {
    const { logger, lines } = recordingLogger();
    const { fetch } = scripted(refused);
    await testTransport({ fetch, logger, maxRetries: 1 })(URL_X, { method: "GET" }).catch(() => {});
    const failures = lines.filter((l) => l.level === "debug" && l.message.startsWith("GET /x failed:"));
    expect(failures.map((l) => l.details?.attempt)).toEqual([0, 1]);
    for (const l of failures) {
      expect(l.details?.elapsedMs).toBeGreaterThanOrEqual(0);
      expect(l.details?.elapsedMs).toBeLessThan(1_000);
    }
  });

  it("a retry of an error answer without a code names only its status", async () => {
    const { logger, lines } = recordingLogger();
    const { fetch } = scripted(() => new Response("<html>busy</html>", { status: 503, headers: { "content-type": "text/html", "retry-after": "0" } }));
    const err = await testTransport({ fetch, logger, maxRetries: 1 })(URL_X, { method: "GET" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(lines.filter((l) => l.level === "warn").map((l) => l.message)).toEqual(["GET /x: 503; retry 1/1 in 0 ms"]);
  });
});
