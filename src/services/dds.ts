import type { components, operations, paths } from "../../generated/dds.js";
import { validateBindPublicGateway, validateListInstances, validateUnbindPublicGateway } from "../../generated/validators.js";
import { bodyOf } from "../client/answer.js";
import { requestInit, type CallOptions } from "../client/call-options.js";
import { createBaseClient, describeClient, type BaseClient } from "../client/create.js";
import type { ClientOptions } from "../client/options.js";
import { assertPathParams } from "../client/path-params.js";
import { parseRetryAfterMs } from "../client/retry.js";
import { validateInput } from "../client/validate.js";
import { InvalidResponseError, NotFoundError, redactHeaders } from "../errors.js";
import { createGatewayHandle, ddsWaitState, evaluateGateway, type BindPublicGatewayHandle, type UnbindPublicGatewayHandle } from "../wait/dds-gateway.js";
import { createPollSharing, runServiceWait, type WaitOptions } from "../wait/handle.js";
import { parseWaitState, type DdsWaitState } from "../wait/state.js";
import type { PollOutcome } from "../wait/waiter.js";

/** Body of BindPublicGateway. */
export type BindPublicGatewayRequest = components["schemas"]["BindPublicGatewayRequest"];
/** 200 answer of BindPublicGateway. */
export type BindPublicGatewayResponse = components["schemas"]["BindPublicGatewayResponse"];
/** 200 answer of UnbindPublicGateway. */
export type UnbindPublicGatewayResponse = components["schemas"]["UnbindPublicGatewayResponse"];
/** Filters and paging of ListInstances. */
export type ListInstancesQuery = NonNullable<operations["ListInstances"]["parameters"]["query"]>;
/** One page of ListInstances. */
export type ListInstancesResponse = components["schemas"]["ListInstancesResponse"];
/** A DB instance. */
export type DdsInstance = components["schemas"]["DdsInstance"];
/** A node group of an instance. */
export type DdsGroup = components["schemas"]["DdsGroup"];
/** A node of an instance. */
export type DdsNode = components["schemas"]["DdsNode"];

/** A node found by {@link DdsClient.getNode}, with the instance and group it belongs to. */
export interface DdsNodeLocation {
  instance: DdsInstance;
  group: DdsGroup;
  node: DdsNode;
}

/** Options of {@link createDdsClient}; `projectId` is required. */
export interface DdsClientOptions extends ClientOptions {
  projectId: string;
}

/** Typed client of the DDS public-gateway operations. */
export interface DdsClient {
  /**
   * Unbinds the public gateway (DNAT rule) from a node (DELETE …/public-gateway). Resolves with the 200 answer
   * as a handle whose `wait()` resolves once ListInstances shows the node without `nat_gateway_id` /
   * `external_service_port`.
   */
  unbindPublicGateway(instanceId: string, nodeId: string, options?: CallOptions): Promise<UnbindPublicGatewayHandle>;
  /**
   * Binds a public gateway to a node (POST …/public-gateway). Resolves with the 200 answer as a handle whose
   * `wait()` resolves once ListInstances shows the node with the bound `nat_gateway_id` and
   * `external_service_port`.
   */
  bindPublicGateway(instanceId: string, nodeId: string, body: BindPublicGatewayRequest, options?: CallOptions): Promise<BindPublicGatewayHandle>;
  /** Lists DB instances with their groups and nodes (GET …/instances). */
  listInstances(query?: ListInstancesQuery, options?: CallOptions): Promise<ListInstancesResponse>;
  /** Finds one node through ListInstances; rejects with `NotFoundError` when the instance or node is missing. */
  getNode(instanceId: string, nodeId: string, options?: CallOptions): Promise<DdsNodeLocation>;
  /**
   * Continues a wait from `handle.toJSON()` (the object or its JSON text), e.g. in another process. Behaves like
   * `handle.wait(options)`; `maxWaitMs` counts from this call, progress `elapsedMs` from the original start.
   * @throws {ValidationError} The state is malformed, or was made for another endpoint or project than this
   *   client's (as a rejected promise, before any request).
   */
  resumeWait(state: DdsWaitState | string, options?: WaitOptions<DdsNodeLocation>): Promise<DdsNodeLocation>;
  /** openapi-fetch client for the DDS spec, with auth, retries and typed errors applied. */
  readonly raw: BaseClient<paths>["raw"];
}

const GATEWAY_PATH = "/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway";

