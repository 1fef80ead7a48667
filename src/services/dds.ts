import type { components, operations, paths } from "../../generated/dds.js";
import { operations as ddsOperations } from "../../generated/operations/dds.js";
import { bodyOf, InvalidResponseError, NotFoundError, redactHeaders } from "../errors.js";
import { requestInit, type CallOptions, type ClientOptions } from "../options.js";
import { describeClient, type BaseClient } from "../internal/create.js";
import { createScopedClient } from "./client-setup.js";
import { assertPathParams } from "../internal/path-params.js";
import { createServiceWaits, type OperationHandle, type Verdict, type WaitOptions } from "../wait/handle.js";
import { readWaitState, type WaitStateBase } from "../wait/state.js";

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
  /** The DB instance, as ListInstances lists it. */
  instance: DdsInstance;
  /** The group (shard, config, mongos or replica set) that holds the node. */
  group: DdsGroup;
  /** The node itself. */
  node: DdsNode;
}

/** The expected end state of a public-gateway bind: the node shows these values. */
export interface BoundExpectation {
  /** A bind: the node must show a gateway. */
  bound: true;
  /** `nat_gateway_id` the node must show. */
  natGatewayId: string;
  /** `external_service_port` the node must show. */
  externalServicePort: number;
  /** The EIP id of the request; informational, since ListInstances does not show it. */
  publicIpId: string;
}

/** State of a wait for a DDS public-gateway bind/unbind (`handle.waitState()`). */
export interface DdsWaitState extends WaitStateBase {
  /** Which client can resume this wait: `resumeWait` refuses a state of another service. */
  service: "dds";
  /** The call that started the change. */
  operation: "bindPublicGateway" | "unbindPublicGateway";
  /** The node acted on. */
  nodeId: string;
  /** Bound with these values, or (`bound`: false) no `nat_gateway_id` / `external_service_port` on the node. */
  expect: BoundExpectation | { bound: false };
}

/**
 * `wait()` and `waitState()` of a public-gateway handle (non-enumerable). `wait()` polls ListInstances (`?id=`) and
 * resolves with the node, its group and instance once the node's `nat_gateway_id` and `external_service_port` equal
 * the bound values (bind) or are absent, `null`, empty or 0 (unbind). It rejects with `JobFailedError` (instance
 * `abnormal` / `createfail` or node `abnormal`, on `.status`; or the instance or node is gone), `WaitTimeoutError`,
 * `AbortError` or `ValidationError` (bad options).
 */
export type PublicGatewayWait = OperationHandle<DdsWaitState, DdsNodeLocation>;

/** What `bindPublicGateway` resolves with: the 200 body as it came, plus non-enumerable `wait()` / `waitState()`. */
export interface BindPublicGatewayHandle extends BindPublicGatewayResponse, PublicGatewayWait {}

/** What `unbindPublicGateway` resolves with: the 200 body as it came, plus non-enumerable `wait()` / `waitState()`. */
export interface UnbindPublicGatewayHandle extends UnbindPublicGatewayResponse, PublicGatewayWait {}

/** Options of {@link createDdsClient}; without `projectId`, the project named after `region` is looked up in IAM once. */
export type DdsClientOptions = ClientOptions;

/** Typed client of the DDS public-gateway operations. */
export interface DdsClient {
  /**
   * Unbinds the public gateway (DNAT rule) from a node (DELETE …/public-gateway). Resolves with the 200 answer as a
   * handle whose `wait()` resolves once ListInstances shows the node without `nat_gateway_id` / `external_service_port`.
   */
  unbindPublicGateway(instanceId: string, nodeId: string, options?: CallOptions): Promise<UnbindPublicGatewayHandle>;
  /**
   * Binds a public gateway to a node (POST …/public-gateway). Resolves with the 200 answer as a handle whose `wait()`
   * resolves once ListInstances shows the node with the bound `nat_gateway_id` and `external_service_port`.
   */
  bindPublicGateway(instanceId: string, nodeId: string, body: BindPublicGatewayRequest, options?: CallOptions): Promise<BindPublicGatewayHandle>;
  /** Lists DB instances with their groups and nodes (GET …/instances). */
  listInstances(query?: ListInstancesQuery, options?: CallOptions): Promise<ListInstancesResponse>;
  /** Finds one node through ListInstances; rejects with `NotFoundError` when the instance or node is missing. */
  getNode(instanceId: string, nodeId: string, options?: CallOptions): Promise<DdsNodeLocation>;
  /**
   * Continues a wait from `handle.waitState()` (object or JSON text), e.g. in another process, like `handle.wait()`:
   * `maxWaitMs` counts from this call, progress `elapsedMs` from the original start. Rejects with `ValidationError`,
   * before any request, for a malformed state or one made for another endpoint or project than this client's.
   */
  resumeWait(state: DdsWaitState | string, options?: WaitOptions<DdsNodeLocation>): Promise<DdsNodeLocation>;
  /** openapi-fetch client for the DDS spec, with auth, retries and typed errors applied. */
  readonly raw: BaseClient<paths>["raw"];
}

