/**
 * Authentication of APIG and DDS requests: an unexpired, project-scoped token the emulator issued
 * (`X-Auth-Token`), or an `SDK-HMAC-SHA256` signature by a configured AK/SK with `X-Sdk-Date` within 15 minutes.
 * Signatures are verified by recomputing them with the SDK's own canonicalisation over the `SignedHeaders` the
 * client listed, the raw request path and query, and the exact body bytes received.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { canonicalRequest, stringToSign } from "../auth/canonical.js";
import { formatSdkDate, hmacSha256Hex } from "../auth/signer.js";
import type { EmulatorState } from "./state.js";
import type { TemporaryCredentialStore } from "./temporary.js";
import type { TokenStore } from "./tokens.js";

/** Largest allowed distance between `X-Sdk-Date` and the emulator's clock: 15 minutes. */
export const MAX_SIGNATURE_SKEW_MS = 15 * 60 * 1000;

/** Who sent an accepted request. */
export interface Principal {
  kind: "token" | "aksk";
  /** The token's project, or the signed `X-Project-Id`; `undefined` when the request names none. */
  projectId: string | undefined;
}

/** Why a request was refused. Token reasons map to `APIC.71xx` on APIG; everything else is `APIGW.0301`. */
export type AuthFailureReason = "missing" | "token-invalid" | "token-expired" | "token-unscoped" | "aksk";

/** The outcome of {@link authenticate}. */
export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: AuthFailureReason; message: string };

/** What {@link authenticate} needs from a request. */
export interface AuthInput {
  method: string;
  /** The raw request target (`req.url`): path and query exactly as received. */
  rawUrl: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const PREFIX = "Incorrect IAM authentication information";
const AUTHORIZATION_RE = /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/;
const SDK_DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const MAX_ECHO = 3500;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

function fail(reason: AuthFailureReason, message: string): AuthResult {
  return { ok: false, reason, message };
}

/** Checks the credentials of one request at time `now` (epoch ms). */
export async function authenticate(
  input: AuthInput,
  state: EmulatorState,
  tokens: TokenStore,
  temporary: TemporaryCredentialStore,
  now: number,
): Promise<AuthResult> {
  const token = header(input.headers, "x-auth-token");
  if (token !== undefined && token !== "") {
    const record = tokens.lookup(token);
    if (!record) return fail("token-invalid", "Incorrect token or token resolution failed");
    if (record.expiresAt <= now) return fail("token-expired", "The token has expired");
    if (!record.project) return fail("token-unscoped", "The token is not scoped to a project");
    return { ok: true, principal: { kind: "token", projectId: record.project.id } };
  }
  const authorization = header(input.headers, "authorization");
  if (authorization === undefined || authorization === "") return fail("missing", "The token is missing");
  return verifySignature(input, authorization, state, temporary, now);
}

function parseSdkDate(value: string): number | undefined {
  const m = SDK_DATE_RE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(ms) ? undefined : ms;
}

async function verifySignature(
  input: AuthInput,
  authorization: string,
  state: EmulatorState,
  temporary: TemporaryCredentialStore,
  now: number,
): Promise<AuthResult> {
  const m = AUTHORIZATION_RE.exec(authorization);
  if (!m) return fail("aksk", `${PREFIX}: Authorization is not of the form "SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…"`);
  const [, accessKeyId = "", signedList = "", signature = ""] = m;
  // Temporary credentials (metadata, pod identity, securitytokens) are valid until their expiry only.
  const issued = state.accessKeys.has(accessKeyId) ? undefined : temporary.lookup(accessKeyId);
  const key = state.accessKeys.get(accessKeyId) ?? issued;
  if (!key) return fail("aksk", `${PREFIX}: access key ${accessKeyId} does not exist`);
  if (issued && issued.expiresAt <= now) return fail("aksk", `${PREFIX}: the temporary access key ${accessKeyId} has expired`);

  const signedHeaders = signedList.toLowerCase().split(";");
  const sdkDate = header(input.headers, "x-sdk-date")?.trim();
  const signedAt = sdkDate === undefined ? undefined : parseSdkDate(sdkDate);
  if (sdkDate === undefined || signedAt === undefined) return fail("aksk", `${PREFIX}: X-Sdk-Date is missing or not in the YYYYMMDDTHHMMSSZ format`);
  if (!signedHeaders.includes("x-sdk-date")) return fail("aksk", `${PREFIX}: x-sdk-date is not in SignedHeaders`);
  if (Math.abs(now - signedAt) > MAX_SIGNATURE_SKEW_MS) {
    return fail("aksk", `${PREFIX}: verify aksk signature fail, signature expired, signature time:${sdkDate}, server time:${formatSdkDate(new Date(now))}`);
  }
  if (key.securityToken !== undefined) {
    const sent = header(input.headers, "x-security-token");
    if (sent === undefined || !signedHeaders.includes("x-security-token") || !sameText(sent, key.securityToken)) {
      return fail("aksk", `${PREFIX}: the security token of these temporary credentials is missing, not signed or wrong`);
    }
  }

  const values: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(input.headers, name);
    if (value === undefined) return fail("aksk", `${PREFIX}: verify aksk signature fail, signed header ${name} is not in the request`);
    values[name] = value;
  }
  const host = header(input.headers, "host") ?? "localhost";
  let url: URL;
  try {
    url = new URL(`http://${host}${input.rawUrl}`);
  } catch {
    return fail("aksk", `${PREFIX}: verify aksk signature fail, the request URL cannot be parsed`);
  }
  const payloadHash = header(input.headers, "x-sdk-content-sha256")?.trim() ?? createHash("sha256").update(input.body).digest("hex");
  const canonical = canonicalRequest({ method: input.method, url, headers: values, signedHeaders, payloadHash });
  const expected = await hmacSha256Hex(key.secretAccessKey, stringToSign(sdkDate, createHash("sha256").update(canonical).digest("hex")));
  if (!sameText(signature.toLowerCase(), expected)) {
    // Echoed like the real gateway does, minus the one signed value that is a secret.
    const echo = canonical.replace(/^x-security-token:.*$/m, "x-security-token:[REDACTED]").replace(/\n/g, "|");
    return fail("aksk", `${PREFIX}: verify aksk signature fail, canonicalRequest:${echo.length > MAX_ECHO ? `${echo.slice(0, MAX_ECHO)}…` : echo}`);
  }
  const projectId = header(input.headers, "x-project-id");
  if (projectId !== undefined && !signedHeaders.includes("x-project-id")) return fail("aksk", `${PREFIX}: x-project-id is not in SignedHeaders`);
  return { ok: true, principal: { kind: "aksk", projectId } };
}

/** Constant-time comparison of two strings. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
