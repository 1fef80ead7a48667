/** Session tokens of the instance metadata API (`PUT /meta-data/latest/api/token`) and when each expires. */
import { randomBytes } from "node:crypto";

/** Metadata session tokens and their expiry (epoch ms). Dropped when the emulator stops. */
export class MetadataTokenStore {
  readonly #tokens = new Map<string, number>();

  issue(now: number, ttlSeconds: number): string {
    const token = randomBytes(32).toString("base64url");
    this.#tokens.set(token, now + ttlSeconds * 1000);
    return token;
  }

  /** Whether `token` was issued and has not expired at `now`. */
  valid(token: string, now: number): boolean {
    const expiresAt = this.#tokens.get(token);
    return expiresAt !== undefined && expiresAt > now;
  }

  clear(): void {
    this.#tokens.clear();
  }
}
