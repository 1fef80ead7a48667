/** The typed error an error answer becomes, whatever its body looks like. */
import { ApiError, BY_STATUS, redactHeaders } from "../errors.js";

const MAX_TEXT_BODY = 2048;

/**
 * Turns an error answer into the typed {@link ApiError}. Huawei services disagree on the body shape
 * (`error_msg`, the gateway's `error_message`, Keystone's nested `error`), and proxies answer with HTML, so
 * every shape, including none, gives a usable error.
 */
export function errorFromResponse(method: string, url: URL, status: number, statusText: string, headers: Headers, bytes: Uint8Array): ApiError {
  const text = new TextDecoder().decode(bytes);
  let body: unknown = text.length > MAX_TEXT_BODY ? `${text.slice(0, MAX_TEXT_BODY)}…` : text;
  let o: Record<string, unknown> = {};
  try {
    body = JSON.parse(text);
    if (body && typeof body === "object") o = body as Record<string, unknown>;
  } catch {
    // Not JSON (an HTML page from a proxy, a truncated body, nothing at all): keep the text as the body.
  }
  const nested = (o.error && typeof o.error === "object" ? o.error : {}) as Record<string, unknown>;
  // Keystone-style IAM errors nest `{code: 401}`: that is the HTTP status again, not an error code.
  const code = str(o.error_code) ?? str(o.code, false) ?? str(nested.code, false);
  const message = str(o.error_msg) ?? str(o.error_message) ?? str(nested.message) ?? str(o.message);
  const kind = text.trim() ? `${headers.get("content-type")?.split(";")[0] ?? "no content type"} body` : "empty body";
  const Class = BY_STATUS.find(([s]) => s === Math.min(status, 500))?.[1] ?? ApiError;
  return new Class({
    status,
    code,
    message: message ?? `${`HTTP ${status} ${statusText}`.trimEnd()} (${kind})`,
    requestId: headers.get("x-request-id") ?? str(o.request_id),
    body,
    headers: redactHeaders(headers),
    method,
    url: `${url.origin}${url.pathname}`,
  });
}

/** A body field as text: a non-empty string, or a number unless `numbers` is false. */
function str(v: unknown, numbers = true): string | undefined {
  if (typeof v === "string" && v !== "") return v;
  return numbers && typeof v === "number" ? String(v) : undefined;
}
