/**
 * Temporary AK/SK pairs with their security token and expiry, as the instance metadata API, pod identity and
 * IAM's securitytokens operation issue them. `auth.ts` accepts them like seeded keys while they are valid, with
 * the security token signed as `X-Security-Token`, and refuses them once `expiresAt` has passed.
 */
import { randomBytes } from "node:crypto";

/** Default lifetime of temporary credentials: 1 hour. */
export const DEFAULT_TEMPORARY_CREDENTIAL_TTL_MS = 60 * 60 * 1000;

/** Who issued a temporary credential: metadata, pod identity or IAM (`securitytokens`). */
export type TemporaryCredentialSource = "metadata" | "pod-identity" | "federation";

/** One issued temporary credential. Secrets: never shown in snapshots or logs. */
export interface TemporaryCredential {
  /** Temporary access key id (AK), `TMP` and 17 hex digits. */
  accessKeyId: string;
  /** Temporary secret access key (SK). */
  secretAccessKey: string;
  /** Sent (and signed) as `X-Security-Token` with every request. */
  securityToken: string;
  /** Epoch ms, on the emulator's clock. */
  issuedAt: number;
  /** Epoch ms after which every request signed with it is refused. */
  expiresAt: number;
  /** What issued it. */
  source: TemporaryCredentialSource;
}

/** Where issued temporary credentials live. They survive `reset()`; they are dropped when the emulator stops. */
export class TemporaryCredentialStore {
  readonly #byAccessKey = new Map<string, TemporaryCredential>();

  /** Issues a fresh random AK/SK pair and security token valid for `ttlMs` from `now`. */
  issue(source: TemporaryCredentialSource, now: number, ttlMs: number): TemporaryCredential {
    const credential: TemporaryCredential = {
      // 20 upper-case characters like a real AK; the prefix tells them apart from seeded keys in logs.
      accessKeyId: `TMP${randomBytes(16).toString("hex").toUpperCase().slice(0, 17)}`,
      secretAccessKey: randomBytes(30).toString("base64url"),
      securityToken: `gQpjbi1ub3J0aC00${randomBytes(192).toString("base64url")}`,
      issuedAt: now,
      expiresAt: now + ttlMs,
      source,
    };
    this.#byAccessKey.set(credential.accessKeyId, credential);
    return credential;
  }

  lookup(accessKeyId: string): TemporaryCredential | undefined {
    return this.#byAccessKey.get(accessKeyId);
  }

  /** Counts for the state dump: every credential issued, and those not yet expired at `now`. */
  counts(now: number): { issued: number; valid: number } {
    let valid = 0;
    for (const c of this.#byAccessKey.values()) if (c.expiresAt > now) valid++;
    return { issued: this.#byAccessKey.size, valid };
  }

  clear(): void {
    this.#byAccessKey.clear();
  }
}

/**
 * `expires_at` as the metadata API and IAM write it: UTC with six fractional digits
 * (`2020-01-08T02:56:19.587000Z`), the form the official Python core parses (`%Y-%m-%dT%H:%M:%S.%fZ`).
 */
export function expiresAtText(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** The answer body of securitykey, pod identity and securitytokens: `{credential: {access, secret, securitytoken, expires_at}}`. */
export function credentialBody(c: TemporaryCredential): { credential: Record<string, string> } {
  return { credential: { access: c.accessKeyId, secret: c.secretAccessKey, securitytoken: c.securityToken, expires_at: expiresAtText(c.expiresAt) } };
}
