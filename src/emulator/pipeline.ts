/**
 * The request pipeline: what the emulator does with one HTTP request.
 *
 * Per API request, in order: read the body → route (unknown → 404 `APIGW.0101`) → faults (latency, reset,
 * 429, 5xx) → authentication (APIG, DDS and KeystoneListProjects) → project check → handler → optional
 * corruption → answer.
 * Every answer carries `X-Request-Id` (32 hex characters).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleAdmin, ADMIN_PREFIX, type AdminTarget } from "./admin.js";
import { registerIngressIps, showInstance, unregisterIngressIps } from "./apig.js";
import { authenticate, type AuthFailureReason } from "./auth.js";
import type { EmulatorTimings, Handler, HandlerContext } from "./context.js";
import { corruptBody } from "./corrupt.js";
import { bindPublicGateway, listInstances, unbindPublicGateway } from "./dds.js";
import { gatewayError, noSuchApi, serverError, serviceError, throttled, type ServiceName } from "./errors.js";
import type { FaultDecision, FaultInjector } from "./faults.js";
import { BodyTooLargeError, parseJson, randomHex, readBody, send, type Answer } from "./http.js";
import { createTemporaryAccessKeyByToken, createTokenWithIdToken } from "./federation.js";
import { createTokenByPassword } from "./iam.js";
import type { IdentitySettings } from "./identity.js";
import { createMetadataToken, createPodIdentityCredentials, showSecurityKey } from "./metadata.js";
import type { MetadataTokenStore } from "./metadata-tokens.js";
import { keystoneListProjects } from "./projects.js";
import { matchRoute, type OperationId, type RouteMatch } from "./routes.js";
import type { EmulatorState } from "./state.js";
import type { TemporaryCredentialStore } from "./temporary.js";
import type { Timers } from "./timers.js";
import type { TokenStore } from "./tokens.js";

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

/**
 * What the pipeline works on. `state` and `baseUrl` are read per request because `reset()` replaces the state and
 * the URL is known only once the server listens; `stopped` tells a request woken from injected latency to give up.
 */
export interface PipelineDeps {
  state(): EmulatorState;
  baseUrl(): string;
  stopped(): boolean;
  readonly tokens: TokenStore;
  readonly credentials: TemporaryCredentialStore;
  readonly metadataTokens: MetadataTokenStore;
  readonly identity: IdentitySettings;
  readonly timers: Timers;
  readonly timings: EmulatorTimings;
  readonly faults: FaultInjector;
  /** What the `/__emulator/` routes act on. */
  readonly admin: AdminTarget;
  now(): number;
  /** Called once per answered (or reset) request; must not throw. */
  log(entry: RequestLogEntry): void;
}

const HANDLERS: Record<OperationId, Handler> = {
  RegisterIngressIps: registerIngressIps,
  UnregisterIngressIps: unregisterIngressIps,
  ShowInstance: showInstance,
  BindPublicGateway: bindPublicGateway,
  UnbindPublicGateway: unbindPublicGateway,
  ListInstances: listInstances,
  CreateTokenByPassword: createTokenByPassword,
  KeystoneListProjects: keystoneListProjects,
  CreateTokenWithIdToken: createTokenWithIdToken,
  CreateTemporaryAccessKeyByToken: createTemporaryAccessKeyByToken,
  CreateMetadataToken: createMetadataToken,
  ShowSecurityKey: showSecurityKey,
  CreatePodIdentityCredentials: createPodIdentityCredentials,
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

/** The node:http request listener of one emulator; rejects only on a bug, which the server answers with a 500. */
export function createPipeline(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
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
      deps.log({
        method,
        path: pathname,
        status: answer === "reset" ? "reset" : answer.status,
        operation: route?.operation,
        requestId,
        durationMs: Math.round(performance.now() - started),
        fault,
      });
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
      return finish(handleAdmin(method, pathname, body, deps.admin));
    }
    route = matchRoute(method, pathname);
    if (!route) return finish(noSuchApi(requestId));

    const delay = deps.faults.latencyMs(route);
    if (delay > 0) {
      fault = "latency";
      await deps.timers.sleep(delay);
      if (deps.stopped()) return finish("reset");
    }
    const decision = deps.faults.decide(route);
    if (decision.kind !== "none") fault = decision.kind;
    if (decision.kind === "reset") return finish("reset");
    if (decision.kind === "throttle") return finish(throttled(requestId, decision.retryAfterSec));
    if (decision.kind === "error") return finish(serverError(route.service, decision.status, requestId));

    if (route.authenticated) {
      const auth = await authenticate({ method, rawUrl, headers: req.headers, body: raw }, deps.state(), deps.tokens, deps.credentials, deps.now());
      if (!auth.ok) return finish(unauthorized(route.service, auth.reason, auth.message, requestId));
      // Only project-scoped paths are checked: KeystoneListProjects is how a caller finds its project.
      const projectId = route.params.project_id;
      if (projectId !== undefined && auth.principal.projectId !== undefined && auth.principal.projectId !== projectId) {
        return finish(wrongProject(route.service, projectId, requestId));
      }
    }

    const ctx: HandlerContext = {
      state: deps.state(),
      tokens: deps.tokens,
      credentials: deps.credentials,
      metadataTokens: deps.metadataTokens,
      identity: deps.identity,
      timers: deps.timers,
      timings: deps.timings,
      now: deps.now,
      requestId,
      baseUrl: deps.baseUrl(),
      params: route.params,
      query: new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : ""),
      headers: req.headers,
      body,
    };
    let answer = HANDLERS[route.operation](ctx);
    if (answer.status >= 200 && answer.status < 300 && deps.faults.takeCorruption(route)) {
      fault = "corrupt";
      answer = { ...answer, body: corruptBody(route.operation, answer.body) };
    }
    finish(answer);
  };
}
