import { CredentialsError, ValidationError } from "../errors.js";
import { credentialsFromAnswer, credentialsStrategy, envVar, notConfigured, type CredentialsStrategy, type RefreshOptions } from "./credentials.js";
import { fetchFromSource, readTextFile } from "./credential-fetch.js";

/** Options of {@link podIdentityCredentials}. */
export interface PodIdentityCredentialsOptions extends RefreshOptions {
  /** Time limit of the credentials request, in ms, including reading the answer. @default 5000 (as the official SDKs) */
  timeoutMs?: number;
  /** `fetch` for the request. @default the client's fetch */
  fetch?: typeof fetch;
  /** Where the variables are read. @default process.env, read on the first call */
  env?: Record<string, string | undefined>;
}

/**
 * Temporary credentials of a CCE pod identity: `POST` to `HC_CONTAINER_CREDENTIALS_FULL_URI` with the token read
 * from `HC_CONTAINER_AUTHORIZATION_TOKEN_FILE` as `Authorization`, refreshed before they expire. No redirects are
 * followed. `CredentialsError` when the variables are unset, the file is missing or the agent refuses.
 */
export function podIdentityCredentials(options: PodIdentityCredentialsOptions = {}): CredentialsStrategy {
  const { timeoutMs = 5000 } = options ?? {};
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000) {
    throw new ValidationError([{ path: "timeoutMs", keyword: "maximum", message: "must be an integer from 1 to 60000" }], "podIdentityCredentials");
  }
  return credentialsStrategy(
    "podIdentity",
    async (context, signal) => {
      const uri = envVar("HC_CONTAINER_CREDENTIALS_FULL_URI", options?.env);
      const file = envVar("HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", options?.env);
      if (!uri || !file) throw notConfigured("podIdentity: HC_CONTAINER_CREDENTIALS_FULL_URI and HC_CONTAINER_AUTHORIZATION_TOKEN_FILE must both be set");
      if (!URL.canParse(uri) || !/^https?:$/.test(new URL(uri).protocol))
        throw new CredentialsError("podIdentity: HC_CONTAINER_CREDENTIALS_FULL_URI is not an http(s) URL");
      const token = (await readTextFile(file).catch(() => undefined))?.trim();
      if (!token) throw new CredentialsError(`podIdentity: the token file ${file} is missing, unreadable or empty`);
      const init = { method: "POST", headers: { Authorization: token, "Content-Type": "application/json" }, body: "{}" };
      const answer = await fetchFromSource("podIdentity", options?.fetch ?? context.fetch, uri, init, timeoutMs, signal);
      if (answer.status !== 200) throw new CredentialsError(`podIdentity: the credentials request answered ${answer.status}`);
      return credentialsFromAnswer("podIdentity", answer.text, true);
    },
    options,
  );
}