const GATEWAY_PATH = "/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway";

/** Creates a DDS client. Throws `ValidationError` for bad options, before any I/O. */
export function createDdsClient(options: DdsClientOptions): DdsClient {
  const { raw, options: resolved, project } = createScopedClient<paths>("dds", options, ddsOperations);
  // `input`: the operation's inputs, checked before a discovery so bad input is refused before any I/O.
  const projectId = async (signal: AbortSignal | undefined, input?: Parameters<typeof project>[1]) => (await project(signal, input)).projectId;
  const listPage = async (query: ListInstancesQuery, init: { signal?: AbortSignal }) => {
    const project_id = await projectId(init.signal, { operationId: "ListInstances", path: {}, query: query as Record<string, unknown> });
    const { data, response } = await raw.GET("/v3/{project_id}/instances", { params: { path: { project_id }, query }, ...init });
    return { page: bodyOf(data, response), response };
  };

  /** The node in a ListInstances page filtered by `id`, or the `NotFoundError` getNode documents. */
  const locate = (page: ListInstancesResponse, instanceId: string, nodeId: string): DdsNodeLocation => {
    // A page without an instance list is a broken answer, not a missing instance (which would end a wait as failed).
    if (!Array.isArray(page.instances)) throw new InvalidResponseError("ListInstances answer has no instances array", 200, undefined);
    const instance = page.instances.find((i) => i?.id === instanceId);
    for (const group of Array.isArray(instance?.groups) ? instance.groups : []) {
      const node = Array.isArray(group?.nodes) ? group.nodes.find((n) => n?.id === nodeId) : undefined;
      if (instance && node) return { instance, group, node };
    }
    const message = instance ? `node ${nodeId} not found in instance ${instanceId}` : `instance ${instanceId} not found`;
    const url = `${resolved.baseUrl}/v3/${resolved.projectId}/instances`;
    throw new NotFoundError({ status: 404, code: undefined, message, requestId: undefined, body: page, headers: redactHeaders(undefined), method: "GET", url });
  };

  // Made once the project id is known: wait states carry it.
  let waitsMemo: ReturnType<typeof createServiceWaits<DdsWaitState, DdsNodeLocation>> | undefined;
  const waits = async (signal: AbortSignal | undefined) =>
    (waitsMemo ??= createServiceWaits<DdsWaitState, DdsNodeLocation>({
      service: "dds",
      client: { baseUrl: resolved.baseUrl, projectId: await projectId(signal) },
      async poll({ instanceId, nodeId }, signal) {
        const { page, response } = await listPage({ id: instanceId }, { signal });
        return { observation: locate(page, instanceId, nodeId), response };
      },
      accept: (location, state) => evaluateGateway(location, state.expect),
      goneReason: (state) => `instance ${state.instanceId} or its node ${state.nodeId} no longer exists`,
      parse: parseDdsWaitState,
    }));
  // Called once the project id is known (given, or discovered by projectId()).
  const params = (instance_id: string, node_id: string) => ({ path: { project_id: resolved.projectId as string, instance_id, node_id } });

  const client: DdsClient = {
    unbindPublicGateway: async (instanceId, nodeId, callOptions) => {
      await projectId(callOptions?.signal, { operationId: "UnbindPublicGateway", path: { instance_id: instanceId, node_id: nodeId } });
      const send = () => raw.DELETE(GATEWAY_PATH, { params: params(instanceId, nodeId), ...requestInit(callOptions) });
      return (await waits(callOptions?.signal)).start(instanceId, send, () => ({ operation: "unbindPublicGateway", nodeId, expect: { bound: false } }));
    },
    bindPublicGateway: async (instanceId, nodeId, body, callOptions) => {
      await projectId(callOptions?.signal, { operationId: "BindPublicGateway", path: { instance_id: instanceId, node_id: nodeId }, body });
      return (await waits(callOptions?.signal)).start(
        instanceId,
        () => raw.POST(GATEWAY_PATH, { params: params(instanceId, nodeId), body, ...requestInit(callOptions) }),
        () => {
          const { nat_gateway_id: natGatewayId, external_service_port: externalServicePort, public_ip_id: publicIpId } = body;
          return { operation: "bindPublicGateway", nodeId, expect: { bound: true, natGatewayId, externalServicePort, publicIpId } };
        },
      );
    },
    listInstances: async (query = {}, callOptions) => (await listPage(query, requestInit(callOptions))).page,
    async getNode(instanceId, nodeId, callOptions) {
      // Ids are checked like path parameters although they travel as a query filter: same ids, same rules.
      assertPathParams({ instance_id: instanceId, node_id: nodeId });
      return locate((await listPage({ id: instanceId }, requestInit(callOptions))).page, instanceId, nodeId);
    },
    resumeWait: async (state, waitOptions) => (await waits(waitOptions?.signal)).resume(state, waitOptions),
    raw,
  };
  return describeClient(client, "DdsClient", resolved);
}

