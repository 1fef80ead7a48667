/**
 * `startEmulator`: the node:http server that ties routes, faults, authentication and handlers together.
 *
 * Per API request, in order: read the body → route (unknown → 404 `APIGW.0101`) → faults (latency, reset,
 * 429, 5xx) → authentication (APIG and DDS only) → project check → handler → optional corruption → answer.
 * Every answer carries `X-Request-Id` (32 hex characters).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin, ADMIN_PREFIX } from "./admin.js";
import { registerIngressIps, showInstance, unregisterIngressIps } from "./apig.js";
import { authenticate, type AuthFailureReason } from "./auth.js";
import type { EmulatorTimings, Handler, HandlerContext } from "./context.js";
import { corruptBody } from "./corrupt.js";
import { bindPublicGateway, listInstances, unbindPublicGateway } from "./dds.js";
import { gatewayError, noSuchApi, serverError, serviceError, throttled, type ServiceName } from "./errors.js";
import { FaultInjector, type FaultDecision, type FaultOptions } from "./faults.js";
import { BodyTooLargeError, parseJson, randomHex, readBody, send, type Answer } from "./http.js";
import { createTokenByPassword } from "./iam.js";
import { matchRoute, type OperationId, type RouteMatch } from "./routes.js";
import type { Seed } from "./seed.js";
import { defaultSeed, loadSeed, parseSeed } from "./seed-parse.js";
import { EmulatorState, type EmulatorCredentials, type EmulatorSnapshot } from "./state.js";
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
  /** IAM users and AK/SK pairs to accept, replacing the seed's lists (each list separately). */
  credentials?: EmulatorCredentials;
  /** The emulator's clock (epoch ms) for token expiry and `X-Sdk-Date` checks; timers still use real time. @default Date.now */
  now?: () => number;
  /** Called once per answered (or reset) request; never receives bodies or credentials. */
  onRequest?: (entry: RequestLogEntry) => void;
}

/** One line of the request log given to {@link EmulatorOptions.onRequest}. */
export interface RequestLogEntry {
  /** HTTP method. */
  method: string;
  /** Path without the query string. */
  path: string;
  /** HTTP status, or `"reset"` when the connection was destroyed by a fault. */
  status: number | "reset";
  /** The operation, `undefined` for admin and unknown routes. */
  operation: OperationId | undefined;
  /** The answer's `X-Request-Id`. */
  requestId: string;
  /** Time from the request's arrival to the answer, in ms. */
  durationMs: number;
  /** The injected fault, if any. */
  fault: Exclude<FaultDecision["kind"], "none"> | "latency" | "corrupt" | undefined;
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
  /** The live state (a new object after {@link reset}); tests may read and change it. */
  readonly state: EmulatorState;
  /** The current fault configuration with the counts that remain. */
  readonly faults: FaultOptions;
  /** Replaces the fault configuration (see {@link FaultOptions}). @throws TypeError for invalid options. */
  setFaults(faults: FaultOptions): void;
  /** Issues a token without a password, as if the user had logged in. Never log it. @throws Error for an unknown user or project. */
  issueToken(options?: IssueTokenOptions): string;
  /** Back to the seed (or `seed`), pending jobs cancelled, faults back to the start options. Tokens stay valid. */
  reset(seed?: Seed): void;
  /** The state without secrets, as `GET /__emulator/state` shows it. */
  snapshot(): EmulatorSnapshot;
  /** Stops listening, closes every connection and cancels every timer. Idempotent. */
  stop(): Promise<void>;
}

const HANDLERS: Record<OperationId, Handler> = {
  RegisterIngressIps: registerIngressIps,
  UnregisterIngressIps: unregisterIngressIps,
  ShowInstance: showInstance,
  BindPublicGateway: bindPublicGateway,
  UnbindPublicGateway: unbindPublicGateway,
  ListInstances: listInstances,
  CreateTokenByPassword: createTokenByPassword,
};

const APIG_TOKEN_CODES: Record<Exclude<AuthFailureReason, "aksk">, string> = {
  missing: "APIC.7100",
  "token-invalid": "APIC.7102",
  "token-expired": "APIC.7101",
  "token-unscoped": "APIC.7103",
};

