/**
 * `startEmulator`: the node:http server, its lifecycle (listen, reset, stop) and the test controls (faults,
 * tokens, state). What happens to each request is in `pipeline.ts`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorTimings } from "./context.js";
import { serverError } from "./errors.js";
import { FaultInjector, type FaultOptions } from "./faults.js";
import { send } from "./http.js";
import { identitySettings, type IdentityOptions } from "./identity.js";
import { MetadataTokenStore } from "./metadata-tokens.js";
import { createPipeline, type RequestLogEntry } from "./pipeline.js";
import { POD_IDENTITY_PATH } from "./routes.js";
import type { Seed } from "./seed.js";
import { defaultSeed, loadSeed, parseSeed } from "./seed-parse.js";
import { EmulatorState, type EmulatorCredentials, type EmulatorSnapshot } from "./state.js";
import { TemporaryCredentialStore, type TemporaryCredential } from "./temporary.js";
import { Timers } from "./timers.js";
import { DEFAULT_TOKEN_TTL_MS, TokenStore } from "./tokens.js";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
  /** Starting state: a seed object or the path of a seed JSON file. @default the built-in `emulator/seed.default.json` */
  seed?: Seed | string;
  /** Faults active from the start. @default none */
  faults?: FaultOptions;
  /** Duration of APIG ingress jobs, in ms (a gateway's `jobDelayMs` in the seed wins). @default 3000 */
  jobDelayMs?: number;
  /** Time a DDS bind/unbind takes to show in ListInstances, in ms; 0 applies it at once (an instance's `settleMs` wins). @default 1000 */
  ddsSettleMs?: number;
  /** Lifetime of issued IAM tokens, in ms. @default 86400000 (24 h) */
  tokenTtlMs?: number;
  /** Instance metadata, pod identity and federation: temporary credential lifetime, tokens, idp id. @default see {@link IdentityOptions} */
  identity?: IdentityOptions;
  /** IAM users and AK/SK pairs to accept, replacing the seed's lists (each list separately). */
  credentials?: EmulatorCredentials;
  /** The emulator's clock (epoch ms) for token expiry and `X-Sdk-Date` checks; timers still use real time. @default Date.now */
  now?: () => number;
  /** Called once per answered (or reset) request; never receives bodies or credentials. */
  onRequest?: (entry: RequestLogEntry) => void;
}

/** Options of {@link Emulator.issueToken}. */
export interface IssueTokenOptions {
  /** @default the first user */
  userName?: string;
  /** Pick the user of this account (domain). @default any */
  domainName?: string;
  /** Project to scope to; must be one of the user's. @default the user's first project */
  projectId?: string;
  /** Lifetime in ms. @default the emulator's `tokenTtlMs` */
  ttlMs?: number;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL of every service (APIG, DDS, IAM and admin), e.g. `http://127.0.0.1:39123`. */
  readonly url: string;
  /** The address it listens on, e.g. `127.0.0.1`. */
  readonly host: string;
  /** The TCP port it listens on (the free one picked when started with port 0). */
  readonly port: number;
  /** The seed's project id: the one every gateway and instance belongs to. */
  readonly projectId: string;
  /**
   * Base URL of the instance metadata API, to point the SDK's metadata provider at instead of
   * `http://169.254.169.254` (the same as `url`): `PUT {metadataUrl}/meta-data/latest/api/token`,
   * `GET {metadataUrl}/openstack/latest/securitykey`.
   */
  readonly metadataUrl: string;
  /** Pod identity: the full URL (`HC_CONTAINER_CREDENTIALS_FULL_URI`) and the token it expects in `Authorization` (the token file's content). Never log the token. */
  readonly podIdentity: {
    /** The credentials URL, for `HC_CONTAINER_CREDENTIALS_FULL_URI`. */
    readonly url: string;
    /** The `Authorization` token it expects, for the file `HC_CONTAINER_AUTHORIZATION_TOKEN_FILE` names. */
    readonly token: string;
  };
  /** Federation: the identity provider id (`X-Idp-Id`, `HUAWEICLOUD_SDK_IDP_ID`) and the ID token (the file `HUAWEICLOUD_SDK_ID_TOKEN_FILE` holds) IAM accepts. Never log the ID token. */
  readonly federation: {
    /** The identity provider id, for `X-Idp-Id` / `HUAWEICLOUD_SDK_IDP_ID`. */
    readonly idpId: string;
    /** The ID token IAM accepts from that provider (secret). */
    readonly idToken: string;
  };
  /** Lifetime of temporary credentials from metadata and pod identity, in ms (and from securitytokens when configured). */
  readonly temporaryCredentialTtlMs: number;
  /** The live state (a new object after {@link reset}); tests may read and change it. */
  readonly state: EmulatorState;
  /** The current fault configuration with the counts that remain. */
  readonly faults: FaultOptions;
  /** Replaces the fault configuration (see {@link FaultOptions}). @throws TypeError for invalid options. */
  setFaults(faults: FaultOptions): void;
  /** Issues a token without a password, as if the user had logged in. Never log it. @throws Error for an unknown user or project. */
  issueToken(options?: IssueTokenOptions): string;
  /** Issues temporary credentials as the metadata API would, valid for `ttlMs` (default `temporaryCredentialTtlMs`). Never log them. */
  issueTemporaryCredentials(ttlMs?: number): TemporaryCredential;
  /** Back to the seed (or `seed`), pending jobs cancelled, faults back to the start options. Tokens stay valid. */
  reset(seed?: Seed): void;
  /** The state without secrets, as `GET /__emulator/state` shows it. */
  snapshot(): EmulatorSnapshot;
  /** Stops listening, closes every connection and cancels every timer. Idempotent. */
  stop(): Promise<void>;
}

function checkTimingOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1)
    throw new TypeError(`startEmulator: ${name} must be an integer number of milliseconds from 0 to ${2 ** 31 - 1}`);
  return value;
}

/**
 * Starts the emulator and resolves once it listens. Always call `stop()` (also when a test fails).
 * @throws SeedError for an invalid seed, TypeError for invalid options.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError("startEmulator: port must be an integer from 0 to 65535");
  const host = options.host ?? "127.0.0.1";
  const timings: EmulatorTimings = {
    jobDelayMs: checkTimingOption("jobDelayMs", options.jobDelayMs, 3000),
    ddsSettleMs: checkTimingOption("ddsSettleMs", options.ddsSettleMs, 1000),
    tokenTtlMs: checkTimingOption("tokenTtlMs", options.tokenTtlMs, DEFAULT_TOKEN_TTL_MS),
  };
  const now = options.now ?? Date.now;
  const initialSeed: Seed =
    typeof options.seed === "string" ? await loadSeed(options.seed) : options.seed !== undefined ? parseSeed(options.seed) : defaultSeed();
  const initialFaults = options.faults ?? {};
  const credentials = options.credentials;
  if (credentials !== undefined) {
    // Validated through the seed checker so that mistakes read the same way.
    parseSeed({ projectId: initialSeed.projectId, ...credentials }, "credentials");
  }

  const faults = new FaultInjector(initialFaults);
  const timers = new Timers();
  const tokens = new TokenStore();
  const identity = identitySettings(options.identity);
  const credentialStore = new TemporaryCredentialStore();
  const metadataTokens = new MetadataTokenStore();
  let state = new EmulatorState(initialSeed, credentials);
  let baseUrl = "";
  let stopped = false;

  const log = (entry: RequestLogEntry) => {
    try {
      options.onRequest?.(entry);
    } catch {
      // A failing logger must not break the emulator.
    }
  };

  const handle = createPipeline({
    state: () => state,
    baseUrl: () => baseUrl,
    stopped: () => stopped,
    tokens,
    credentials: credentialStore,
    metadataTokens,
    identity,
    timers,
    timings,
    faults,
    admin: { snapshot: () => emulator.snapshot(), reset: (seed) => emulator.reset(seed), faults },
    now,
    log,
  });
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, serverError(undefined, 500, String(res.getHeader("X-Request-Id") ?? "")));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;

  let stopping: Promise<void> | undefined;
  const emulator: Emulator = {
    url: baseUrl,
    host: address.address,
    port: address.port,
    projectId: initialSeed.projectId,
    metadataUrl: baseUrl,
    podIdentity: { url: `${baseUrl}${POD_IDENTITY_PATH}`, token: identity.podIdentityToken },
    federation: { idpId: identity.idpId, idToken: identity.idToken },
    temporaryCredentialTtlMs: identity.temporaryCredentialTtlMs,
    get state() {
      return state;
    },
    get faults() {
      return faults.current;
    },
    setFaults(f) {
      faults.set(f);
    },
    issueToken(o = {}) {
      const user = state.users.find(
        (u) => (o.userName === undefined || u.userName === o.userName) && (o.domainName === undefined || u.domainName === o.domainName),
      );
      if (!user) throw new Error(`issueToken: no user ${o.domainName ?? "*"}/${o.userName ?? "*"}`);
      const project = o.projectId === undefined ? user.projects[0] : user.projects.find((p) => p.id === o.projectId);
      if (!project) throw new Error(`issueToken: user ${user.userName} has no project ${o.projectId ?? ""}`);
      const ttl = checkTimingOption("ttlMs", o.ttlMs, timings.tokenTtlMs);
      return tokens.issue(user, project, now(), ttl).token;
    },
    issueTemporaryCredentials(ttlMs) {
      const ttl = ttlMs === undefined ? identity.temporaryCredentialTtlMs : checkTimingOption("ttlMs", ttlMs, 0);
      return { ...credentialStore.issue("metadata", now(), ttl) };
    },
    reset(seed) {
      timers.cancelAll();
      state = new EmulatorState(seed !== undefined ? parseSeed(seed) : initialSeed, credentials);
      faults.set(initialFaults);
    },
    snapshot() {
      return state.snapshot(tokens.counts(now()));
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        stopped = true;
        timers.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
        tokens.clear();
        credentialStore.clear();
        metadataTokens.clear();
      });
      return stopping;
    },
  };
  return emulator;
}