/** Creates a DDS client. Throws `ValidationError` for bad options, before any I/O. */
export function createDdsClient(options: DdsClientOptions): DdsClient {
  const { raw, options: resolved } = createBaseClient<paths>("dds", options, true);
  const project_id = resolved.projectId as string;
  // One per client: concurrent waits on one DB instance share a ListInstances request per interval.
  const sharing = createPollSharing<PollOutcome<DdsNodeLocation>>();
  const keyOf = (instanceId: string): string => `dds:${project_id}:${instanceId}`;

  const listPage = async (query: ListInstancesQuery, init: { signal?: AbortSignal }) => {
    const path = { project_id };
    validateInput("ListInstances", validateListInstances, { path, query });
    const { data, response } = await raw.GET("/v3/{project_id}/instances", { params: { path, query }, ...init });
    return { page: bodyOf(data, response), response };
  };

  const listInstances: DdsClient["listInstances"] = async (query = {}, callOptions) => (await listPage(query, requestInit(callOptions))).page;

  /** The node in a ListInstances page filtered by `id`, or the `NotFoundError` getNode documents. */
  const locate = (page: ListInstancesResponse, instanceId: string, nodeId: string): DdsNodeLocation => {
    // A page without an instance list is a broken answer, not a missing instance (which would end a wait as failed).
    if (!Array.isArray(page.instances)) throw new InvalidResponseError("ListInstances answer has no instances array", 200, undefined);
    const instance = page.instances.find((i) => i?.id === instanceId);
    for (const group of Array.isArray(instance?.groups) ? instance.groups : []) {
      const node = Array.isArray(group?.nodes) ? group.nodes.find((n) => n?.id === nodeId) : undefined;
      if (instance && node) return { instance, group, node };
    }
    throw new NotFoundError({
      status: 404,
      code: undefined,
      message: instance ? `node ${nodeId} not found in instance ${instanceId}` : `instance ${instanceId} not found`,
      requestId: undefined,
      body: page,
      headers: redactHeaders(undefined),
      method: "GET",
      url: `${resolved.baseUrl}/v3/${project_id}/instances`,
    });
  };

  const waitFor = (state: DdsWaitState, waitOptions: WaitOptions<DdsNodeLocation> | undefined): Promise<DdsNodeLocation> =>
    runServiceWait(
      {
        operation: state.operation,
        key: keyOf(state.instanceId),
        startedAtMs: Date.parse(state.startedAt),
        sharing,
        async fetch(signal) {
          const { page, response } = await listPage({ id: state.instanceId }, { signal });
          return { observation: locate(page, state.instanceId, state.nodeId), retryAfterMs: parseRetryAfterMs(response.headers) };
        },
        evaluate: (location) => evaluateGateway(location, state.expect),
        notFoundReason: `instance ${state.instanceId} or its node ${state.nodeId} no longer exists`,
      },
      waitOptions,
    );

  const client: DdsClient = {
    async unbindPublicGateway(instanceId, nodeId, callOptions) {
      const path = { project_id, instance_id: instanceId, node_id: nodeId };
      validateInput("UnbindPublicGateway", validateUnbindPublicGateway, { path });
      const startedAtMs = Date.now();
      const { data, response } = await raw.DELETE(GATEWAY_PATH, { params: { path }, ...requestInit(callOptions) });
      const answer = bodyOf(data, response);
      // An answer read before the change must not satisfy a wait started after it.
      sharing.invalidate(keyOf(instanceId));
      const state = ddsWaitState({ operation: "unbindPublicGateway", endpoint: resolved.baseUrl, projectId: project_id, instanceId, nodeId, startedAtMs });
      return createGatewayHandle(answer, state, waitFor);
    },
    async bindPublicGateway(instanceId, nodeId, body, callOptions) {
      const path = { project_id, instance_id: instanceId, node_id: nodeId };
      validateInput("BindPublicGateway", validateBindPublicGateway, { path, body });
      const startedAtMs = Date.now();
      const { data, response } = await raw.POST(GATEWAY_PATH, { params: { path }, body, ...requestInit(callOptions) });
      const answer = bodyOf(data, response);
      sharing.invalidate(keyOf(instanceId));
      const state = ddsWaitState({ operation: "bindPublicGateway", body, endpoint: resolved.baseUrl, projectId: project_id, instanceId, nodeId, startedAtMs });
      return createGatewayHandle(answer, state, waitFor);
    },
    listInstances,
    async getNode(instanceId, nodeId, callOptions) {
      // Ids are checked like path parameters although they travel as a query filter: same ids, same rules.
      assertPathParams({ instance_id: instanceId, node_id: nodeId });
      const page = await listInstances({ id: instanceId }, callOptions);
      return locate(page, instanceId, nodeId);
    },
    async resumeWait(state, waitOptions) {
      const parsed = parseWaitState(state, { service: "dds", endpoint: resolved.baseUrl, projectId: project_id });
      return waitFor(parsed, waitOptions);
    },
    raw,
  };
  return describeClient(client, "DdsClient", resolved);
}
