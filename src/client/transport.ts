import type { AuthContext, AuthStrategy } from "../auth/strategy.js";
import { AbortError, ApiError, ConnectionError, HuaweiCloudError, InvalidResponseError, TimeoutError } from "../errors.js";
import { abortErrorFrom, sleep } from "../wait/sleep.js";
import { errorFromResponse } from "./error-body.js";
import type { Logger } from "./logger.js";
import { backoffDelayMs, isIdempotent, isRetryableAnswer, MAX_RETRY_AFTER_MS, parseRetryAfterMs } from "./retry.js";

/** What {@link createTransport} needs from the client options. */
export interface TransportOptions {
  fetch: typeof fetch;
  auth: AuthStrategy | undefined;
  projectId: string | undefined;
  maxRetries: number;
  timeoutMs: number;
  logger: Logger;
  userAgent: string;
  /** Injected for tests. @default Math.random */
  random?: () => number;
}

/**
 * The `fetch` handed to openapi-fetch. Everything below openapi-fetch's middleware happens here, once per
 * attempt and in this order: retry loop → auth (signing innermost, over the exact bytes sent) → fetch with a
 * per-attempt timeout. Answers other than success become typed errors, so middleware runs once per call and
 * callers of `client.raw` get the same errors as the service methods.
 */
export function createTransport(options: TransportOptions): typeof fetch {
  const { auth, logger, maxRetries, timeoutMs, projectId, userAgent } = options;
  const random = options.random ?? Math.random;
  const baseFetch = options.fetch;

  return async function transport(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const signal = request.signal;
    const method = request.method;
    const url = new URL(request.url);
    // Buffered once: a body stream can be read only once, and every attempt must send (and sign) the same bytes.
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const idempotent = isIdempotent(method, url);
    const context: AuthContext = { fetch: baseFetch, projectId, signal };
    let renewedAuth = false;

    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw abortErrorFrom(signal, "the request");
      const headers = new Headers(request.headers);
      const authRequest = { method, url, headers, body };
      headers.set("User-Agent", userAgent);
      if (auth) await auth.authenticate(authRequest, context);

      const started = Date.now();
      const outcome = await attemptOnce(baseFetch, url, method, headers, body, signal, timeoutMs);
      const elapsed = Date.now() - started;

      let failure: HuaweiCloudError;
      let retryAfterMs: number | undefined;
      let retryable: boolean;
      if (outcome.kind === "answer") {
        const { status, statusText, headers: resHeaders, bytes } = outcome;
        logger.debug(`${method} ${url.pathname} → ${status}`, { attempt, elapsedMs: elapsed, requestId: resHeaders.get("x-request-id") ?? undefined });
        if (status >= 200 && status < 300) {
          const json = parseJsonAnswer(resHeaders, bytes);
          if (json !== MALFORMED) return answerResponse(outcome, json);
          failure = new InvalidResponseError(`${method} ${url.pathname}: answer body is truncated or not valid JSON`, status, resHeaders.get("x-request-id") ?? undefined);
          retryable = idempotent;
        } else {
          const error = errorFromResponse(method, url, status, statusText, resHeaders, bytes);
          if (status === 401 && auth?.onUnauthorized && !renewedAuth) {
            renewedAuth = true;
            if (await auth.onUnauthorized(authRequest, context)) {
              logger.info(`${method} ${url.pathname}: 401, credentials renewed, sending once more`);
              attempt--; // a renewed credential is not a retry of a failing request
              continue;
            }
          }
          failure = error;
          retryAfterMs = parseRetryAfterMs(resHeaders);
          retryable = isRetryableAnswer(status, error.code, idempotent) && (retryAfterMs === undefined || retryAfterMs <= MAX_RETRY_AFTER_MS);
        }
      } else {
        failure = outcome.error;
        // A refused connection never reached the server, so even a non-idempotent request is safe to repeat.
        retryable = !(failure instanceof AbortError) && (idempotent || outcome.notSent);
        logger.debug(`${method} ${url.pathname} failed: ${failure.message}`, { attempt, elapsedMs: elapsed });
      }

      if (!retryable || attempt >= maxRetries) throw failure;
      const delay = retryAfterMs ?? backoffDelayMs(attempt, random);
      logger.warn(`${method} ${url.pathname}: ${describe(failure)}; retry ${attempt + 1}/${maxRetries} in ${delay} ms`);
      await sleep(delay, signal);
    }
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One attempt

type AttemptOutcome =
  | { kind: "answer"; status: number; statusText: string; headers: Headers; bytes: Uint8Array }
  | { kind: "error"; error: HuaweiCloudError; notSent: boolean };

async function attemptOnce(
  baseFetch: typeof fetch,
  url: URL,
  method: string,
  headers: Headers,
  body: Uint8Array | undefined,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const res = await baseFetch(url.href, {
      method,
      headers,
      // A copy, so a caller-visible buffer can never be transferred or detached by the fetch implementation.
      ...(body ? { body: body.slice() } : {}),
      signal: controller.signal,
      // Never replay signed headers to wherever a redirect points.
      redirect: "manual",
    });
    // Read inside the timeout: a body that stalls counts against the attempt like a slow answer.
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { kind: "answer", status: res.status, statusText: res.statusText, headers: res.headers, bytes };
  } catch (err) {
    if (signal.aborted) return { kind: "error", error: abortErrorFrom(signal, "the request"), notSent: false };
    if (timedOut) return { kind: "error", error: new TimeoutError(`${method} ${url.pathname}: no complete answer within ${timeoutMs} ms`, { cause: err }), notSent: false };
    const code = causeCode(err);
    const detail = code ? ` (${code})` : "";
    return {
      kind: "error",
      error: new ConnectionError(`${method} ${url.pathname}: connection failed${detail}`, { cause: err }),
      notSent: code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN",
    };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Success answers

const decoder = new TextDecoder();
/** {@link parseJsonAnswer}: the body is declared JSON but does not parse. */
const MALFORMED: unique symbol = Symbol("malformed");
/** {@link parseJsonAnswer}: the body was not checked (not declared JSON, or empty). */
const UNCHECKED: unique symbol = Symbol("unchecked");

/**
 * A success answer declared JSON must parse: a truncated body is a broken answer (retried when idempotent), not a
 * `SyntaxError` for the caller. Returns the parsed value so it is not parsed again.
 */
function parseJsonAnswer(headers: Headers, bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) return UNCHECKED;
  const type = headers.get("content-type");
  if (type === null || !/\bjson\b/i.test(type)) return UNCHECKED;
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return MALFORMED;
  }
}

