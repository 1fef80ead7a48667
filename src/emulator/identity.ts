/**
 * The emulator's identity settings for the credential providers: instance metadata, pod identity and OIDC
 * federation, and the lifetime of the temporary credentials they hand out. Built once by `startEmulator`.
 */
import { randomBytes } from "node:crypto";
import { DEFAULT_TEMPORARY_CREDENTIAL_TTL_MS } from "./temporary.js";

/** Options of the identity side of the emulator (`startEmulator({ identity })`). */
export interface IdentityOptions {
  /**
   * Lifetime of temporary credentials from the metadata API and pod identity, in ms; when given, also of those
   * from IAM's securitytokens (which otherwise honour the request's `duration_seconds`). Short values let tests
   * cross an expiry quickly (or advance the emulator's `now`). @default 3600000 (1 h)
   */
  temporaryCredentialTtlMs?: number;
  /** `GET /openstack/latest/securitykey` needs a session token (`X-Metadata-Token`). @default true */
  metadataTokenRequired?: boolean;
  /** The instance has a cloud service agency; without one securitykey answers 401 "Please configure Cloud Service Agency first". @default true */
  metadataAgency?: boolean;
  /** The token pod identity expects in `Authorization` (what the token file holds). @default a random string */
  podIdentityToken?: string;
  /** The identity provider id CreateTokenWithIdToken accepts in `X-Idp-Id`. @default "emulator-oidc-idp" */
  idpId?: string;
  /** The ID token CreateTokenWithIdToken accepts for that provider. @default a random JWT-shaped string */
  idToken?: string;
}

/** {@link IdentityOptions} after defaults. */
export interface IdentitySettings {
  temporaryCredentialTtlMs: number;
  /** Whether `temporaryCredentialTtlMs` was given, so that it overrides `duration_seconds`. */
  ttlOverridesDuration: boolean;
  metadataTokenRequired: boolean;
  metadataAgency: boolean;
  podIdentityToken: string;
  idpId: string;
  idToken: string;
}

const nonEmpty = (name: string, v: string | undefined, fallback: string): string => {
  if (v === undefined) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: identity values must be printable ASCII
  if (typeof v !== "string" || v.length === 0 || v.length > 8192 || /[\u0000-\u001f\u007f-\uffff]/.test(v)) {
    throw new TypeError(`startEmulator: identity.${name} must be 1 to 8192 printable ASCII characters`);
  }
  return v;
};

/** Applies the defaults. @throws TypeError for an invalid option. */
export function identitySettings(o: IdentityOptions = {}): IdentitySettings {
  const ttl = o.temporaryCredentialTtlMs;
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1 || ttl > 2 ** 31 - 1)) {
    throw new TypeError(`startEmulator: identity.temporaryCredentialTtlMs must be an integer number of milliseconds from 1 to ${2 ** 31 - 1}`);
  }
  const b64 = (n: number) => randomBytes(n).toString("base64url");
  return {
    temporaryCredentialTtlMs: ttl ?? DEFAULT_TEMPORARY_CREDENTIAL_TTL_MS,
    ttlOverridesDuration: ttl !== undefined,
    metadataTokenRequired: o.metadataTokenRequired ?? true,
    metadataAgency: o.metadataAgency ?? true,
    podIdentityToken: nonEmpty("podIdentityToken", o.podIdentityToken, `pod-${b64(32)}`),
    idpId: nonEmpty("idpId", o.idpId, "emulator-oidc-idp"),
    idToken: nonEmpty("idToken", o.idToken, `eyJhbGciOiJSUzI1NiJ9.${b64(48)}.${b64(64)}`),
  };
}
