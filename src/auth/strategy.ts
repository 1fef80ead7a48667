/** One attempt of a request, as the auth strategy sees it just before it is sent. */
export interface AuthRequest {
  readonly method: string;
  readonly url: URL;
  /** Mutable: the strategy adds its headers here. */
  readonly headers: Headers;
  /** The exact bytes that will be sent (signers hash them). */
  readonly body: Uint8Array | undefined;
}

/** What the client hands to a strategy on every attempt. */
export interface AuthContext {
  /** The client's fetch (custom or global), for strategies that must call IAM. */
  readonly fetch: typeof fetch;
  /** The client's project id, for `X-Project-Id` on signed requests. */
  readonly projectId: string | undefined;
  /** Aborted when the caller gives up. */
  readonly signal: AbortSignal | undefined;
}

/**
 * How a client authenticates (Octokit-style strategy object). `authenticate` runs innermost, once per attempt,
 * so signatures and dates are fresh on every retry.
 */
export interface AuthStrategy {
  /** `token`, `password`, `aksk` or a custom name; shows in logs. */
  readonly kind: string;
  authenticate(request: AuthRequest, context: AuthContext): Promise<void>;
  /**
   * Called when an attempt got 401. Return true when the credentials were renewed so the request should be
   * sent once more (a cached IAM token that expired early); false to surface the 401.
   */
  onUnauthorized?(request: AuthRequest, context: AuthContext): Promise<boolean>;
}

/** Makes `util.inspect`, `JSON.stringify` and string conversion of a strategy show only its kind. */
export function hideSecrets<T extends object>(strategy: T, description: string): T {
  const show = () => `[AuthStrategy ${description}]`;
  Object.defineProperties(strategy, {
    toJSON: { value: () => ({ kind: description }), enumerable: false },
    toString: { value: show, enumerable: false },
    [Symbol.for("nodejs.util.inspect.custom")]: { value: show, enumerable: false },
  });
  return strategy;
}
