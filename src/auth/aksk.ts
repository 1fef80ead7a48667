import { collectIssues } from "../errors.js";
import { hideSecrets, type AuthStrategy } from "../options.js";
import { signRequest, type SigningCredentials } from "./signer.js";
import { checkText } from "./token.js";

/** Access key credentials; `securityToken` for temporary keys from IAM, sent (and signed) as `X-Security-Token`. */
export type AkskCredentials = SigningCredentials;

/**
 * Signs every attempt with SDK-HMAC-SHA256 (fresh `X-Sdk-Date` each time) and adds `X-Project-Id` for
 * regional services, as the official SDKs do.
 */
export function akskAuth(credentials: AkskCredentials): AuthStrategy {
  const { accessKeyId, secretAccessKey, securityToken } = (credentials ?? {}) as Partial<AkskCredentials>;
  const issues = collectIssues("akskAuth", "auth.");
  checkText(issues, "accessKeyId", accessKeyId, true);
  // The signer writes it into `Authorization: … Access=<AK>, SignedHeaders=…`, where these would break the list.
  if (issues.issues.length === 0 && /[\s,=]/.test(accessKeyId as string)) issues.add("accessKeyId", "pattern", "must hold no whitespace, ',' or '='");
  // Only an HMAC key, yet held to the header rule: no issued key breaks it, and a pasted control is caught now.
  checkText(issues, "secretAccessKey", secretAccessKey, true);
  if (securityToken !== undefined) checkText(issues, "securityToken", securityToken, true);
  issues.done();

  // Copied into the closure so later mutation of the caller's object cannot change what we sign with, and so
  // nothing reachable from the strategy object holds the secret.
  const creds = { accessKeyId, secretAccessKey, securityToken } as AkskCredentials;
  const strategy: AuthStrategy = {
    kind: "aksk",
    async authenticate(request, context) {
      if (context.projectId && !request.headers.has("X-Project-Id")) request.headers.set("X-Project-Id", context.projectId);
      // A stale date from a previous attempt would be reused by the signer; each attempt gets a new one.
      request.headers.delete("X-Sdk-Date");
      const added = await signRequest({ method: request.method, url: request.url, headers: request.headers, body: request.body ?? null }, creds);
      for (const [name, value] of Object.entries(added)) request.headers.set(name, value);
    },
  };
  return hideSecrets(strategy, "aksk");
}
