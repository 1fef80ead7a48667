import { ValidationError, type ValidationIssue } from "../errors.js";
import { signRequest, type SigningCredentials } from "./signer.js";
import { hideSecrets, type AuthStrategy } from "../options.js";

/** Access key credentials; `securityToken` for temporary keys from IAM. */
export interface AkskCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials' token, sent (and signed) as `X-Security-Token`. */
  securityToken?: string;
}

/**
 * Signs every attempt with SDK-HMAC-SHA256 (fresh `X-Sdk-Date` each time) and adds `X-Project-Id` for
 * regional services, as the official SDKs do.
 */
export function akskAuth(credentials: AkskCredentials): AuthStrategy {
  const issues: ValidationIssue[] = [];
  const c = (credentials ?? {}) as Partial<AkskCredentials>;
  for (const field of ["accessKeyId", "secretAccessKey"] as const) {
    const v = c[field];
    if (typeof v !== "string" || v.length === 0) issues.push({ path: `auth.${field}`, keyword: "required", message: "must be a non-empty string" });
    else if (/[\r\n]/.test(v)) issues.push({ path: `auth.${field}`, keyword: "pattern", message: "must not contain CR or LF" });
  }
  if (c.securityToken !== undefined && (typeof c.securityToken !== "string" || c.securityToken === "" || /[\r\n]/.test(c.securityToken))) {
    issues.push({ path: "auth.securityToken", keyword: "pattern", message: "must be a non-empty string without CR or LF" });
  }
  if (issues.length) throw new ValidationError(issues, "akskAuth");

  // Copied into the closure so later mutation of the caller's object cannot change what we sign with, and so
  // nothing reachable from the strategy object holds the secret.
  const creds: SigningCredentials = {
    accessKeyId: c.accessKeyId as string,
    secretAccessKey: c.secretAccessKey as string,
    ...(c.securityToken !== undefined ? { securityToken: c.securityToken } : {}),
  };
  const strategy: AuthStrategy = {
    kind: "aksk",
    async authenticate(request, context) {
      if (context.projectId && !request.headers.has("X-Project-Id")) request.headers.set("X-Project-Id", context.projectId);
      // A stale date from a previous attempt would be reused by the signer; each attempt gets a new one.
      request.headers.delete("X-Sdk-Date");
      const added = await signRequest(
        { method: request.method, url: request.url, headers: request.headers, body: request.body ?? null },
        creds,
      );
      for (const [name, value] of Object.entries(added)) request.headers.set(name, value);
    },
  };
  return hideSecrets(strategy, "aksk");
}
