import { DEFAULT_MAX_RESPONSE_BYTES, type AuthContext, type AuthRequest, type ResolvedClientOptions } from "../options.js";
import {
  AbortError,
  ApiError,
  ConnectionError,
  type HuaweiCloudError,
  InvalidResponseError,
  ResponseTooLargeError,
  scrubSecrets,
  TimeoutError,
} from "../errors.js";
import { abortErrorFrom, sleep } from "./sleep.js";
import { errorFromResponse } from "./error-answer.js";
import { operationLookup, unmatchedFacts, validateRequest, type OperationEntry } from "./operations.js";
import { isRetryableAnswer, MAX_RETRY_AFTER_MS, parseRetryAfterMs, RETRY_MAX_DELAY_MS, RETRY_MIN_DELAY_MS } from "./retry.js";
import { backoffDelay, boundRetryAfter } from "./backoff.js";

/** The query object a caller gave for a request, kept so validation sees its values as typed. */
export const callerQueries = new WeakMap<Request, Record<string, unknown>>();

/** What {@link createTransport} needs: the client's checked options, its endpoint optional. */
export interface TransportOptions extends Omit<ResolvedClientOptions, "baseUrl" | "maxResponseBytes" | "region" | "iamEndpoint" | "allowInsecureHttp"> {
  /** The client's IAM endpoint, handed to auth strategies (federation). */
  iamEndpoint?: string | undefined;
  /** Largest answer body read, in bytes, after decompression. @default DEFAULT_MAX_RESPONSE_BYTES (8 MiB) */
  maxResponseBytes?: number;
  /** The client's endpoint; its path, if any, is cut off before a request is looked up in `operations`. */
  baseUrl?: string;
  /** Where requests are looked up for validation and retry facts: the client's service's generated table. */
  operations: readonly OperationEntry[];
  /** Injected for tests. @default Math.random */
  random?: () => number;
}

/**
 * The `fetch` handed to openapi-fetch. Everything below openapi-fetch's middleware happens here: the request is
 * looked up in the operation table (method and path template), validated against its operation before any I/O,
 * then, once per attempt and in this order: retry loop (by the operation's retry facts) → auth (signing
 * innermost, over the exact bytes sent) → fetch with a per-attempt timeout. Answers other than success become
 * typed errors, so middleware runs once per call and callers of `client.raw` get the same validation, retries
 * and errors as the service methods. A request no operation matches is sent as is; see {@link unmatchedFacts}.
 * The transport is the one place that judges an answer's body: its size (`maxResponseBytes`, while reading) and,
 * for a success, whether it is the JSON the operation promises (see {@link successProblem}).
 */
