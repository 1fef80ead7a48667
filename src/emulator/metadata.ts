/**
 * Instance metadata (ECS/BMS) and pod identity (CCE) handlers, served on the emulator's loopback address in place
 * of 169.254.169.254 and the pod identity agent:
 *
 * - `PUT /meta-data/latest/api/token` with `X-Metadata-Token-Ttl-Seconds` (1–21600) → 200, the session token as
 *   text/plain; a missing or out-of-range TTL → 400.
 * - `GET /openstack/latest/securitykey` with `X-Metadata-Token` → 200 `{credential: {access, secret,
 *   securitytoken, expires_at}}` (fresh temporary credentials); a missing, unknown or expired session token → 401
 *   (when `metadataTokenRequired`); no agency → 401 "Please configure Cloud Service Agency first".
 * - `POST /pod-identity/credentials` with `Authorization: <token of the token file>` → 200, the same shape; a
 *   missing or wrong token → 401.
 *
 * Error bodies are plain `{code, message}`: these services are not behind the API gateway.
 */
import { timingSafeEqual, createHash } from "node:crypto";
import type { Handler } from "./context.js";
import type { Answer } from "./http.js";
import { credentialBody } from "./temporary.js";

/** Largest session token lifetime the metadata API grants: 6 hours, the official cores' default request. */
export const MAX_METADATA_TOKEN_TTL_SECONDS = 21600;

const AGENCY_ERROR = "Please configure Cloud Service Agency first";

function plainError(status: number, message: string): Answer {
  return { status, body: { code: status, message } };
}

function header(ctx: Parameters<Handler>[0], name: string): string | undefined {
  const v = ctx.headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

/** Constant-time text comparison (hashes first, so lengths do not leak). */
function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(h(a), h(b));
}

/** PUT /meta-data/latest/api/token */
export const createMetadataToken: Handler = (ctx) => {
  const raw = header(ctx, "x-metadata-token-ttl-seconds")?.trim();
  const ttl = raw !== undefined && /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(ttl >= 1 && ttl <= MAX_METADATA_TOKEN_TTL_SECONDS)) {
    return plainError(400, `X-Metadata-Token-Ttl-Seconds must be an integer from 1 to ${MAX_METADATA_TOKEN_TTL_SECONDS}`);
  }
  return { status: 200, text: ctx.metadataTokens.issue(ctx.now(), ttl) };
};

/** GET /openstack/latest/securitykey */
export const showSecurityKey: Handler = (ctx) => {
  const token = header(ctx, "x-metadata-token");
  if (ctx.identity.metadataTokenRequired && (token === undefined || !ctx.metadataTokens.valid(token, ctx.now()))) {
    return plainError(401, token === undefined ? "X-Metadata-Token is required" : "X-Metadata-Token is invalid or expired");
  }
  if (!ctx.identity.metadataAgency) return plainError(401, AGENCY_ERROR);
  const credential = ctx.credentials.issue("metadata", ctx.now(), ctx.identity.temporaryCredentialTtlMs);
  return { status: 200, body: credentialBody(credential) };
};

/** POST /pod-identity/credentials */
export const createPodIdentityCredentials: Handler = (ctx) => {
  const token = header(ctx, "authorization");
  if (token === undefined || !sameSecret(token.trim(), ctx.identity.podIdentityToken)) {
    return plainError(401, token === undefined ? "Authorization is required" : "Authorization token is invalid");
  }
  const credential = ctx.credentials.issue("pod-identity", ctx.now(), ctx.identity.temporaryCredentialTtlMs);
  return { status: 200, body: credentialBody(credential) };
};
