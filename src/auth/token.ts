import { collectIssues, type IssueCollector } from "../errors.js";
import { hideSecrets, type AuthStrategy } from "../options.js";
import { abortable } from "../internal/sleep.js";
import { isHeaderSafe } from "./canonical.js";

/** A token, or a function that returns the current one (called on every attempt). */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * The one check of every strategy's text input: records why `value` is not a non-empty string or, when it is
 * sent in a header or signed, why no header could carry it ({@link isHeaderSafe}). Messages never hold the value,
 * which is a secret. @internal
 */
export function checkText(issues: IssueCollector, path: string, value: unknown, inHeader: boolean): void {
  if (typeof value !== "string" || value.length === 0) issues.add(path, "minLength", "must be a non-empty string");
  else if (inHeader && !isHeaderSafe(value)) {
    issues.add(path, "pattern", "must hold no control character (CR, LF, NUL, TAB, DEL…) and no character above U+00FF");
  }
}

/**
 * Authenticates with an IAM token in `X-Auth-Token`. Pass a function to rotate tokens without rebuilding the
 * client; what it returns is checked on every attempt, and the caller's signal bounds the wait for it.
 */
export function tokenAuth(token: TokenSource): AuthStrategy {
  if (typeof token !== "function") checkToken(token);
  const strategy: AuthStrategy = {
    kind: "token",
    async authenticate(request, context) {
      // A token function that never settles must not outlive the caller's abort.
      const current = typeof token === "string" ? token : await abortable(Promise.resolve(token()), context?.signal, "the token function");
      request.headers.set("X-Auth-Token", checkToken(current));
    },
  };
  return hideSecrets(strategy, "token");
}

function checkToken(value: unknown): string {
  const issues = collectIssues("tokenAuth", "auth.");
  checkText(issues, "token", value, true);
  issues.done();
  return value as string;
}
