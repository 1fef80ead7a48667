import { apiErrorFor, redactHeaders, type ApiError } from "../errors.js";

const MAX_TEXT_BODY = 2048;

/**
 * Turns an error answer into the typed {@link ApiError}. Huawei services disagree on the body shape
 * (`error_msg`, the gateway's `error_message`, Keystone's nested `error`), and proxies answer with HTML, so
 * every shape, including none, gives a usable error.
 */
export function errorFromResponse(method: string, url: URL, status: number, statusText: string, headers: Headers, bytes: Uint8Array): ApiError {
  const text = new TextDecoder().decode(bytes);
  let body: unknown = text.length > MAX_TEXT_BODY ? `${text.slice(0, MAX_TEXT_BODY)}…` : text;
  let code: string | undefined;
  let message: string | undefined;
  let bodyRequestId: string | undefined;
  if (text.trim()) {
    try {
      const parsed: unknown = JSON.parse(text);
      body = parsed;
      if (parsed && typeof parsed === "object") {
        const o = parsed as Record<string, unknown>;
        const nested = o.error && typeof o.error === "object" ? (o.error as Record<string, unknown>) : undefined;
        // Keystone-style IAM errors nest `{code: 401}`: that is the HTTP status again, not an error code.
        code = str(o.error_code) ?? (typeof o.code === "string" ? str(o.code) : undefined) ?? (typeof nested?.code === "string" ? str(nested.code) : undefined);
        message = str(o.error_msg) ?? str(o.error_message) ?? str(nested?.message) ?? str(o.message);
        bodyRequestId = str(o.request_id);
      }
    } catch {
      // Not JSON (an HTML page from a proxy, a truncated body): keep the text as the body.
    }
  }
  if (message === undefined) {
    const kind = headers.get("content-type")?.split(";")[0] ?? "no content type";
    message = text.trim() ? `HTTP ${status} ${statusText} (${kind} body)`.replace(/\s+\(/, " (") : `HTTP ${status} ${statusText} (empty body)`.replace(/\s+\(/, " (");
  }
  return apiErrorFor({
    status,
    code,
    message,
    requestId: headers.get("x-request-id") ?? bodyRequestId,
    body,
    headers: redactHeaders(headers),
    method,
    url: `${url.origin}${url.pathname}`,
  });
}

function str(v: unknown): string | undefined {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}
