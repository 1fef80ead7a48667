import { CredentialsError, collectIssues, HuaweiCloudError } from "../errors.js";
import { regionalEndpoint, type AuthContext, type ClientOptions } from "../options.js";
import { credentialsFromAnswer, credentialsStrategy, envVar, type CredentialLoader, type CredentialsStrategy, type RefreshOptions } from "./credentials.js";
import { readTextFile } from "./credential-fetch.js";
import { createIamTokenClient, CreateTemporaryAccessKeyByToken, CreateTokenWithIdToken } from "./iam-token.js";
import { checkText } from "./token.js";

/** The IAM endpoint of the official SDKs when neither an endpoint nor a region is known. */
export const DEFAULT_IAM_ENDPOINT = "https://iam.myhuaweicloud.com";

/** Options of {@link federatedCredentials}. */
export interface FederatedCredentialsOptions extends RefreshOptions, Pick<ClientOptions, "allowInsecureHttp" | "timeoutMs" | "maxRetries"> {
  /** ID of the OpenID Connect identity provider configured in IAM (sent as `X-Idp-Id`). */
  idpId: string;
  /** File holding the ID token; read again on every refresh, so a rotated token is picked up. */
  idTokenFile: string;
  /**
   * IAM endpoint of the exchange. @default `HUAWEICLOUD_SDK_IAM_ENDPOINT`, else the client's `iamEndpoint`, else
   * the IAM endpoint of `region`, else https://iam.myhuaweicloud.com
   */
  iamEndpoint?: string;
  /** Region whose IAM endpoint is used when no endpoint is given. */
  region?: string;
  /** Lifetime asked for the temporary credentials, in seconds (900 to 86400). @default 21600 (6 h, as the official SDKs) */
  durationSeconds?: number;
}

/**
 * The federation exchange as a loader, for the providers that find federation settings (environment, profile):
 * the ID token file is read, exchanged for an unscoped IAM token (CreateTokenWithIdToken), then for temporary
 * AK/SK (CreateTemporaryAccessKeyByToken). @internal
 */
export function federatedLoader(options: FederatedCredentialsOptions, provider = "federated"): CredentialLoader {
  const { idpId, idTokenFile, durationSeconds = 21_600 } = options;
  const issues = collectIssues(`${provider} credentials`);
  checkText(issues, "idpId", idpId, true);
  checkText(issues, "idTokenFile", idTokenFile, false);
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 86_400)
    issues.add("durationSeconds", "maximum", "must be an integer from 900 to 86400");
  issues.done();
  return async (context: AuthContext, signal) => {
    const endpoint =
      options.iamEndpoint ??
      envVar("HUAWEICLOUD_SDK_IAM_ENDPOINT") ??
      context.iamEndpoint ??
      (options.region ? regionalEndpoint("iam", options.region) : DEFAULT_IAM_ENDPOINT);
    const text = await readTextFile(idTokenFile).catch((err: unknown) => {
      throw new CredentialsError(`${provider}: the ID token file ${idTokenFile} cannot be read (${(err as { code?: string }).code ?? "error"})`);
    });
    if (text === undefined) throw new CredentialsError(`${provider}: the ID token file ${idTokenFile} does not exist`);
    const idToken = text.trim();
    if (!idToken) throw new CredentialsError(`${provider}: the ID token file ${idTokenFile} is empty`);
    // A new IAM client per exchange (they are minutes apart): each goes through this call's fetch and logger.
    const { allowInsecureHttp, timeoutMs, maxRetries } = options;
    const given = { endpoint, allowInsecureHttp, timeoutMs, maxRetries, logger: context.logger, logLevel: "debug" as const };
    const sends = [CreateTokenWithIdToken, CreateTemporaryAccessKeyByToken];
    const iam = createIamTokenClient({ ...given, fetch: (input, init) => context.fetch(input, init) }, sends);
    try {
      const { token } = await iam.createTokenWithIdToken(idpId, idToken, { signal });
      return credentialsFromAnswer(`${provider} (IAM securitytokens)`, await iam.createTemporaryAccessKeyByToken(token, durationSeconds, { signal }));
    } catch (err) {
      if (err instanceof CredentialsError || !(err instanceof HuaweiCloudError) || err.name === "AbortError") throw err;
      // The IAM error (typed, secrets scrubbed by the transport) stays the cause.
      throw new CredentialsError(`${provider}: the IAM federation exchange at ${endpoint} failed (${err.name}: ${err.message})`, [], { cause: err });
    }
  };
}

/**
 * Temporary credentials for a federated identity: an OpenID Connect ID token (from `idTokenFile`) exchanged with
 * IAM, refreshed before they expire. `CredentialsError` when the file is missing or empty or IAM refuses.
 */
export function federatedCredentials(options: FederatedCredentialsOptions): CredentialsStrategy {
  return credentialsStrategy("federated", federatedLoader(options ?? ({} as FederatedCredentialsOptions)), options);
}
