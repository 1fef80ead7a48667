/**
 * Error answers in each service's shape. APIG (`APIC.*`) and DDS (`DBS.*`) use `{error_code, error_msg}`; the
 * API gateway in front of every service (`APIGW.*`) adds `request_id`, and its 429 uses `error_message`; IAM
 * answers Keystone-style `{error: {code, title, message}}` or `{error_code: "IAM.xxxx", error_msg}`.
 */
import type { Answer } from "./http.js";

/** The services the emulator serves; `metadata` is the instance metadata API and pod identity. */
export type ServiceName = "apig" | "dds" | "iam" | "metadata";

/** `{error_code, error_msg}` (APIG and DDS management errors, IAM's Huawei-style errors). */
export function serviceError(status: number, code: string, message: string, headers?: Record<string, string>): Answer {
  return { status, body: { error_code: code, error_msg: message }, ...(headers ? { headers } : {}) };
}

/** An error raised by the API gateway itself (`APIGW.*`): `{error_code, error_msg, request_id}`. */
export function gatewayError(status: number, code: string, message: string, requestId: string): Answer {
  return { status, body: { error_code: code, error_msg: message, request_id: requestId } };
}

/** Keystone-style IAM error. */
export function keystoneError(status: 400 | 401 | 403, message: string): Answer {
  const title = status === 400 ? "Bad Request" : status === 401 ? "Unauthorized" : "Forbidden";
  return { status, body: { error: { code: status, title, message } } };
}

/** The gateway's 429 throttling answer (`APIGW.0308`), with `Retry-After` when `retryAfterSec` is given. */
export function throttled(requestId: string, retryAfterSec: number | undefined): Answer {
  return {
    status: 429,
    body: {
      status_code: 429,
      request_id: requestId,
      error_code: "APIGW.0308",
      error_message: "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second",
      encoded_authorization_message: "",
    },
    ...(retryAfterSec !== undefined ? { headers: { "Retry-After": String(retryAfterSec) } } : {}),
  };
}

/**
 * An injected (or unexpected) server error in the service's shape: APIG `APIC.9000`, IAM `IAM.0006`, DDS the
 * gateway's `APIGW.0201`; 502/503/504 are always the gateway's (`APIGW.0202` backend unavailable,
 * `APIGW.0203` backend timeout).
 */
export function serverError(service: ServiceName | undefined, status: number, requestId: string): Answer {
  if (status === 504) return gatewayError(504, "APIGW.0203", "Backend timeout", requestId);
  if (status !== 500) return gatewayError(status, "APIGW.0202", "Backend unavailable", requestId);
  if (service === "apig") return serviceError(500, "APIC.9000", "Failed to request internal service");
  if (service === "iam") return serviceError(500, "IAM.0006", "An unexpected error prevented the server from fulfilling your request.");
  return gatewayError(500, "APIGW.0201", "Unexpected error", requestId);
}

/** Unknown route: the gateway's 404 `APIGW.0101`. */
export function noSuchApi(requestId: string): Answer {
  return gatewayError(404, "APIGW.0101", "The API does not exist or has not been published in an environment", requestId);
}
