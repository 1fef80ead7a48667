import type { paths } from "../../generated/iam.js";
import type { CallOptions, ClientOptions } from "../options.js";
import { describeClient, type BaseClient } from "../internal/create.js";
import { createIamTokenClient, IAM_OPERATIONS, type CreateTokenByPasswordRequest, type CreateTokenQuery, type IssuedToken } from "../auth/iam-token.js";

export type { CreateTokenByPasswordRequest, CreateTokenQuery, IssuedToken, TokenResponse } from "../auth/iam-token.js";

/** Options of {@link createIamClient}. IAM calls need no `projectId` and usually no `auth`. */
export type IamClientOptions = ClientOptions;

/** Typed client of the IAM token operation. */
export interface IamClient {
  /** Gets a token with a password (POST /v3/auth/tokens); `query` defaults to `{ nocatalog: "true" }`. */
  createTokenByPassword(body: CreateTokenByPasswordRequest, query?: CreateTokenQuery, options?: CallOptions): Promise<IssuedToken>;
  /** openapi-fetch client for the IAM spec, with retries and typed errors applied. */
  readonly raw: BaseClient<paths>["raw"];
}

/** Creates an IAM client. Throws `ValidationError` for bad options, before any I/O. */
export function createIamClient(options: IamClientOptions): IamClient {
  const { raw, options: resolved, createTokenByPassword } = createIamTokenClient(options, IAM_OPERATIONS);
  return describeClient<IamClient>({ createTokenByPassword, raw }, "IamClient", resolved);
}