/** 401 in the service's shape: APIG token problems as `APIC.71xx`, everything else as the gateway's `APIGW.0301`. */
function unauthorized(service: ServiceName, reason: AuthFailureReason, message: string, requestId: string): Answer {
  if (service === "apig" && reason !== "aksk") return serviceError(401, APIG_TOKEN_CODES[reason], message);
  const text = reason === "aksk" ? message : `Incorrect IAM authentication information: ${message}`;
  return gatewayError(401, "APIGW.0301", text, requestId);
}

/** 403 for credentials scoped to another project than the path's. */
function wrongProject(service: ServiceName, projectId: string, requestId: string): Answer {
  const message = `The credentials are not valid for project ${projectId}`;
  return service === "apig" ? serviceError(403, "APIC.7130", message) : gatewayError(403, "APIGW.0310", message, requestId);
}

function checkTimingOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) throw new TypeError(`startEmulator: ${name} must be an integer number of milliseconds from 0 to ${2 ** 31 - 1}`);
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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = randomHex(16);
    res.setHeader("X-Request-Id", requestId);
    const method = req.method ?? "GET";
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const pathname = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    let route: RouteMatch | undefined;
    let fault: RequestLogEntry["fault"];
    const finish = (answer: Answer | "reset") => {
      if (answer === "reset") res.socket?.destroy();
      else send(res, answer);
      log({ method, path: pathname, status: answer === "reset" ? "reset" : answer.status, operation: route?.operation, requestId, durationMs: Math.round(performance.now() - started), fault });
    };

    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        res.setHeader("Connection", "close");
        return finish(gatewayError(413, "APIGW.0201", "Request entity too large", requestId));
      }
      throw err;
    }
    const body = parseJson(raw);

    if (pathname.startsWith(ADMIN_PREFIX)) {
      return finish(handleAdmin(method, pathname, body, { snapshot: () => emulator.snapshot(), reset: (seed) => emulator.reset(seed), faults }));
    }
    route = matchRoute(method, pathname);
    if (!route) return finish(noSuchApi(requestId));

    const delay = faults.latencyMs(route);
    if (delay > 0) {
      fault = "latency";
      await timers.sleep(delay);
      if (stopped) return finish("reset");
    }
    const decision = faults.decide(route);
    if (decision.kind !== "none") fault = decision.kind;
    if (decision.kind === "reset") return finish("reset");
    if (decision.kind === "throttle") return finish(throttled(requestId, decision.retryAfterSec));
    if (decision.kind === "error") return finish(serverError(route.service, decision.status, requestId));

    if (route.service !== "iam") {
      const auth = await authenticate({ method, rawUrl, headers: req.headers, body: raw }, state, tokens, now());
      if (!auth.ok) return finish(unauthorized(route.service, auth.reason, auth.message, requestId));
      const projectId = route.params.project_id ?? "";
      if (auth.principal.projectId !== undefined && auth.principal.projectId !== projectId) return finish(wrongProject(route.service, projectId, requestId));
    }

    const ctx: HandlerContext = {
      state,
      tokens,
      timers,
      timings,
      now,
      requestId,
      baseUrl,
      params: route.params,
      query: new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : ""),
      body,
    };
    let answer = HANDLERS[route.operation](ctx);
    if (answer.status >= 200 && answer.status < 300 && faults.takeCorruption(route)) {
      fault = "corrupt";
      answer = { ...answer, body: corruptBody(route.operation, answer.body) };
    }
    finish(answer);
  }

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
      const user = state.users.find((u) => (o.userName === undefined || u.userName === o.userName) && (o.domainName === undefined || u.domainName === o.domainName));
      if (!user) throw new Error(`issueToken: no user ${o.domainName ?? "*"}/${o.userName ?? "*"}`);
      const project = o.projectId === undefined ? user.projects[0] : user.projects.find((p) => p.id === o.projectId);
      if (!project) throw new Error(`issueToken: user ${user.userName} has no project ${o.projectId ?? ""}`);
      const ttl = checkTimingOption("ttlMs", o.ttlMs, timings.tokenTtlMs);
      return tokens.issue(user, project, now(), ttl).token;
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
      });
      return stopping;
    },
  };
  return emulator;
}
