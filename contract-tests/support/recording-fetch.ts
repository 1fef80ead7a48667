/**
 * The contract tests' transport: a `fetch` handed to the SDK (its `fetch` option) that forwards every attempt to
 * the Prism mock of the right API and checks the request twice:
 *
 * 1. by Prism: any `sl-violations` entry (request or response), or a Prism-generated problem+json answer
 *    (NO_PATH_MATCHED, an undefined `Prefer` code, VIOLATIONS under `--errors`), is a failure;
 * 2. by us, with Ajv 2020 against the same spec file, for what Prism lets through (request-checks.ts):
 *    undocumented query parameters and headers, a raw path whose parameters are not percent-encoded, a body sent
 *    to an operation without one, credentials sent to an operation without security, and an AK/SK
 *    `Authorization` that does not match the bytes on the wire.
 *
 * Every attempt is recorded as {method, url, headers, body} with the answer's status and headers. A failing check
 * makes the fetch throw {@link ContractViolation} (the SDK then rejects) and is also kept in `problems`, so a test
 * can assert "no violations" with a readable message even when the SDK wrapped the error.
 */
import type { SigningCredentials } from "../../src/auth/signer.js";
import { checkRequest, checkSignature, matchOperation } from "./request-checks.js";
import { spec } from "./spec.js";
import { API_NAMES, type ApiName } from "./spec-files.js";
import { formatViolation, parseViolations, type Violation } from "./violations.js";

export class ContractViolation extends Error {
  override name = "ContractViolation";
}

/** One attempt as it went to Prism, and what came back. */
export interface Exchange {
  method: string;
  /** Absolute URL exactly as sent (raw, percent-encoded). */
  url: string;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
  /** Request body as text, `undefined` when none was sent. */
  body: string | undefined;
  api: ApiName | undefined;
  operationId: string | undefined;
  status: number | undefined;
  responseHeaders: Record<string, string>;
  violations: Violation[];
  /** Everything wrong with this exchange; empty when it conforms. */
  problems: string[];
}

export interface RecordingFetchOptions {
  /** Prism base URLs by API (`inject("prism")`). */
  prism: Record<ApiName, string>;
  /** Where requests really go. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** When set, every `SDK-HMAC-SHA256` Authorization is recomputed from the recorded request and compared. */
  verifyAksk?: SigningCredentials;
}

export interface RecordingFetch {
  fetch: typeof fetch;
  readonly exchanges: Exchange[];
  /** All problems of all exchanges, each prefixed with its request line. */
  problems(): string[];
  /** Exchanges of one operation. */
  of(operationId: string): Exchange[];
  reset(): void;
}

export function createRecordingFetch(options: RecordingFetchOptions): RecordingFetch {
  const exchanges: Exchange[] = [];
  const upstream = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const origins = new Map<string, ApiName>(API_NAMES.map((api) => [new URL(options.prism[api]).origin, api]));

  const recordingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const bytes = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const url = new URL(request.url);
    const exchange: Exchange = {
      method: request.method,
      url: url.href,
      headers,
      body: bytes ? new TextDecoder().decode(bytes) : undefined,
      api: origins.get(url.origin),
      operationId: undefined,
      status: undefined,
      responseHeaders: {},
      violations: [],
      problems: [],
    };
    exchanges.push(exchange);

    if (!exchange.api) {
      exchange.problems.push(`${url.origin} is none of the Prism mocks (${[...origins.keys()].join(", ")})`);
    } else {
      const loaded = spec(exchange.api);
      const match = matchOperation(loaded, exchange.method, url.pathname);
      if (!match) {
        exchange.problems.push(`no ${exchange.method} operation in ${loaded.file} matches the raw path ${url.pathname}`);
      } else {
        exchange.operationId = match.op.operationId;
        exchange.problems.push(...checkRequest(loaded, match.op, match.rawParams, url, headers, exchange.body));
        if (options.verifyAksk) exchange.problems.push(...(await checkSignature(exchange, bytes, options.verifyAksk)));
      }
    }

    const response = await upstream(url.href, {
      method: request.method,
      headers: request.headers,
      ...(bytes ? { body: bytes.slice() } : {}),
      ...(init?.signal ? { signal: init.signal } : {}),
      redirect: "manual",
    });
    exchange.status = response.status;
    response.headers.forEach((value, name) => {
      exchange.responseHeaders[name.toLowerCase()] = value;
    });
    try {
      const parsed = parseViolations(response.headers.get("sl-violations"));
      exchange.violations = parsed.violations;
      for (const v of parsed.violations) exchange.problems.push(`Prism sl-violations ${formatViolation(v)}`);
      if (parsed.truncated) exchange.problems.push("Prism sl-violations: Too many violations! (header truncated)");
    } catch (err) {
      exchange.problems.push(`unreadable sl-violations header: ${(err as Error).message}`);
    }
    const prismError = await prismOwnError(response);
    if (prismError) exchange.problems.push(`Prism answered with its own error, not the spec's: ${prismError}`);

    if (exchange.problems.length) {
      throw new ContractViolation(`${exchange.method} ${url.pathname}${url.search} breaks the contract:\n  - ${exchange.problems.join("\n  - ")}`);
    }
    return response;
  };

  return {
    fetch: recordingFetch as typeof fetch,
    exchanges,
    problems: () => exchanges.flatMap((e) => e.problems.map((p) => `${e.method} ${new URL(e.url).pathname}: ${p}`)),
    of: (operationId) => exchanges.filter((e) => e.operationId === operationId),
    reset: () => {
      exchanges.length = 0;
    },
  };
}

/** A fetch that adds `headers` (e.g. `Prefer`) to every request before handing it to `next`. */
export function withHeaders(next: typeof fetch, extra: Record<string, string>): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    for (const [k, v] of Object.entries(extra)) headers.set(k, v);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    return next(request.url, {
      method: request.method,
      headers,
      ...(body ? { body } : {}),
      ...(init?.signal ? { signal: init.signal } : {}),
      redirect: "manual",
    });
  }) as typeof fetch;
}

/** Prism's own problem+json answers (its errors, not the spec's responses). */
async function prismOwnError(response: Response): Promise<string | undefined> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("application/problem+json")) return undefined;
  try {
    const body = (await response.clone().json()) as { type?: unknown; title?: unknown; detail?: unknown; validation?: unknown };
    if (typeof body.type === "string" && body.type.startsWith("https://stoplight.io/prism/errors#")) {
      return `${response.status} ${body.type.split("#")[1]}: ${String(body.title)}${body.detail ? ` — ${String(body.detail)}` : ""}${
        body.validation ? ` ${JSON.stringify(body.validation)}` : ""
      }`;
    }
  } catch {
    return `${response.status} problem+json that is not JSON`;
  }
  return undefined;
}
