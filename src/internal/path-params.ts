import { defaultPathSerializer } from "openapi-fetch";
import { ValidationError } from "../errors.js";
import { pathParamIssues } from "../options.js";

/** Throws {@link ValidationError} listing every bad path parameter. */
export function assertPathParams(params: Record<string, unknown>): void {
  const issues = Object.entries(params).flatMap(([name, value]) => pathParamIssues(name, value));
  if (issues.length) throw new ValidationError(issues);
}

/**
 * openapi-fetch `pathSerializer` that checks every parameter before the URL exists, so even `client.raw`
 * calls cannot be retargeted; encoding is openapi-fetch's own.
 */
export function safePathSerializer(pathname: string, pathParams: Record<string, unknown>): string {
  // A parameter the caller left out would otherwise stay in the URL as a literal `{name}`.
  const named = Object.fromEntries([...pathname.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1], undefined]));
  assertPathParams({ ...named, ...pathParams });
  return defaultPathSerializer(pathname, pathParams);
}
