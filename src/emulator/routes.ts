/** The route table: which method and path is which operation of which spec. */
import type { ServiceName } from "./errors.js";

/** Every operation the emulator serves: those of the three specs, plus the metadata API and pod identity. */
export type OperationId =
  | "RegisterIngressIps"
  | "UnregisterIngressIps"
  | "ShowInstance"
  | "BindPublicGateway"
  | "UnbindPublicGateway"
  | "ListInstances"
  | "CreateTokenByPassword"
  | "KeystoneListProjects"
  | "CreateTokenWithIdToken"
  | "CreateTemporaryAccessKeyByToken"
  | "CreateMetadataToken"
  | "ShowSecurityKey"
  | "CreatePodIdentityCredentials";

/** All operation ids, in spec order. */
export const OPERATION_IDS: readonly OperationId[] = [
  "RegisterIngressIps",
  "UnregisterIngressIps",
  "ShowInstance",
  "BindPublicGateway",
  "UnbindPublicGateway",
  "ListInstances",
  "CreateTokenByPassword",
  "KeystoneListProjects",
  "CreateTokenWithIdToken",
  "CreateTemporaryAccessKeyByToken",
  "CreateMetadataToken",
  "ShowSecurityKey",
  "CreatePodIdentityCredentials",
];

/** Path of the emulator's pod identity endpoint (what `HC_CONTAINER_CREDENTIALS_FULL_URI` points at). */
export const POD_IDENTITY_PATH = "/pod-identity/credentials";

/** A request matched to an operation, with its decoded path parameters. */
export interface RouteMatch {
  service: ServiceName;
  operation: OperationId;
  params: Record<string, string>;
  /** Whether the operation needs a token or AK/SK signature (APIG, DDS and KeystoneListProjects). */
  authenticated: boolean;
}

interface Route {
  method: string;
  service: ServiceName;
  operation: OperationId;
  pattern: RegExp;
  names: readonly string[];
  /** @default true for APIG and DDS, false otherwise */
  authenticated?: boolean;
}

const SEG = "([^/]+)";
const ROUTES: readonly Route[] = [
  {
    method: "PUT",
    service: "apig",
    operation: "RegisterIngressIps",
    pattern: new RegExp(`^/v2/${SEG}/apigw/instances/${SEG}/ingress-register$`),
    names: ["project_id", "instance_id"],
  },
  {
    method: "PUT",
    service: "apig",
    operation: "UnregisterIngressIps",
    pattern: new RegExp(`^/v2/${SEG}/apigw/instances/${SEG}/ingress-unregister$`),
    names: ["project_id", "instance_id"],
  },
  {
    method: "GET",
    service: "apig",
    operation: "ShowInstance",
    pattern: new RegExp(`^/v2/${SEG}/apigw/instances/${SEG}$`),
    names: ["project_id", "instance_id"],
  },
  {
    method: "POST",
    service: "dds",
    operation: "BindPublicGateway",
    pattern: new RegExp(`^/v3/${SEG}/instances/${SEG}/nodes/${SEG}/public-gateway$`),
    names: ["project_id", "instance_id", "node_id"],
  },
  {
    method: "DELETE",
    service: "dds",
    operation: "UnbindPublicGateway",
    pattern: new RegExp(`^/v3/${SEG}/instances/${SEG}/nodes/${SEG}/public-gateway$`),
    names: ["project_id", "instance_id", "node_id"],
  },
  { method: "GET", service: "dds", operation: "ListInstances", pattern: new RegExp(`^/v3/${SEG}/instances$`), names: ["project_id"] },
  { method: "POST", service: "iam", operation: "CreateTokenByPassword", pattern: /^\/v3\/auth\/tokens$/, names: [] },
  { method: "GET", service: "iam", operation: "KeystoneListProjects", pattern: /^\/v3\/projects$/, names: [], authenticated: true },
  { method: "POST", service: "iam", operation: "CreateTokenWithIdToken", pattern: /^\/v3\.0\/OS-AUTH\/id-token\/tokens$/, names: [] },
  { method: "POST", service: "iam", operation: "CreateTemporaryAccessKeyByToken", pattern: /^\/v3\.0\/OS-CREDENTIAL\/securitytokens$/, names: [] },
  { method: "PUT", service: "metadata", operation: "CreateMetadataToken", pattern: /^\/meta-data\/latest\/api\/token$/, names: [] },
  { method: "GET", service: "metadata", operation: "ShowSecurityKey", pattern: /^\/openstack\/latest\/securitykey$/, names: [] },
  { method: "POST", service: "metadata", operation: "CreatePodIdentityCredentials", pattern: new RegExp(`^${POD_IDENTITY_PATH}$`), names: [] },
];

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Matches a method and raw (still encoded) path; `undefined` when no operation has them. */
export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decode(m[i + 1] ?? "");
    });
    const authenticated = route.authenticated ?? (route.service === "apig" || route.service === "dds");
    return { service: route.service, operation: route.operation, params, authenticated };
  }
  return undefined;
}
