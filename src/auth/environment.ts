import { CredentialsError } from "../errors.js";
import { credentialsStrategy, envVar, notConfigured, type CredentialsStrategy, type RefreshOptions } from "./credentials.js";
import { federatedLoader, type FederatedCredentialsOptions } from "./federated.js";

/** Options of {@link environmentCredentials}. */
export interface EnvironmentCredentialsOptions extends RefreshOptions {
  /** Where the variables are read. @default process.env, read on the first call */
  env?: Record<string, string | undefined>;
}

/**
 * Credentials from the environment, with the official SDKs' names: `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`,
 * optional `HUAWEICLOUD_SDK_SECURITY_TOKEN`, `HUAWEICLOUD_SDK_PROJECT_ID`, `HUAWEICLOUD_SDK_DOMAIN_ID`,
 * `HUAWEICLOUD_SDK_IAM_ENDPOINT`; or `HUAWEICLOUD_SDK_IDP_ID` with `HUAWEICLOUD_SDK_ID_TOKEN_FILE` for
 * federation (which wins, as in the official SDKs). Read lazily, on the first call; `CredentialsError` when unset.
 */
export function environmentCredentials(options: EnvironmentCredentialsOptions = {}): CredentialsStrategy {
  const read = (name: string) => envVar(`HUAWEICLOUD_SDK_${name}`, options?.env);
  const strategy = credentialsStrategy(
    "environment",
    async (context, signal) => {
      const [ak, sk, idpId, idTokenFile] = [read("AK"), read("SK"), read("IDP_ID"), read("ID_TOKEN_FILE")];
      const tenant = { projectId: read("PROJECT_ID"), domainId: read("DOMAIN_ID"), iamEndpoint: read("IAM_ENDPOINT") };
      if (idpId && idTokenFile) {
        // Built per load from what the variables say now: a changed IAM endpoint is used at the next renewal.
        const given: FederatedCredentialsOptions = { idpId, idTokenFile, ...(tenant.iamEndpoint ? { iamEndpoint: tenant.iamEndpoint } : {}) };
        return { ...(await federatedLoader(given, "environment")(context, signal)), ...tenant };
      }
      if (ak && sk) return { accessKeyId: ak, secretAccessKey: sk, securityToken: read("SECURITY_TOKEN"), ...tenant };
      // Only names, never values.
      if (ak || sk) throw new CredentialsError(`environment: HUAWEICLOUD_SDK_${ak ? "AK" : "SK"} is set but HUAWEICLOUD_SDK_${ak ? "SK" : "AK"} is not`);
      if (idpId || idTokenFile)
        throw new CredentialsError(
          `environment: HUAWEICLOUD_SDK_${idpId ? "IDP_ID" : "ID_TOKEN_FILE"} is set but HUAWEICLOUD_SDK_${idpId ? "ID_TOKEN_FILE" : "IDP_ID"} is not`,
        );
      throw notConfigured("environment: neither HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK nor HUAWEICLOUD_SDK_IDP_ID/HUAWEICLOUD_SDK_ID_TOKEN_FILE is set");
    },
    options,
  );
  return strategy;
}
