/**
 * IAM federation handlers:
 *
 * - CreateTokenWithIdToken (`POST /v3.0/OS-AUTH/id-token/tokens`): the configured identity provider id in
 *   `X-Idp-Id` and its ID token in `auth.id_token.id` → 201 with an unscoped token of a federated user in
 *   `X-Subject-Token`; a wrong provider or ID token → 401 Keystone-style; a malformed body → 400 `IAM.0007`.
 * - CreateTemporaryAccessKeyByToken (`POST /v3.0/OS-CREDENTIAL/securitytokens`): an unexpired token the emulator
 *   issued (in `auth.identity.token.id`, else `X-Auth-Token`) → 201 `{credential: {access, secret,
 *   securitytoken, expires_at}}`, valid `duration_seconds` (900–86400, default 900) unless the emulator's
 *   `temporaryCredentialTtlMs` is set; an unknown or expired token → 401.
 */
import { timingSafeEqual, createHash } from "node:crypto";
import type { Handler } from "./context.js";
import { keystoneError, serviceError } from "./errors.js";
import { isoTime, type Answer } from "./http.js";
import { derivedId, type UserState } from "./state.js";
import { credentialBody } from "./temporary.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;

const invalidParameter = (path: string): Answer => serviceError(400, "IAM.0007", `Request parameter ${path} is invalid.`);
const unauthenticated = (): Answer => keystoneError(401, "The request you have made requires authentication.");

/** Constant-time text comparison (hashes first, so lengths do not leak). */
function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(h(a), h(b));
}

/** The federated user the ID token maps to: in the first seeded user's account, else an emulator account. */
function federatedUser(users: readonly UserState[], idpId: string): UserState {
  const domainName = users[0]?.domainName ?? "emulator-account";
  return {
    domainName,
    domainId: users[0]?.domainId ?? derivedId("domain", domainName),
    userName: "FederationUser",
    userId: derivedId("federated-user", idpId),
    password: "",
    projects: [],
    roles: [],
  };
}

/** POST /v3.0/OS-AUTH/id-token/tokens */
export const createTokenWithIdToken: Handler = (ctx) => {
  const body = ctx.body;
  if (!isObj(body) || !isObj(body.auth)) return keystoneError(400, "The request body is invalid.");
  const idToken = isObj(body.auth.id_token) ? body.auth.id_token.id : undefined;
  if (!isText(idToken)) return invalidParameter("auth.id_token.id");
  const idpId = ctx.headers["x-idp-id"];
  if (typeof idpId !== "string" || idpId === "") return invalidParameter("X-Idp-Id");
  // Both checked, so that a wrong provider and a wrong token take the same time.
  const idpOk = sameSecret(idpId, ctx.identity.idpId);
  const tokenOk = sameSecret(idToken, ctx.identity.idToken);
  if (!idpOk || !tokenOk) return unauthenticated();

  const user = federatedUser(ctx.state.users, ctx.identity.idpId);
  const { token, record } = ctx.tokens.issue(user, undefined, ctx.now(), ctx.timings.tokenTtlMs);
  const domain = { id: user.domainId, name: user.domainName };
  return {
    status: 201,
    headers: { "X-Subject-Token": token },
    body: {
      token: {
        methods: ["mapped"],
        expires_at: isoTime(record.expiresAt),
        issued_at: isoTime(record.issuedAt),
        user: { id: user.userId, name: user.userName, password_expires_at: null, domain },
      },
    },
  };
};

/** POST /v3.0/OS-CREDENTIAL/securitytokens */
export const createTemporaryAccessKeyByToken: Handler = (ctx) => {
  const body = ctx.body;
  if (!isObj(body) || !isObj(body.auth)) return keystoneError(400, "The request body is invalid.");
  const identity = body.auth.identity;
  if (!isObj(identity)) return invalidParameter("auth.identity");
  const methods = identity.methods;
  if (!Array.isArray(methods) || methods.length !== 1 || methods[0] !== "token") return invalidParameter("auth.identity.methods");
  const token = identity.token;
  if (token !== undefined && !isObj(token)) return invalidParameter("auth.identity.token");
  const duration = token?.duration_seconds ?? 900;
  if (typeof duration !== "number" || !Number.isInteger(duration) || duration < 900 || duration > 86400) {
    return invalidParameter("auth.identity.token.duration_seconds");
  }
  if (token?.id !== undefined && !isText(token.id)) return invalidParameter("auth.identity.token.id");
  const headerToken = ctx.headers["x-auth-token"];
  const tokenId = (token?.id as string | undefined) ?? (typeof headerToken === "string" && headerToken !== "" ? headerToken : undefined);
  if (tokenId === undefined) return unauthenticated();
  const record = ctx.tokens.lookup(tokenId);
  if (!record || record.expiresAt <= ctx.now()) return unauthenticated();

  const ttl = ctx.identity.ttlOverridesDuration ? ctx.identity.temporaryCredentialTtlMs : duration * 1000;
  return { status: 201, body: credentialBody(ctx.credentials.issue("federation", ctx.now(), ttl)) };
};
