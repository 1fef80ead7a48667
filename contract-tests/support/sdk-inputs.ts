/**
 * Inputs of the SDK calls, all taken from the spec's parameter and request-body examples, so a call Prism
 * accepts is one the spec documents.
 */
import type { BindPublicGatewayRequest, CreateTokenByPasswordRequest, IngressIpsRequest, ListInstancesQuery } from "../../src/index.js";
import { findOperation, parameterExample, requestExample } from "./spec.js";

/** Inputs of the calls, all taken from the spec's parameter and request-body examples. */
export const inputs = {
  get apigInstanceId() {
    return String(parameterExample(findOperation("ShowInstance"), "instance_id"));
  },
  get ddsInstanceId() {
    return String(parameterExample(findOperation("BindPublicGateway"), "instance_id"));
  },
  get ddsNodeId() {
    return String(parameterExample(findOperation("BindPublicGateway"), "node_id"));
  },
  ingressBody(operationId: "RegisterIngressIps" | "UnregisterIngressIps"): IngressIpsRequest {
    return structuredClone(requestExample(findOperation(operationId))) as IngressIpsRequest;
  },
  get bindBody(): BindPublicGatewayRequest {
    return structuredClone(requestExample(findOperation("BindPublicGateway"))) as BindPublicGatewayRequest;
  },
  get tokenBody(): CreateTokenByPasswordRequest {
    return structuredClone(requestExample(findOperation("CreateTokenByPassword"))) as CreateTokenByPasswordRequest;
  },
  /** Every documented ListInstances filter, each with its spec example. */
  get allListFilters(): ListInstancesQuery {
    const op = findOperation("ListInstances");
    return Object.fromEntries(op.parameters.filter((p) => p.in === "query").map((p) => [p.name, p.example])) as ListInstancesQuery;
  },
};