export function createTransport(options: TransportOptions): typeof fetch {
  const { auth, logger, maxRetries, timeoutMs, userAgent, fetch: baseFetch, random = Math.random } = options;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const lookup = operationLookup(options.operations, options.baseUrl);

  return async function transport(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const { signal, method } = request;
    const url = new URL(request.url);
    // Buffered once: a body stream can be read only once, and every attempt must send (and sign) the same bytes.
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const match = lookup(method, url.pathname);
    if (match) await validateRequest(match, url, body, input instanceof Request ? callerQueries.get(input) : undefined);
    else logger.debug(`${method} ${url.pathname}: matches no operation of the specs; sent unvalidated`);
    const facts = match?.entry.retry ?? unmatchedFacts(method);
    // Read per call: a discovered project id is set on the options once known.
    const context: AuthContext = { fetch: baseFetch, projectId: options.projectId, signal, logger, iamEndpoint: options.iamEndpoint };
    // Every secret this call sends, so an error that echoes one back can be scrubbed (see scrubSecrets).
    const secrets = new Set<string>(body ? secretFields(body) : []);
    let renewedAuth = false;

    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw abortErrorFrom(signal, "the request");
      const headers = new Headers(request.headers);
      const authRequest = { method, url, headers, body };
      headers.set("User-Agent", userAgent);
      if (auth) await auth.authenticate(authRequest, context).catch((err: unknown) => Promise.reject(scrubSecrets(err, secrets)));
      for (const name of SENT_SECRET_HEADERS) {
        const value = headers.get(name);
        if (value) secrets.add(value).add(/Signature=([0-9a-f]+)/.exec(value)?.[1] ?? value);
      }

      const started = Date.now();
      const outcome = await attemptOnce(baseFetch, authRequest, signal, timeoutMs, maxBytes);
      const elapsed = Date.now() - started;

      let failure: HuaweiCloudError;
      if (outcome.kind === "answer") {
        const { status, statusText, headers: resHeaders, bytes } = outcome;
        logger.debug(`${method} ${url.pathname} → ${status}`, { attempt, elapsedMs: elapsed, requestId: resHeaders.get("x-request-id") ?? undefined });
        if (status >= 200 && status < 300) {
          const problem = successProblem(match !== undefined, resHeaders, bytes);
          if (problem === undefined) return answerResponse(outcome, `${method} ${url.pathname}`);
          failure = new InvalidResponseError(`${method} ${url.pathname}: ${status} answer ${problem}`, status, resHeaders.get("x-request-id") ?? undefined);
          // Like a truncated read: the server may well answer properly next time.
          failure.retryable = facts.safeToRepeat;
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
          const retryAfterMs = parseRetryAfterMs(resHeaders);
          error.retryable = isRetryableAnswer(status, error.code, facts) && boundRetryAfter(retryAfterMs, MAX_RETRY_AFTER_MS) === retryAfterMs;
          error.retryAfterMs = retryAfterMs;
          failure = scrubSecrets(error, secrets);
        }
      } else {
        failure = outcome.error;
        scrubSecrets(failure, secrets);
        // A refused connection never reached the server, so even a request not safe to repeat may be sent again.
        // An oversize answer is not retried: the same request would most likely bring it again, just as big; nor is
        // a connection the runtime forbids (Deno without --allow-net for the host): it would be forbidden again.
        failure.retryable =
          !(failure instanceof AbortError || failure instanceof ResponseTooLargeError || outcome.forbidden) && (facts.safeToRepeat || outcome.notSent);
        logger.debug(`${method} ${url.pathname} failed: ${failure.message}`, { attempt, elapsedMs: elapsed });
      }

      if (!failure.retryable || attempt >= maxRetries) throw failure;
      const delay = failure.retryAfterMs ?? backoffDelay(attempt + 1, RETRY_MIN_DELAY_MS, RETRY_MAX_DELAY_MS, random);
      logger.warn(`${method} ${url.pathname}: ${describe(failure)}; retry ${attempt + 1}/${maxRetries} in ${delay} ms`);
      await sleep(delay, signal);
    }
  };
}

/** Request headers whose values are credentials: the token, the IAM token, the security token, the signature. */
const SENT_SECRET_HEADERS = ["authorization", "x-auth-token", "x-security-token"];

/** String values of JSON body fields named like a secret (`password`, `secret…`) or listed under one, e.g. in IAM's token request. */
function secretFields(body: Uint8Array): string[] {
  const found: string[] = [];
  try {
    JSON.parse(new TextDecoder().decode(body), (key, value: unknown) => {
      if (/password|secret/i.test(key)) for (const v of [value].flat()) if (typeof v === "string") found.push(v);
      return value;
    });
  } catch {
    // Not JSON: nothing named to look for.
  }
  return found;
}

type AttemptOutcome =
  | { kind: "answer"; status: number; statusText: string; headers: Headers; bytes: Uint8Array }
  | { kind: "error"; error: HuaweiCloudError; notSent: boolean; forbidden?: boolean };

async function attemptOnce(baseFetch: typeof fetch, request: AuthRequest, signal: AbortSignal, timeoutMs: number, maxBytes: number): Promise<AttemptOutcome> {
  const { method, url, headers, body } = request;
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
    const bytes = await readCapped(res, maxBytes, controller);
    if (bytes === undefined) {
      const tooLarge = `${method} ${url.pathname}: ${res.status} answer body exceeds maxResponseBytes (${maxBytes} bytes); connection dropped`;
      return { kind: "error", error: new ResponseTooLargeError(tooLarge, res.status, res.headers.get("x-request-id") ?? undefined, maxBytes), notSent: false };
    }
    return { kind: "answer", status: res.status, statusText: res.statusText, headers: res.headers, bytes };
  } catch (err) {
    const failed = (error: HuaweiCloudError, notSent = false): AttemptOutcome => ({ kind: "error", error, notSent });
    if (signal.aborted) return failed(abortErrorFrom(signal, "the request"));
    if (timedOut) return failed(new TimeoutError(`${method} ${url.pathname}: no complete answer within ${timeoutMs} ms`, { cause: err }));
    const code = causeCode(err);
    if (code === "NotCapable") {
      const error = new ConnectionError(
        `${method} ${url.pathname}: connection not permitted by the runtime (NotCapable: grant network access to ${url.host})`,
        { cause: err },
      );
      return { kind: "error", error, notSent: true, forbidden: true };
    }
    const error = new ConnectionError(`${method} ${url.pathname}: connection failed${code ? ` (${code})` : ""}`, { cause: err });
    return failed(error, code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN");
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  }
}

