import type { components, paths } from "../../generated/apig.js";
import { validateRegisterIngressIps, validateShowInstance, validateUnregisterIngressIps } from "../../generated/validators.js";
import { bodyOf } from "../client/answer.js";
import { requestInit, type CallOptions } from "../client/call-options.js";
import { createBaseClient, describeClient, type BaseClient } from "../client/create.js";
import type { ClientOptions } from "../client/options.js";
import { parseRetryAfterMs } from "../client/retry.js";
import { validateInput } from "../client/validate.js";
import { apigWaitState, createIngressHandle, evaluateIngress, type IngressIpsJobHandle } from "../wait/apig-ingress.js";
import { createPollSharing, runServiceWait, type WaitOptions } from "../wait/handle.js";
import { parseWaitState, type ApigWaitState } from "../wait/state.js";
import type { PollOutcome } from "../wait/waiter.js";

/** Body of register/deregister: the ELBs and the ingress addresses concerned. */
export type IngressIpsRequest = components["schemas"]["IngressIpsRequest"];
/** One ELB and its ingress addresses. */
export type ElbIngressDetails = components["schemas"]["ElbIngressDetails"];
/** One IP address and its version. */
export type IpDetail = components["schemas"]["IpDetail"];
/** The 202 answer of register/deregister. */
export type IngressIpsJob = components["schemas"]["IngressIpsJob"];
/** Gateway details as ShowInstance returns them. */
export type InstanceDetails = components["schemas"]["InstanceDetails"];
/** Gateway lifecycle status. */
export type InstanceStatus = components["schemas"]["InstanceStatus"];

/** Options of {@link createApigClient}; `projectId` is required. */
export interface ApigClientOptions extends ClientOptions {
  projectId: string;
}

/** Typed client of the APIG dedicated-gateway ingress operations. */
export interface ApigClient {
  /**
   * Registers ingress IPs on an NLB gateway (PUT …/ingress-register). Resolves with the 202 job answer as a
   * handle: `await (await apig.registerIngressIps(id, body)).wait()` resolves once the gateway is `Running` with
   * the addresses listed.
   */
  registerIngressIps(instanceId: string, body: IngressIpsRequest, options?: CallOptions): Promise<IngressIpsJobHandle>;
  /**
   * Deregisters ingress IPs from an NLB gateway (PUT …/ingress-unregister). Resolves with the 202 job answer as
   * a handle whose `wait()` resolves once the gateway is `Running` with the addresses gone.
   */
  deregisterIngressIps(instanceId: string, body: IngressIpsRequest, options?: CallOptions): Promise<IngressIpsJobHandle>;
  /** Reads a gateway's details (GET …/instances/{instance_id}). */
  getInstance(instanceId: string, options?: CallOptions): Promise<InstanceDetails>;
  /**
   * Continues a wait from `handle.toJSON()` (the object or its JSON text), e.g. in another process. Behaves like
   * `handle.wait(options)`; `maxWaitMs` counts from this call, progress `elapsedMs` from the original start.
   * @throws {ValidationError} The state is malformed, or was made for another endpoint or project than this
   *   client's (as a rejected promise, before any request).
   */
  resumeWait(state: ApigWaitState | string, options?: WaitOptions<InstanceDetails>): Promise<InstanceDetails>;
  /** openapi-fetch client for the APIG spec, with auth, retries and typed errors applied. */
  readonly raw: BaseClient<paths>["raw"];
}

/** Creates an APIG client. Throws `ValidationError` for bad options, before any I/O. */
export function createApigClient(options: ApigClientOptions): ApigClient {
  const { raw, options: resolved } = createBaseClient<paths>("apig", options, true);
  const project_id = resolved.projectId as string;
  // One per client: concurrent waits on one gateway share a poll request per interval.
  const sharing = createPollSharing<PollOutcome<InstanceDetails>>();
  const keyOf = (instanceId: string): string => `apig:${project_id}:${instanceId}`;

  const showInstance = async (instanceId: string, init: { signal?: AbortSignal }) => {
    const path = { project_id, instance_id: instanceId };
    validateInput("ShowInstance", validateShowInstance, { path });
    const { data, response } = await raw.GET("/v2/{project_id}/apigw/instances/{instance_id}", { params: { path }, ...init });
    return { details: bodyOf(data, response), response };
  };

  const waitFor = (state: ApigWaitState, waitOptions: WaitOptions<InstanceDetails> | undefined): Promise<InstanceDetails> =>
    runServiceWait(
      {
        operation: state.operation,
        key: keyOf(state.instanceId),
        startedAtMs: Date.parse(state.startedAt),
        sharing,
        async fetch(signal) {
          const { details, response } = await showInstance(state.instanceId, { signal });
          return { observation: details, retryAfterMs: parseRetryAfterMs(response.headers) };
        },
        evaluate: (details) => evaluateIngress(details, state.expect),
        notFoundReason: `gateway ${state.instanceId} no longer exists (ShowInstance answered 404)`,
      },
      waitOptions,
    );

  const ingress = (route: "ingress-register" | "ingress-unregister") =>
    async (instanceId: string, body: IngressIpsRequest, callOptions?: CallOptions): Promise<IngressIpsJobHandle> => {
      const path = { project_id, instance_id: instanceId };
      validateInput(
        route === "ingress-register" ? "RegisterIngressIps" : "UnregisterIngressIps",
        route === "ingress-register" ? validateRegisterIngressIps : validateUnregisterIngressIps,
        { path, body },
      );
      const startedAtMs = Date.now();
      const { data, response } = await raw.PUT(`/v2/{project_id}/apigw/instances/{instance_id}/${route}`, {
        params: { path },
        body,
        ...requestInit(callOptions),
      });
      const job = bodyOf(data, response);
      // An answer read before the change must not satisfy a wait started after it.
      sharing.invalidate(keyOf(instanceId));
      const state = apigWaitState(route === "ingress-register" ? "registerIngressIps" : "deregisterIngressIps", {
        endpoint: resolved.baseUrl,
        projectId: project_id,
        instanceId,
        jobId: typeof job.job_id === "string" ? job.job_id : "",
        startedAtMs,
        body,
      });
      return createIngressHandle(job, state, waitFor);
    };

  const client: ApigClient = {
    registerIngressIps: ingress("ingress-register"),
    deregisterIngressIps: ingress("ingress-unregister"),
    async getInstance(instanceId, callOptions) {
      return (await showInstance(instanceId, requestInit(callOptions))).details;
    },
    async resumeWait(state, waitOptions) {
      const parsed = parseWaitState(state, { service: "apig", endpoint: resolved.baseUrl, projectId: project_id });
      return waitFor(parsed, waitOptions);
    },
    raw,
  };
  return describeClient(client, "ApigClient", resolved);
}
