/**
 * The contract tests' own checks of a request, made against the same spec file Prism mocks (Ajv 2020), for what
 * Prism lets through: undocumented query parameters and headers, a raw path whose parameters are not
 * percent-encoded, a body sent to an operation without one, credentials sent to an operation without security,
 * and an AK/SK `Authorization` that does not match the bytes on the wire. recording-fetch.ts runs them on every
 * attempt; each returns the problems it found, empty when the request conforms.
 */
import { signRequest, type SigningCredentials } from "../../src/auth/signer.js";
import { LoadedSpec } from "./loaded-spec.js";
import type { Operation, Parameter } from "./spec-types.js";

/** Headers any request may carry without the spec documenting them: transport, auth and Prism control. */
export const ALLOWED_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "x-auth-token",
  "x-sdk-date",
  "x-project-id",
  "x-security-token",
  "content-type",
  "content-length",
  "user-agent",
  "accept",
  "accept-encoding",
  "host",
  "connection",
  "prefer",
]);

/** Credential headers; an operation declaring `security: []` must not receive them. */
const CREDENTIAL_HEADERS = ["authorization", "x-auth-token", "x-security-token"];

interface Match {
  op: Operation;
  /** Raw (still percent-encoded) path parameter values by name. */
  rawParams: Record<string, string>;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The operation whose method and path template match a raw path; literal segments must match exactly. */
export function matchOperation(loaded: LoadedSpec, method: string, rawPath: string): Match | undefined {
  for (const op of loaded.operations) {
    if (op.method !== method.toUpperCase()) continue;
    const names: string[] = [];
    const source = op.path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{([^}]+)\}$/.exec(part);
        if (!m) return escapeRe(part);
        names.push(m[1] as string);
        return "([^/]+)";
      })
      .join("");
    const m = new RegExp(`^${source}$`).exec(rawPath);
    if (m) return { op, rawParams: Object.fromEntries(names.map((n, i) => [n, m[i + 1] as string])) };
  }
  return undefined;
}

