import { defaultPathSerializer } from "openapi-fetch";
import { ValidationError, type ValidationIssue } from "../errors.js";

/**
 * Problems with one path parameter value. Encoding alone is not enough: `encodeURIComponent` keeps `.` as is,
 * and `new URL()` then resolves a `..` segment, silently retargeting the request to another resource (measured
 * with openapi-fetch 0.17). Separators are refused rather than encoded because no Huawei id contains them.
 */
export function pathParamIssues(name: string, value: unknown): ValidationIssue[] {
  if (typeof value !== "string") {
    return [{ path: name, keyword: "type", message: "must be a string" }];
  }
  const s = value;
  if (s.length === 0) return [{ path: name, keyword: "minLength", message: "must not be empty" }];
  if (s === "." || s === ".." || /^%2e(%2e)?$/i.test(s) || /^\.%2e$|^%2e\.$/i.test(s)) {
    return [{ path: name, keyword: "pattern", message: "must not be a dot segment (. or ..)" }];
  }
  if (/[/?#\\]/.test(s)) return [{ path: name, keyword: "pattern", message: "must not contain /, \\, ? or #" }];
  if (/[\u0000-\u001f\u007f]/.test(s)) return [{ path: name, keyword: "pattern", message: "must not contain control characters" }];
  return [];
}

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
  assertPathParams(pathParams);
  return defaultPathSerializer(pathname, pathParams);
}