// The wait: the 200 answer carries no job, and the DDS job API does not list this operation
// (https://support.huaweicloud.com/intl/en-us/api-dds/dds_api_0118.html), so ListInstances is read until the node shows the change.

/** Set in the sense of the spec: not missing, `null`, empty string, or port 0. */
const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== "" && value !== 0;

/**
 * The acceptor of a bind/unbind: an abnormal instance or node will not finish the change; the reported status is the
 * instance's. Nothing else (instance `status`, `actions`) is required, as unrelated operations may run at any time.
 */
export function evaluateGateway(location: DdsNodeLocation, expect: DdsWaitState["expect"]): Verdict {
  const instanceStatus = typeof location?.instance?.status === "string" ? location.instance.status : undefined;
  const node = location?.node;
  const gateway: unknown = node?.nat_gateway_id;
  const port: unknown = node?.external_service_port;
  const pending: string[] = [];
  if (expect.bound) {
    if (gateway !== expect.natGatewayId) pending.push(`nat_gateway_id is ${isSet(gateway) ? String(gateway) : "not set"}, expected ${expect.natGatewayId}`);
    if (port !== expect.externalServicePort)
      pending.push(`external_service_port is ${isSet(port) ? String(port) : "not set"}, expected ${expect.externalServicePort}`);
  } else {
    if (isSet(gateway)) pending.push(`nat_gateway_id ${String(gateway)} still bound`);
    if (isSet(port)) pending.push(`external_service_port ${String(port)} still set`);
  }
  const failed = instanceStatus === "abnormal" || instanceStatus === "createfail"; // the change cannot complete after these
  if (failed) return { state: "failure", status: instanceStatus, pending, reason: `instance status is ${instanceStatus}` };
  if (node?.status === "abnormal") return { state: "failure", status: "abnormal", pending, reason: `node ${String(node?.id)} status is abnormal` };
  return { state: pending.length === 0 ? "success" : "retry", status: instanceStatus, pending };
}

/**
 * Checks a state (object or JSON text) for this client's endpoint and project, and returns a fresh copy holding
 * only the known fields. @throws {ValidationError} Listing every problem, with paths like `state.expect.bound`.
 */
export function parseDdsWaitState(input: unknown, endpoint: string, projectId: string): DdsWaitState {
  const r = readWaitState(input, { service: "dds", operations: ["bindPublicGateway", "unbindPublicGateway"], endpoint, projectId });
  const { raw: s, expect: e } = r;
  r.id(".nodeId", s.nodeId);
  if (e) r.flag(".expect.bound", e.bound);
  if (e?.bound === true) {
    r.text(".expect.natGatewayId", e.natGatewayId);
    r.text(".expect.publicIpId", e.publicIpId);
    const port = e.externalServicePort as number;
    if (!Number.isInteger(port) || port < 1 || port > 65535) r.add(".expect.externalServicePort", "maximum", "must be an integer from 1 to 65535");
  }
  r.done();
  const { natGatewayId, externalServicePort, publicIpId } = e as Record<string, unknown>;
  const expect = e?.bound ? ({ bound: true, natGatewayId, externalServicePort, publicIpId } as BoundExpectation) : { bound: false as const };
  return { ...r.base, nodeId: s.nodeId as string, expect };
}