/** RFC 3986 strict encoding: `encodeURIComponent` plus `!'()*`. */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Coerces a query/header string the way Prism does before schema validation (by the schema's type). */
function coerce(schema: Parameter["schema"], raw: string): unknown {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("integer") && /^-?\d+$/.test(raw)) return Number(raw);
  if (types.includes("number") && raw.trim() !== "" && !Number.isNaN(Number(raw))) return Number(raw);
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

function checkParam(loaded: LoadedSpec, where: string, p: Parameter, value: unknown): string[] {
  return LoadedSpec.describe(loaded.validate(p.schema, value), `${where} parameter ${p.name}`);
}

/** The checks Prism does not make, plus a second opinion on those it does. */
export function checkRequest(
  loaded: LoadedSpec,
  op: Operation,
  rawParams: Record<string, string>,
  url: URL,
  headers: Record<string, string>,
  body: string | undefined,
): string[] {
  const problems: string[] = [];

  // Path: every parameter present, percent-encoded, and valid once decoded.
  for (const p of op.parameters.filter((x) => x.in === "path")) {
    const raw = rawParams[p.name];
    if (raw === undefined) {
      problems.push(`path parameter ${p.name} is missing`);
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      problems.push(`path parameter ${p.name} is not valid percent-encoding: ${raw}`);
      continue;
    }
    if (raw !== encodeURIComponent(decoded) && raw !== rfc3986(decoded)) {
      problems.push(`path parameter ${p.name} is not percent-encoded: sent ${raw}, expected ${encodeURIComponent(decoded)}`);
    }
    problems.push(...checkParam(loaded, "path", p, decoded));
  }

  // Query: only documented names, each once (no array parameters in these specs), valid after coercion.
  const query = new URLSearchParams(url.search);
  const seen = new Map<string, string[]>();
  for (const [name, value] of query) seen.set(name, [...(seen.get(name) ?? []), value]);
  for (const [name, values] of seen) {
    const p = op.parameters.find((x) => x.in === "query" && x.name === name);
    if (!p) {
      problems.push(`query parameter ${name} is not documented by ${op.operationId}`);
      continue;
    }
    if (values.length > 1 && p.schema.type !== "array") problems.push(`query parameter ${name} is repeated`);
    for (const v of values) problems.push(...checkParam(loaded, "query", p, coerce(p.schema, v)));
  }
  for (const p of op.parameters.filter((x) => x.in === "query" && x.required && !seen.has(x.name))) {
    problems.push(`required query parameter ${p.name} is missing`);
  }

  // Headers: documented parameters, security scheme headers and the transport allow-list only.
  const schemes = loaded.headerSchemes();
  const schemeHeaders = new Set([...schemes.values()].map((s) => s.header));
  for (const [name, value] of Object.entries(headers)) {
    const p = op.parameters.find((x) => x.in === "header" && x.name.toLowerCase() === name);
    if (p) problems.push(...checkParam(loaded, "header", p, coerce(p.schema, value)));
    else if (!ALLOWED_HEADERS.has(name) && !schemeHeaders.has(name)) problems.push(`header ${name} is not documented by ${op.operationId}`);
    if (/[\r\n]/.test(value)) problems.push(`header ${name} contains CR/LF`);
  }
  for (const p of op.parameters.filter((x) => x.in === "header" && x.required && !(x.name.toLowerCase() in headers))) {
    problems.push(`required header ${p.name} is missing`);
  }

  // Security: some requirement satisfied; none at all sent where the operation needs no credentials.
  if (op.security.length === 0) {
    for (const h of CREDENTIAL_HEADERS) if (h in headers) problems.push(`${op.operationId} needs no credentials but the request carries ${h}`);
  } else {
    const satisfied = op.security.some((req) =>
      Object.keys(req).every((scheme) => {
        const s = schemes.get(scheme);
        return s !== undefined && s.header in headers;
      }),
    );
    if (!satisfied)
      problems.push(`no security requirement of ${op.operationId} is satisfied (${op.security.map((r) => Object.keys(r).join("+")).join(" | ")})`);
  }

  // Body.
  const hasBody = body !== undefined && body !== "";
  if (!op.requestBody) {
    if (hasBody) problems.push(`${op.operationId} documents no request body but one was sent`);
  } else if (!hasBody) {
    if (op.requestBody.required) problems.push(`${op.operationId} requires a request body`);
  } else {
    const type = (headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (!op.requestBody.mediaTypes.includes(type)) problems.push(`content-type ${type || "(none)"} is not one of ${op.requestBody.mediaTypes.join(", ")}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      problems.push("request body is not JSON");
    }
    if (parsed !== undefined && op.requestBody.schema) {
      problems.push(...LoadedSpec.describe(loaded.validate(op.requestBody.schema, parsed), "request body"));
    }
  }
  return problems;
}

const AUTH_RE = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})$/;

/** The part of an `Exchange` (recording-fetch.ts) a signature depends on; structural, so no import cycle. */
interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** Re-signs the recorded request (same date, same signed headers) and compares with the Authorization sent. */
export async function checkSignature(exchange: SentRequest, bytes: Uint8Array | undefined, creds: SigningCredentials): Promise<string[]> {
  const auth = exchange.headers.authorization;
  if (auth === undefined) return [];
  const m = AUTH_RE.exec(auth);
  if (!m) return [`Authorization is not SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=<64 hex>: ${auth.replace(/Signature=\S+/, "Signature=…")}`];
  const problems: string[] = [];
  if (m[1] !== creds.accessKeyId) problems.push("Authorization names another access key");
  const date = exchange.headers["x-sdk-date"];
  if (!date || !/^\d{8}T\d{6}Z$/.test(date)) problems.push(`X-Sdk-Date missing or malformed: ${String(date)}`);
  const signed = (m[2] as string).split(";");
  for (const h of signed) if (h !== "host" && !(h in exchange.headers)) problems.push(`signed header ${h} is not in the request`);
  if (problems.length) return problems;
  const { authorization: _sent, ...unsigned } = exchange.headers;
  const expected = await signRequest({ method: exchange.method, url: exchange.url, headers: unsigned, body: bytes ?? null }, creds, {
    signedHeaders: signed.filter((h) => h !== "x-sdk-date" && h !== "x-security-token"),
  });
  if (expected.Authorization !== auth) problems.push("Authorization does not match a signature of the bytes, path and headers actually sent");
  return problems;
}
