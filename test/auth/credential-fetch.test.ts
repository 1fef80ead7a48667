// fetchFromSource, the one request of the metadata and pod identity providers, driven with stubbed fetches (no
// network): which statuses count as a refused redirect, how the caller's signal and the timeout end a request, how a
// failure is named, and that nothing is left on the caller's signal.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { fetchFromSource } from "../../src/auth/credential-fetch.js";
import { AbortError, CredentialsError, TimeoutError } from "../../src/errors.js";

const URL_ = "http://127.0.0.1:9/x";

/** A fetch answering `res`, recording the init it got. */
function answering(res: () => Response) {
  const seen: RequestInit[] = [];
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    seen.push(init ?? {});
    return res();
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

/** A fetch that rejects with the abort reason once its signal aborts, and never answers otherwise. */
function hanging() {
  const seen: RequestInit[] = [];
  const fetch = ((_url: string | URL | Request, init?: RequestInit) => {
    seen.push(init ?? {});
    return new Promise<Response>((_resolve, reject) => {
      const signal = init?.signal as AbortSignal;
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const rejecting = (err: unknown) => (async () => Promise.reject(err)) as typeof globalThis.fetch;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("should have failed"),
    (e: unknown) => e as Error,
  );

describe("fetchFromSource answers", () => {
  it("returns status and text of an answer without a caller signal, asking for manual redirects", async () => {
    const { fetch, seen } = answering(() => new Response("hello", { status: 200 }));
    await expect(fetchFromSource("metadata", fetch, URL_, { method: "PUT" }, 1000, undefined)).resolves.toEqual({ status: 200, text: "hello" });
    expect(seen[0]).toMatchObject({ method: "PUT", redirect: "manual" });
  });

  it("hands a 400 back as an answer: only 300–399 are redirects", async () => {
    const { fetch } = answering(() => new Response("bad", { status: 400 }));
    await expect(fetchFromSource("metadata", fetch, URL_, {}, 1000, undefined)).resolves.toEqual({ status: 400, text: "bad" });
  });

  it.each([300, 302, 399])("refuses a %i answer as a redirect", async (status) => {
    const { fetch } = answering(() => new Response("moved", { status }));
    const err = await failure(fetchFromSource("metadata", fetch, URL_, { method: "GET" }, 1000, undefined));
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe(`metadata: GET ${URL_} answered a redirect (${status}), which is refused`);
  });

  it("refuses a redirect answer that has no body at all", async () => {
    const { fetch } = answering(() => new Response(null, { status: 302, headers: { location: "http://127.0.0.1:9/y" } }));
    const err = await failure(fetchFromSource("podIdentity", fetch, URL_, { method: "GET" }, 1000, undefined));
    expect(err.message).toBe(`podIdentity: GET ${URL_} answered a redirect (302), which is refused`);
  });

  it("refuses the opaque redirect a browser fetch gives for redirect: manual", async () => {
    const opaque = () => Object.defineProperties(new Response(null), { type: { value: "opaqueredirect" }, status: { value: 0 } }) as Response;
    const err = await failure(fetchFromSource("metadata", answering(opaque).fetch, URL_, { method: "GET" }, 1000, undefined));
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe(`metadata: GET ${URL_} answered a redirect (0), which is refused`);
  });
});

describe("fetchFromSource failures", () => {
  it("names a failed request by its method (GET when the init has none), URL and the cause's code", async () => {
    const cause = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) });
    const err = (await failure(fetchFromSource("metadata", rejecting(cause), URL_, {}, 1000, undefined))) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe(`metadata: GET ${URL_} failed (ECONNREFUSED)`);
    expect(err.tried).toEqual([]);
    expect(err.cause).toBe(cause);
  });

  it("names a failure without a code by the error's name", async () => {
    const err = await failure(fetchFromSource("metadata", rejecting(new RangeError("odd")), URL_, { method: "PUT" }, 1000, undefined));
    expect(err.message).toBe(`metadata: PUT ${URL_} failed (RangeError)`);
  });

  it.each([undefined, null, "boom"])("calls a rejection with %s, which has no name, an error", async (thrown) => {
    const err = await failure(fetchFromSource("metadata", rejecting(thrown), URL_, { method: "GET" }, 1000, undefined));
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe(`metadata: GET ${URL_} failed (error)`);
  });

  it("passes on the SDK's own AbortError thrown by the fetch, unwrapped", async () => {
    const thrown = new AbortError("aborted inside a custom fetch");
    await expect(fetchFromSource("metadata", rejecting(thrown), URL_, {}, 1000, undefined)).rejects.toBe(thrown);
  });

  it("ends a request past its timeout with a CredentialsError caused by a TimeoutError caused by the fetch's failure", async () => {
    const { fetch } = hanging();
    const err = (await failure(fetchFromSource("metadata", fetch, URL_, { method: "GET" }, 5, undefined))) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe(`metadata: GET ${URL_} gave no complete answer within 5 ms`);
    expect(err.tried).toEqual([]);
    const timeout = err.cause as TimeoutError;
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect(timeout.message).toBe("no answer within 5 ms");
    expect(timeout.cause).toBeDefined();
    expect((timeout.cause as Error).name).toBe("AbortError");
  });
});

describe("fetchFromSource and the caller's signal", () => {
  it("aborts the request the moment the caller's signal aborts, with an AbortError naming the provider", async () => {
    const { fetch, seen } = hanging();
    const caller = new AbortController();
    const pending = failure(fetchFromSource("metadata", fetch, URL_, {}, 60_000, caller.signal));
    caller.abort(new Error("caller left"));
    expect(seen[0]?.signal?.aborted).toBe(true);
    const err = await pending;
    expect(err).toBeInstanceOf(AbortError);
    expect(err.message).toBe("the metadata credentials request was aborted: caller left");
  });

  it("leaves no listener on the caller's signal once the request is done", async () => {
    const caller = new AbortController();
    const { fetch } = answering(() => new Response("ok"));
    await fetchFromSource("metadata", fetch, URL_, {}, 1000, caller.signal);
    await fetchFromSource("metadata", rejecting(new Error("x")), URL_, {}, 1000, caller.signal).catch(() => {});
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });

  it("drops its listener from the caller's signal when it fires, even while a fetch that ignores signals hangs", async () => {
    const caller = new AbortController();
    const never = (() => new Promise<Response>(() => {})) as typeof globalThis.fetch;
    void fetchFromSource("metadata", never, URL_, {}, 20, caller.signal);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
    caller.abort();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });
});
