import type { components, operations, paths } from "../../generated/dds.js";
import { validateBindPublicGateway, validateListInstances, validateUnbindPublicGateway } from "../../generated/validators.js";
import { bodyOf } from "../client/answer.js";
import { requestInit, type CallOptions } from "../client/call-options.js";
import { createBaseClient, describeClient, type BaseClient } from "../client/create.js";
import type { ClientOptions } from "../client/options.js";
import { assertPathParams } from "../client/path-params.js";
import { validateInput } from "../client/validate.js";
import { NotFoundError, redactHeaders } from "../errors.js";

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
  /** Unbinds the public gateway (DNAT rule) from a node (DELETE …/public-gateway). */
  unbindPublicGateway(instanceId: string, nodeId: string, options?: CallOptions): Promise<UnbindPublicGatewayResponse>;
  /** Binds a public gateway to a node (POST …/public-gateway). */
  bindPublicGateway(instanceId: string, nodeId: string, body: BindPublicGatewayRequest, options?: CallOptions): Promise<BindPublicGatewayResponse>;
  /** Lists DB instances with their groups and nodes (GET …/instances). */
  listInstances(query?: ListInstancesQuery, options?: CallOptions): Promise<ListInstancesResponse>;
  /** Finds one node through ListInstances; rejects with `NotFoundError` when the instance or node is missing. */
  getNode(instanceId: string, nodeId: string, options?: CallOptions): Promise<DdsNodeLocation>;
  /** openapi-fetch client for the DDS spec, with auth, retries and typed errors applied. */
  readonly raw: BaseClient<paths>["raw"];
}

const GATEWAY_PATH = "/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway";

/** Creates a DDS client. Throws `ValidationError` for bad options, before any I/O. */
export function createDdsClient(options: DdsClientOptions): DdsClient {
  const { raw, options: resolved } = createBaseClient<paths>("dds", options, true);
  const project_id = resolved.projectId as string;

  const listInstances: DdsClient["listInstances"] = async (query = {}, callOptions) => {
    const path = { project_id };
    validateInput("ListInstances", validateListInstances, { path, query });
    const { data, response } = await raw.GET("/v3/{project_id}/instances", { params: { path, query }, ...requestInit(callOptions) });
    return bodyOf(data, response);
  };

  const client: DdsClient = {
    async unbindPublicGateway(instanceId, nodeId, callOptions) {
      const path = { project_id, instance_id: instanceId, node_id: nodeId };
      validateInput("UnbindPublicGateway", validateUnbindPublicGateway, { path });
      const { data, response } = await raw.DELETE(GATEWAY_PATH, { params: { path }, ...requestInit(callOptions) });
      return bodyOf(data, response);
    },
    async bindPublicGateway(instanceId, nodeId, body, callOptions) {
      const path = { project_id, instance_id: instanceId, node_id: nodeId };
      validateInput("BindPublicGateway", validateBindPublicGateway, { path, body });
      const { data, response } = await raw.POST(GATEWAY_PATH, { params: { path }, body, ...requestInit(callOptions) });
      return bodyOf(data, response);
    },
    listInstances,
    async getNode(instanceId, nodeId, callOptions) {
      // Ids are checked like path parameters although they travel as a query filter: same ids, same rules.
      assertPathParams({ instance_id: instanceId, node_id: nodeId });
      const page = await listInstances({ id: instanceId }, callOptions);
      const instance = page.instances.find((i) => i.id === instanceId);
      for (const group of instance?.groups ?? []) {
        const node = group.nodes.find((n) => n.id === nodeId);
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
    },
    raw,
  };
  return describeClient(client, "DdsClient", resolved);
}