/** The answer handed to openapi-fetch: the bytes already read, with headers that describe them. */
function answerResponse(o: { status: number; statusText: string; headers: Headers; bytes: Uint8Array }, json: unknown): Response {
  const init = { status: o.status, statusText: o.statusText, headers: o.headers };
  const nullBody = o.status === 204 || o.status === 205 || o.status === 304 || o.bytes.byteLength === 0;
  const response = nullBody ? new Response(null, init) : new (bufferedResponseCtor ??= bufferedResponseClass())(o.bytes, init, json);
  // The body is already decoded; stale encoding/length headers would mislead openapi-fetch's parser.
  const headers = response.headers;
  if (headers.has("content-encoding")) headers.delete("content-encoding");
  headers.set("content-length", String(o.bytes.byteLength));
  return response;
}

/**
 * UTF-8 decoding exactly as Node's `Response#json()` does it: a leading BOM cut off, then a `TextDecoder` (which drops
 * one more), invalid sequences replaced. A body that passed {@link parseJsonAnswer} decodes to the same text either
 * way, so its parsed value stands in for `json()`.
 */
function utf8(bytes: Uint8Array): string {
  return decoder.decode(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
}

type BufferedResponseClass = new (bytes: Uint8Array, init: ResponseInit, json: unknown) => Response;
let bufferedResponseCtor: BufferedResponseClass | undefined;

/**
 * A `Response` over bytes already in memory. Its first `json()` (openapi-fetch's, normally the only read) is the
 * value the transport's check already parsed, or a parse of the bytes; everything else (`body`, the other readers,
 * a second read, `clone()` of a body in use) goes to an ordinary `Response` over the same bytes, made on first need.
 * So it behaves like `new Response(bytes)` without building and draining a body stream per call. Defined on first
 * use, so importing the SDK needs no global `Response`.
 */
function bufferedResponseClass(): BufferedResponseClass {
  class BufferedResponse extends Response {
    readonly #bytes: Uint8Array;
    /** What the first `json()` resolves to, when the transport already parsed the body; otherwise UNCHECKED. */
    #json: unknown;
    /** Read by that first `json()`, with no stream made. */
    #read = false;
    /** The ordinary `Response` everything else goes to, once made. */
    #stream: Response | undefined;

    constructor(bytes: Uint8Array, init: ResponseInit, json: unknown) {
      super(null, init);
      this.#bytes = bytes;
      this.#json = json;
    }

    #streamed(): Response {
      if (this.#stream === undefined) {
        this.#json = UNCHECKED; // every read goes to the stream from now on
        this.#stream = new Response(this.#bytes as Uint8Array<ArrayBuffer>, { status: this.status, statusText: this.statusText, headers: this.headers });
        // Read already: the stream must be as disturbed and locked as one that was read.
        if (this.#read) this.#stream.arrayBuffer().catch(() => undefined);
      }
      return this.#stream;
    }

    override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
      return this.#streamed().body;
    }

    override get bodyUsed(): boolean {
      return this.#stream === undefined ? this.#read : this.#stream.bodyUsed;
    }

    override json(): Promise<any> {
      if (this.#read || this.#stream !== undefined) return this.#streamed().json();
      this.#read = true;
      const parsed = this.#json;
      this.#json = UNCHECKED;
      try {
        return Promise.resolve(parsed === UNCHECKED ? JSON.parse(utf8(this.#bytes)) : parsed);
      } catch (err) {
        return Promise.reject(err);
      }
    }

    override clone(): Response {
      const init = { status: this.status, statusText: this.statusText, headers: this.headers };
      if (this.#stream === undefined && !this.#read) return new BufferedResponse(this.#bytes, init, UNCHECKED);
      // Throws as Response#clone does once the body is read or locked; otherwise tees the stream in use.
      return new Response(this.#streamed().clone().body, init);
    }

    static {
      // The other readers go to the stream; only those this runtime's Response has, so feature checks still work.
      for (const name of ["text", "arrayBuffer", "blob", "bytes", "formData"] as const) {
        if (typeof Response.prototype[name] !== "function") continue;
        Object.defineProperty(this.prototype, name, {
          value(this: BufferedResponse) {
            return this.#streamed()[name]();
          },
          writable: true,
          configurable: true,
        });
      }
    }
  }
  return BufferedResponse;
}

function causeCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

function describe(err: HuaweiCloudError): string {
  if (err instanceof ApiError) return `${err.status}${err.code ? ` ${err.code}` : ""}`;
  return err.name;
}
