/** IAM tokens the emulator issued: opaque random strings mapped to who they belong to and when they expire. */
import { randomBytes } from "node:crypto";
import type { SeedProject } from "./seed.js";
import type { UserState } from "./state.js";

/** Default token lifetime: 24 hours, like IAM. */
export const DEFAULT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** What the emulator knows about an issued token. */
export interface TokenRecord {
  user: UserState;
  /** Project scope; `undefined` for a domain-scoped token. */
  project: SeedProject | undefined;
  issuedAt: number;
  expiresAt: number;
}

/** Where issued tokens live. Tokens survive `reset()`; they are dropped only when the emulator stops. */
export class TokenStore {
  readonly #tokens = new Map<string, TokenRecord>();

  /** Issues a new token (a random opaque string, never derived from the password). */
  issue(user: UserState, project: SeedProject | undefined, now: number, ttlMs: number): { token: string; record: TokenRecord } {
    const token = `MIIemu${randomBytes(96).toString("base64url")}`;
    const record: TokenRecord = { user, project, issuedAt: now, expiresAt: now + ttlMs };
    this.#tokens.set(token, record);
    return { token, record };
  }

  lookup(token: string): TokenRecord | undefined {
    return this.#tokens.get(token);
  }

  /** Counts for the state dump: every token issued, and those not yet expired at `now`. */
  counts(now: number): { issued: number; valid: number } {
    let valid = 0;
    for (const r of this.#tokens.values()) if (r.expiresAt > now) valid++;
    return { issued: this.#tokens.size, valid };
  }

  clear(): void {
    this.#tokens.clear();
  }
}
