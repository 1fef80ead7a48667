// What several of the signer's test files share: the credentials and date of the vectors, the two hash backends the
// signer runs on, and the official Node signer the differential and canonical-URI tests compare against.
import { createRequire } from "node:module";
import { afterAll, beforeAll } from "vitest";
import type { SigningCredentials } from "../../src/auth/signer.js";

export const CREDS: SigningCredentials = { accessKeyId: "AccessKey", secretAccessKey: "SecretKey" };
export const DATE_2026 = new Date("2026-01-01T00:00:00Z");

// Both hash backends, each run through the vectors and the comparison with the
// official signer: node:crypto, which Node reaches through
// process.getBuiltinModule, and Web Crypto, which the signer falls back to where
// process.getBuiltinModule is absent (browsers, edge workers): the tests remove it.
export type Backend = "node:crypto" | "webcrypto";
export const BACKENDS: ReadonlyArray<{ label: Backend }> = [{ label: "node:crypto" }, { label: "webcrypto" }];
const getBuiltinModule = process.getBuiltinModule;
const hideGetBuiltinModule = (): void => {
  delete (process as Partial<typeof process>).getBuiltinModule;
};
export const restoreGetBuiltinModule = (): void => {
  process.getBuiltinModule = getBuiltinModule;
};
/** Runs `fn` on `backend`. */
export async function on<T>(backend: Backend, fn: () => Promise<T>): Promise<T> {
  if (backend === "node:crypto") return fn();
  hideGetBuiltinModule();
  try {
    return await fn();
  } finally {
    restoreGetBuiltinModule();
  }
}
/** Runs every test of the enclosing describe on `backend`. */
export function useBackend(backend: Backend): void {
  if (backend === "node:crypto") return;
  beforeAll(hideGetBuiltinModule);
  afterAll(restoreGetBuiltinModule);
}

export async function sha256Hex(text: string): Promise<string> {
  const buf = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Buffer.from(buf).toString("hex");
}

export function authOf(headers: Record<string, string>): string {
  const value = headers.Authorization;
  if (value === undefined) throw new Error("no Authorization header");
  return value;
}

// ---------------------------------------------------------------------------
// The official Node signer (CommonJS). Its request object is what
// HcClient/BaseCredentials.processAuthRequest build: `endpoint` is
// `${endpoint}${path}` with RAW (unencoded) path parameters substituted,
// `queryParams` an object of string | string[], `headers` a plain object and
// `data` the body model, hashed as JSON.stringify(data) when truthy.
// ---------------------------------------------------------------------------
interface OfficialRequest {
  method: string;
  endpoint: string;
  queryParams?: Record<string, string | string[]>;
  headers: Record<string, string>;
  data?: unknown;
}
interface OfficialSigner {
  sign(req: OfficialRequest, cred: { getAk(): string; getSk(): string }): Record<string, string>;
  CanonicalURI(pathname: string): string;
  buildCanonicalHeaders(headers: Record<string, string>): string;
}
const require = createRequire(import.meta.url);
export const { AKSKSigner: official } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner") as {
  AKSKSigner: OfficialSigner;
};
export const officialCred = (c: SigningCredentials) => ({ getAk: () => c.accessKeyId, getSk: () => c.secretAccessKey });
