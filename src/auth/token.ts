import { ValidationError } from "../errors.js";
import { hideSecrets, type AuthStrategy } from "../options.js";

/** A token, or a function that returns the current one (called on every attempt). */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * Authenticates with an IAM token in `X-Auth-Token`. Pass a function to rotate tokens without rebuilding the
 * client.
 */
export function tokenAuth(token: TokenSource): AuthStrategy {
  if (typeof token === "string") checkToken(token);
  else if (typeof token !== "function") {
    throw new ValidationError([{ path: "auth.token", keyword: "type", message: "must be a string or a function returning one" }]);
  }
  const strategy: AuthStrategy = {
    kind: "token",
    async authenticate(request) {
      const value = typeof token === "string" ? token : checkToken(await token());
      request.headers.set("X-Auth-Token", value);
    },
  };
  return hideSecrets(strategy, "token");
}

function checkToken(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new ValidationError([{ path: "auth.token", keyword: "minLength", message: "must be a non-empty string" }]);
  }
  if (/[\r\n]/.test(value)) {
    throw new ValidationError([{ path: "auth.token", keyword: "pattern", message: "must not contain CR or LF" }]);
  }
  return value;
}