/**
 * The body of `res`, counted chunk by chunk as it arrives (fetch has already decoded gzip/br, so the count is of
 * decoded bytes), or undefined once it grows past `maxBytes`, or declares a length over it when not encoded: then
 * the stream is cancelled and the attempt aborted, so the connection is dropped instead of drained. Shared with the
 * credential sources' own requests. @internal
 */
export async function readCapped(res: Response, maxBytes: number, controller: AbortController): Promise<Uint8Array | undefined> {
  const reader = res.body?.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let over = !res.headers.has("content-encoding") && Number(res.headers.get("content-length")) > maxBytes;
  for (let total = 0; reader && !over; ) {
    const { done, value } = await reader.read();
    if (done) return chunks.length === 1 ? chunks[0] : new Uint8Array(await new Blob(chunks).arrayBuffer());
    chunks.push(value as Uint8Array<ArrayBuffer>);
    total += value.byteLength;
    over = total > maxBytes;
  }
  if (!over) return new Uint8Array(0);
  controller.abort();
  void reader?.cancel().catch(() => {});
  return undefined;
}

/**
 * Why a success answer is broken, if it is; a broken answer is an `InvalidResponseError` (retried when safe to
 * repeat), never a `SyntaxError` for the caller. Every operation of the specs answers a 2xx with a JSON body, so
 * for a request that matches one the body must be present and parse as JSON, whatever the content type says (an
 * HTML page from a proxy, nothing at all). A request no operation matches may get any body (`client.raw` with
 * `parseAs: "text"`): only one declared JSON must parse.
 */
function successProblem(matched: boolean, headers: Headers, bytes: Uint8Array): string | undefined {
  const type = headers.get("content-type")?.split(";")[0]?.trim() || "no content type";
  if (!matched && (bytes.byteLength === 0 || !/\bjson\b/i.test(type))) return undefined;
  if (bytes.byteLength === 0) return `has no body (${type}); the operation answers JSON`;
  try {
    JSON.parse(new TextDecoder().decode(bytes));
    return undefined;
  } catch {
    return `body is truncated or not valid JSON (${type}, ${bytes.byteLength} bytes)`;
  }
}

/**
 * The answer handed to openapi-fetch: an ordinary `Response` over the bytes already read. Its `json()` turns a
 * parse failure (possible only for a body {@link successProblem} let through) into an `InvalidResponseError`, so
 * openapi-fetch's own parse never rejects with a raw `SyntaxError`.
 */
function answerResponse(o: { status: number; statusText: string; headers: Headers; bytes: Uint8Array }, what: string): Response {
  // The body is already decoded; stale encoding/length headers would mislead openapi-fetch's parser.
  const headers = new Headers(o.headers);
  headers.delete("content-encoding");
  headers.set("content-length", String(o.bytes.byteLength));
  const nullBody = o.status === 204 || o.status === 205 || o.status === 304 || o.bytes.byteLength === 0;
  const res = new Response(nullBody ? null : (o.bytes as Uint8Array<ArrayBuffer>), { status: o.status, statusText: o.statusText, headers });
  const parse = res.json.bind(res);
  const type = headers.get("content-type")?.split(";")[0] || "no content type";
  const broken = () => new InvalidResponseError(`${what}: ${o.status} answer body is not JSON (${type})`, o.status, headers.get("x-request-id") ?? undefined);
  const json = () => parse().catch((err: unknown) => Promise.reject(err instanceof SyntaxError ? broken() : err));
  return Object.defineProperty(res, "json", { value: json, writable: true, configurable: true });
}

/** The first `code` along an error's cause chain (`ECONNREFUSED`, Deno's `NotCapable`), if any. @internal */
export function causeCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    // Deno's permission error carries no code, only its class name.
    if ((e as { name?: unknown }).name === "NotCapable") return "NotCapable";
  }
  return undefined;
}

function describe(err: HuaweiCloudError): string {
  return err instanceof ApiError ? `${err.status}${err.code ? ` ${err.code}` : ""}` : err.name;
}
