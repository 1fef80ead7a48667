import type { components, operations, paths } from "../../generated/iam.js";
import { bodyOf, InvalidResponseError } from "../errors.js";
import { requestInit, type CallOptions, type ClientOptions } from "../options.js";
import { createBaseClient, type BaseClient } from "../internal/create.js";
import type { OperationEntry } from "../internal/operations.js";
import { isHeaderSafe } from "./canonical.js";

/** Body of CreateTokenByPassword. */
export type CreateTokenByPasswordRequest = components["schemas"]["CreateTokenByPasswordRequest"];
/** Body of the 201 answer: the token's details (the token itself is in a header). */
export type TokenResponse = components["schemas"]["TokenResponse"];
/** Query of CreateTokenByPassword. */
export type CreateTokenQuery = NonNullable<operations["CreateTokenByPassword"]["parameters"]["query"]>;

/** The answer of KeystoneListProjects (GET /v3/projects). */
export type ListProjectsResponse = components["schemas"]["ListProjectsResponse"];
/** The answer of CreateTemporaryAccessKeyByToken: temporary AK/SK and security token. Secret: never log it. */
export type TemporaryCredentialResponse = components["schemas"]["TemporaryCredentialResponse"];

// The IAM operations one by one, and all of them: a client is built over those it sends. Named, not a namespace
// object, so that a bundle drops the entries (and validators) no client of it sends. @internal
export {
  CreateTemporaryAccessKeyByToken,
  CreateTokenByPassword,
  CreateTokenWithIdToken,
  KeystoneListProjects,
  operations as IAM_OPERATIONS,
} from "../../generated/operations/iam.js";

/** A new IAM token and its details. */
export interface IssuedToken {
  /** The token (from `X-Subject-Token`); send it as `X-Auth-Token`. Secret: never log it. */
  token: string;
  /** When the token expires (`token.expires_at` of the body, ISO 8601 UTC); checked to be present. */
  expiresAt: string;
  /** The answer body as it came. */
  body: TokenResponse;
}

/** The IAM token request on the base client: what `passwordAuth` and the public IAM client share. @internal */
export interface IamTokenClient extends BaseClient<paths> {
  /** POST /v3/auth/tokens; `query` defaults to `{ nocatalog: "true" }`. */
  createTokenByPassword(body: CreateTokenByPasswordRequest, query?: CreateTokenQuery, options?: CallOptions): Promise<IssuedToken>;
  /** POST /v3.0/OS-AUTH/id-token/tokens: an unscoped token for an OpenID Connect ID token of identity provider `idpId`. */
  createTokenWithIdToken(idpId: string, idToken: string, options?: CallOptions): Promise<IssuedToken>;
  /** POST /v3.0/OS-CREDENTIAL/securitytokens: temporary AK/SK for `token`, valid `durationSeconds`. */
  createTemporaryAccessKeyByToken(token: string, durationSeconds: number, options?: CallOptions): Promise<TemporaryCredentialResponse>;
  /** GET /v3/projects?name={name}: the projects named `name` (the region id, for project discovery). */
  listProjectsByName(name: string, options?: CallOptions): Promise<ListProjectsResponse>;
}

/**
 * Builds the IAM base client (options checked here, `ValidationError` before any I/O) over `sends`, the IAM
 * operations it will send (of those above, so that a bundle keeps only their validators). Its transport
 * retries as the spec allows and turns error answers into typed errors. An `undefined` option counts as not given,
 * as everywhere, so the SDK's own uses pass their callers' options on as they are. @internal
 */
export function createIamTokenClient(options: { [K in keyof ClientOptions]?: ClientOptions[K] | undefined }, sends: readonly OperationEntry[]): IamTokenClient {
  const base = createBaseClient<paths>("iam", options as ClientOptions, false, sends);
  return {
    ...base,
    async createTokenByPassword(body, query = { nocatalog: "true" }, callOptions) {
      const { data, response } = await base.raw.POST("/v3/auth/tokens", {
        params: { query },
        body,
        // The media type the IAM reference asks for (the spec's first request media type).
        headers: { "Content-Type": "application/json;charset=utf8" },
        ...requestInit(callOptions),
      });
      return issuedToken(data, response);
    },
    async createTokenWithIdToken(idpId, idToken, callOptions) {
      const { data, response } = await base.raw.POST("/v3.0/OS-AUTH/id-token/tokens", {
        params: { header: { "X-Idp-Id": idpId } },
        body: { auth: { id_token: { id: idToken } } },
        ...requestInit(callOptions),
      });
      return issuedToken(data, response);
    },
    async createTemporaryAccessKeyByToken(token, durationSeconds, callOptions) {
      const body = { auth: { identity: { methods: ["token" as const], token: { id: token, duration_seconds: durationSeconds } } } };
      const { data, response } = await base.raw.POST("/v3.0/OS-CREDENTIAL/securitytokens", { body, ...requestInit(callOptions) });
      return bodyOf(data, response);
    },
    async listProjectsByName(name, callOptions) {
      const { data, response } = await base.raw.GET("/v3/projects", { params: { query: { name } }, ...requestInit(callOptions) });
      return bodyOf(data, response);
    },
  };
}

/** The token of a 201 token answer (from `X-Subject-Token`) and its checked expiry. */
function issuedToken(data: TokenResponse | undefined, response: Response): IssuedToken {
  const requestId = response.headers.get("x-request-id") ?? undefined;
  const token = response.headers.get("x-subject-token");
  if (!token) throw new InvalidResponseError("IAM answered 201 without an X-Subject-Token header", response.status, requestId);
  // Only a custom fetch can hand over such a value; sent on, it would fail every call with a raw TypeError.
  if (!isHeaderSafe(token)) throw new InvalidResponseError("IAM answered 201 with an X-Subject-Token that no header can carry", response.status, requestId);
  const answer = bodyOf(data, response);
  // No response field is required by the spec (the reference marks none), so what the SDK relies on is checked here.
  const expiresAt = answer.token?.expires_at;
  if (typeof expiresAt !== "string" || !Number.isFinite(Date.parse(expiresAt))) {
    throw new InvalidResponseError("IAM answered 201 without a valid token.expires_at", response.status, requestId);
  }
  return { token, expiresAt, body: answer };
}
