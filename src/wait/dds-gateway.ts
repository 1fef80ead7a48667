/**
 * When a DDS public-gateway bind/unbind is in effect, read from ListInstances, and the handles bind/unbind
 * resolve with. The 200 answer carries no job, and the DDS job API
 * (https://support.huaweicloud.com/intl/en-us/api-dds/dds_api_0118.html) does not list this operation.
 */
import type { BindPublicGatewayRequest, BindPublicGatewayResponse, DdsNodeLocation, UnbindPublicGatewayResponse } from "../services/dds.js";
import type { Evaluation, WaitOptions } from "./handle.js";
import { type DdsWaitState, WAIT_STATE_FORMAT } from "./state.js";

/** `wait()` and `toJSON()` of a public-gateway handle (non-enumerable on the handle). */
export interface PublicGatewayWait {
  /**
   * Polls ListInstances (`?id=<instance>`) until the node shows the change, and resolves with the node, its
   * group and instance from the successful poll.
   *
   * Done means, after a bind: the node's `nat_gateway_id` and `external_service_port` equal the bound values;
   * after an unbind: both are absent, `null`, empty or 0. Other fields (instance `status`, `actions`) are
   * reported in progress but not required, since unrelated operations may run on the instance at any time.
   *
   * @throws {JobFailedError} Instance `status` `abnormal` / `createfail` or node `status` `abnormal` (on
   *   `.status`), or the instance or node no longer exists (`cause` is the `NotFoundError`).
   * @throws {WaitTimeoutError} Not in effect at the final poll before `maxWaitMs`; `observed` lists the polls.
   * @throws {AbortError} `signal` aborted.
   * @throws {ValidationError} Bad options.
   */
  wait(options?: WaitOptions<DdsNodeLocation>): Promise<DdsNodeLocation>;
  /** Plain JSON for `client.resumeWait()` in another process: ids, expected end state, start, endpoint; no secrets. */
  toJSON(): DdsWaitState;
}

/** What `bindPublicGateway` resolves with: the 200 body as it came, plus `wait()` / `toJSON()`. */
export interface BindPublicGatewayHandle extends BindPublicGatewayResponse, PublicGatewayWait {}

/** What `unbindPublicGateway` resolves with: the 200 body as it came, plus `wait()` / `toJSON()`. */
export interface UnbindPublicGatewayHandle extends UnbindPublicGatewayResponse, PublicGatewayWait {}

/** Instance statuses after which a public-gateway change cannot complete. */
const FAILED_INSTANCE_STATUSES: ReadonlySet<string> = new Set(["abnormal", "createfail"]);

/** Absent in the sense of the spec: missing, `null`, empty string, or port 0. */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "" && value !== 0;
}

/**
 * The acceptor of a bind/unbind. Failure first (an abnormal instance or node will not finish the change), then
 * the node fields; progress `status` is the instance status.
 */
export function evaluateGateway(location: DdsNodeLocation, expect: DdsWaitState["expect"]): Evaluation {
  const instanceStatus = typeof location?.instance?.status === "string" ? location.instance.status : undefined;
  const node = location?.node;
  const nodeStatus = typeof node?.status === "string" ? node.status : undefined;
  const gateway: unknown = node?.nat_gateway_id;
  const port: unknown = node?.external_service_port;
  const pending: string[] = [];
  if (expect.bound) {
    if (gateway !== expect.natGatewayId) {
      pending.push(`nat_gateway_id is ${isSet(gateway) ? String(gateway) : "not set"}, expected ${expect.natGatewayId}`);
    }
    if (port !== expect.externalServicePort) {
      pending.push(`external_service_port is ${isSet(port) ? String(port) : "not set"}, expected ${expect.externalServicePort}`);
    }
  } else {
    if (isSet(gateway)) pending.push(`nat_gateway_id ${String(gateway)} still bound`);
    if (isSet(port)) pending.push(`external_service_port ${String(port)} still set`);
  }
  if (instanceStatus !== undefined && FAILED_INSTANCE_STATUSES.has(instanceStatus)) {
    return { state: "failure", status: instanceStatus, pending, reason: `instance status is ${instanceStatus}` };
  }
  if (nodeStatus === "abnormal") {
    return { state: "failure", status: nodeStatus, pending, reason: `node ${String(node?.id)} status is abnormal` };
  }
  return { state: pending.length === 0 ? "success" : "retry", status: instanceStatus, pending };
}

/** Builds a handle around a 200 answer; `wait` is the client's bound wait for `state`. */
export function createGatewayHandle<B extends object>(
  body: B,
  state: DdsWaitState,
  wait: (state: DdsWaitState, options: WaitOptions<DdsNodeLocation> | undefined) => Promise<DdsNodeLocation>,
): B & PublicGatewayWait {
  const handle = { ...body } as B & PublicGatewayWait;
  Object.defineProperties(handle, {
    wait: { value: (options?: WaitOptions<DdsNodeLocation>) => wait(state, options), enumerable: false },
    toJSON: { value: () => ({ ...state, expect: { ...state.expect } }), enumerable: false },
  });
  return handle;
}

/** The state a new bind/unbind starts with. */
export function ddsWaitState(
  init: { endpoint: string; projectId: string; instanceId: string; nodeId: string; startedAtMs: number } & (
    | { operation: "bindPublicGateway"; body: BindPublicGatewayRequest }
    | { operation: "unbindPublicGateway" }
  ),
): DdsWaitState {
  return {
    format: WAIT_STATE_FORMAT,
    service: "dds",
    operation: init.operation,
    endpoint: init.endpoint,
    projectId: init.projectId,
    instanceId: init.instanceId,
    nodeId: init.nodeId,
    startedAt: new Date(init.startedAtMs).toISOString(),
    expect:
      init.operation === "bindPublicGateway"
        ? {
            bound: true,
            natGatewayId: init.body.nat_gateway_id,
            externalServicePort: init.body.external_service_port,
            publicIpId: init.body.public_ip_id,
          }
        : { bound: false },
  };
}
