import { ValidationError } from "../errors.js";

/** The Huawei Cloud services this SDK talks to. */
export type ServiceName = "apig" | "dds" | "iam";

// Region ids are lower-case words joined by dashes ending in a number (cn-north-4, ap-southeast-1, eu-west-101).
const REGION_RE = /^[a-z]{2,}(?:-[a-z0-9]+)*-\d+$/;

/**
 * The public endpoint of `service` in `region`: `https://{service}.{region}.myhuaweicloud.com`, except the Dublin
 * region eu-west-101, which lives under `.myhuaweicloud.eu`.
 */
export function regionalEndpoint(service: ServiceName, region: string): string {
  if (!REGION_RE.test(region)) {
    throw new ValidationError([{ path: "region", keyword: "pattern", message: `must be a region id such as cn-north-4 (got ${JSON.stringify(region)})` }]);
  }
  const domain = region === "eu-west-101" ? "myhuaweicloud.eu" : "myhuaweicloud.com";
  return `https://${service}.${region}.${domain}`;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** True for hosts that never leave this machine, the only ones where plain `http:` is allowed by default. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname.endsWith(".localhost");
}

/**
 * Checks and normalises an explicit endpoint: absolute http(s) URL, no query or fragment, no credentials, and
 * `http:` only for loopback hosts unless `allowInsecureHttp` (tokens and signatures would travel in clear text).
 * Returns it without a trailing slash.
 */
export function normaliseEndpoint(endpoint: string, allowInsecureHttp: boolean, field = "endpoint"): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ValidationError([{ path: field, keyword: "format", message: "must be an absolute URL such as https://apig.cn-north-4.myhuaweicloud.com" }]);
  }
  const issue = (message: string) => new ValidationError([{ path: field, keyword: "format", message }]);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw issue("must use https: (or http: for a local emulator)");
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw issue("uses plain http: for a non-loopback host; pass allowInsecureHttp: true if you really mean it");
  }
  if (url.username || url.password) throw issue("must not carry credentials");
  if (url.search || url.hash) throw issue("must not have a query string or fragment");
  return url.href.replace(/\/+$/, "");
}
