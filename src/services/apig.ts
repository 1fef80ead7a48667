import type { components, paths } from "../../generated/apig.js";
import { validateRegisterIngressIps, validateShowInstance, validateUnregisterIngressIps } from "../../generated/validators.js";
import { bodyOf } from "../client/answer.js";
import { requestInit, type CallOptions } from "../client/call-options.js";
import { createBaseClient, describeClient, type BaseClient } from "../client/create.js";
import type { ClientOptions } from "../client/options.js";
import { validateInput } from "../client/validate.js";

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
  /** Registers ingress IPs on an NLB gateway (PUT …/ingress-register). Resolves with the 202 job answer. */
  registerIngressIps(instanceId: string, body: IngressIpsRequest, options?: CallOptions): Promise<IngressIpsJob>;
  /** Deregisters ingress IPs from an NLB gateway (PUT …/ingress-unregister). Resolves with the 202 job answer. */
  deregisterIngressIps(instanceId: string, body: IngressIpsRequest, options?: CallOptions): Promise<IngressIpsJob>;
  /** Reads a gateway's details (GET …/instances/{instance_id}). */
  getInstance(instanceId: string, options?: CallOptions): Promise<InstanceDetails>;
  /** openapi-fetch client for the APIG spec, with auth, retries and typed errors applied. */
  readonly raw: BaseClient<paths>["raw"];
}

/** Creates an APIG client. Throws `ValidationError` for bad options, before any I/O. */
export function createApigClient(options: ApigClientOptions): ApigClient {
  const { raw, options: resolved } = createBaseClient<paths>("apig", options, true);
  const project_id = resolved.projectId as string;

  const ingress = (route: "ingress-register" | "ingress-unregister") =>
    async (instanceId: string, body: IngressIpsRequest, callOptions?: CallOptions): Promise<IngressIpsJob> => {
      const path = { project_id, instance_id: instanceId };
      validateInput(
        route === "ingress-register" ? "RegisterIngressIps" : "UnregisterIngressIps",
        route === "ingress-register" ? validateRegisterIngressIps : validateUnregisterIngressIps,
        { path, body },
      );
      const { data, response } = await raw.PUT(`/v2/{project_id}/apigw/instances/{instance_id}/${route}`, {
        params: { path },
        body,
        ...requestInit(callOptions),
      });
      return bodyOf(data, response);
    };

  const client: ApigClient = {
    registerIngressIps: ingress("ingress-register"),
    deregisterIngressIps: ingress("ingress-unregister"),
    async getInstance(instanceId, callOptions) {
      const path = { project_id, instance_id: instanceId };
      validateInput("ShowInstance", validateShowInstance, { path });
      const { data, response } = await raw.GET("/v2/{project_id}/apigw/instances/{instance_id}", { params: { path }, ...requestInit(callOptions) });
      return bodyOf(data, response);
    },
    raw,
  };
  return describeClient(client, "ApigClient", resolved);
}
