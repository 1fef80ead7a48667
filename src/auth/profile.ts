import { CredentialsError } from "../errors.js";
import { credentialsStrategy, envVar, notConfigured, type CredentialsStrategy, type RefreshOptions } from "./credentials.js";
import { readTextFile } from "./credential-fetch.js";
import { federatedLoader } from "./federated.js";
import { parseIni } from "./ini.js";

/** Environment variable naming the credentials file, as in the official SDKs. */
export const CREDENTIALS_FILE_ENV = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";

/** Options of {@link profileCredentials}. */
export interface ProfileCredentialsOptions extends RefreshOptions {
  /** The credentials file. @default `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else `~/.huaweicloud/credentials` */
  path?: string;
  /** The section read: `basic` for regional services (project scoped), `global` for global ones. @default "basic" */
  profile?: string;
  /** Where `HUAWEICLOUD_SDK_CREDENTIALS_FILE` is read. @default process.env */
  env?: Record<string, string | undefined>;
}

/** The credentials file the profile provider reads: the option, the environment variable, or the default. @internal */
export async function profilePath(path?: string, env?: Record<string, string | undefined>): Promise<string> {
  if (path !== undefined) return path;
  const fromEnv = envVar(CREDENTIALS_FILE_ENV, env);
  if (fromEnv) return fromEnv;
  // The home directory as Node's os.homedir() finds it, without loading node:os (see readTextFile).
  const home = envVar("HOME", env) ?? envVar("USERPROFILE", env) ?? "~";
  return `${home.replace(/[\\/]+$/, "")}/.huaweicloud/credentials`;
}

/**
 * Credentials from the INI credentials file of the official SDKs (`~/.huaweicloud/credentials`): in section
 * `profile`, `ak` and `sk` (optional `security_token`), or `idp_id` and `id_token_file` for federation (which
 * wins); optional `project_id`, `domain_id`, `iam_endpoint`. Read on the first call. `CredentialsError` (naming
 * the file and line, never a value) when the file is missing, malformed or lacks the keys.
 */
export function profileCredentials(options: ProfileCredentialsOptions = {}): CredentialsStrategy {
  const section = options?.profile ?? "basic";
  return credentialsStrategy(
    "profile",
    async (context, signal) => {
      const file = await profilePath(options?.path, options?.env);
      const text = await readTextFile(file).catch((err: unknown) => {
        throw new CredentialsError(`profile: ${file} cannot be read (${(err as { code?: string }).code ?? "error"})`);
      });
      if (text === undefined) throw notConfigured(`profile: no credentials file at ${file}`);
      const values = parseIni(text, file).get(section);
      if (!values) throw notConfigured(`profile: ${file} has no [${section}] section`);
      const get = (key: string) => values.get(key) || undefined;
      const tenant = { projectId: get("project_id"), domainId: get("domain_id"), iamEndpoint: get("iam_endpoint") };
      const [ak, sk, idpId, idTokenFile] = [get("ak"), get("sk"), get("idp_id"), get("id_token_file")];
      if (idpId && idTokenFile) {
        const given = { idpId, idTokenFile, ...(tenant.iamEndpoint ? { iamEndpoint: tenant.iamEndpoint } : {}) };
        return { ...(await federatedLoader(given, "profile")(context, signal)), ...tenant };
      }
      if (ak && sk) return { accessKeyId: ak, secretAccessKey: sk, securityToken: get("security_token"), ...tenant };
      throw new CredentialsError(`profile: [${section}] of ${file} has neither ak and sk nor idp_id and id_token_file`);
    },
    options,
  );
}
