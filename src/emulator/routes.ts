/** The route table: which method and path is which operation of which spec. */
import type { ServiceName } from "./errors.js";

/** Every operation of the three specs. */
export type OperationId =
  | "RegisterIngressIps"
  | "UnregisterIngressIps"
  | "ShowInstance"
  | "BindPublicGateway"
  | "UnbindPublicGateway"
  | "ListInstances"
  | "CreateTokenByPassword";

/** All operation ids, in spec order. */
export const OPERATION_IDS: readonly OperationId[] = [
  "RegisterIngressIps",
  "UnregisterIngressIps",
  "ShowInstance",
  "BindPublicGateway",
  "UnbindPublicGateway",
  "ListInstances",
  "CreateTokenByPassword",
];

/** A request matched to an operation, with its decoded path parameters. */
export interface RouteMatch {
  service: ServiceName;
  operation: OperationId;
  params: Record<string, string>;
}

interface Route {
  method: string;
  service: ServiceName;
  operation: OperationId;
  pattern: RegExp;
  names: readonly string[];
}

const SEG = "([^/]+)";
const ROUTES: readonly Route[] = [
  { method: "PUT", service: "apig", operation: "RegisterIngressIps", pattern: new RegExp(`^/v2/${SEG}/apigw/instances/${SEG}/ingress-register$`), names: ["project_id", "instance_id"] },
  { method: "PUT", service: "apig", operation: "UnregisterIngressIps", pattern: new RegExp(`^/v2/${SEG}/apigw/instances/${SEG}/ingress-unregister$`), names: ["project_id", "instance_id"] },
  { method: "GET", service: "apig", operation: "ShowInstance", pattern: new RegExp(`^/v2/${SEG}/apigw/instances/${SEG}$`), names: ["project_id", "instance_id"] },
  { method: "POST", service: "dds", operation: "BindPublicGateway", pattern: new RegExp(`^/v3/${SEG}/instances/${SEG}/nodes/${SEG}/public-gateway$`), names: ["project_id", "instance_id", "node_id"] },
  { method: "DELETE", service: "dds", operation: "UnbindPublicGateway", pattern: new RegExp(`^/v3/${SEG}/instances/${SEG}/nodes/${SEG}/public-gateway$`), names: ["project_id", "instance_id", "node_id"] },
  { method: "GET", service: "dds", operation: "ListInstances", pattern: new RegExp(`^/v3/${SEG}/instances$`), names: ["project_id"] },
  { method: "POST", service: "iam", operation: "CreateTokenByPassword", pattern: /^\/v3\/auth\/tokens$/, names: [] },
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
    return { service: route.service, operation: route.operation, params };
  }
  return undefined;
}
