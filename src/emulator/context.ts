/** What every operation handler receives, and the handler type. */
import type { IncomingHttpHeaders } from "node:http";
import type { Answer } from "./http.js";
import type { IdentitySettings } from "./identity.js";
import type { MetadataTokenStore } from "./metadata-tokens.js";
import type { EmulatorState } from "./state.js";
import type { TemporaryCredentialStore } from "./temporary.js";
import type { Timers } from "./timers.js";
import type { TokenStore } from "./tokens.js";

/** Timing settings after defaults. */
export interface EmulatorTimings {
  /** Duration of an APIG ingress job, in ms (a gateway's own `jobDelayMs` wins). */
  jobDelayMs: number;
  /** Time until a DDS bind/unbind shows in ListInstances, in ms (an instance's own `settleMs` wins). */
  ddsSettleMs: number;
  /** Lifetime of issued IAM tokens, in ms. */
  tokenTtlMs: number;
}

/** One request as a handler sees it. */
export interface HandlerContext {
  state: EmulatorState;
  tokens: TokenStore;
  /** Temporary AK/SK issued by metadata, pod identity and securitytokens. */
  credentials: TemporaryCredentialStore;
  /** Metadata API session tokens. */
  metadataTokens: MetadataTokenStore;
  /** Metadata, pod identity and federation settings. */
  identity: IdentitySettings;
  timers: Timers;
  timings: EmulatorTimings;
  /** The emulator clock, epoch ms. */
  now(): number;
  requestId: string;
  /** Base URL of the emulator, e.g. `http://127.0.0.1:8080` (for the IAM catalog). */
  baseUrl: string;
  /** Decoded path parameters. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Request headers, names lower-case. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON body: `undefined` when empty, an `Error` when malformed. */
  body: unknown;
}

/** An operation handler. */
export type Handler = (ctx: HandlerContext) => Answer;
