/**
 * Test hook behind the `corrupt` fault: turns a conforming success body into one that breaks its spec, in a
 * way typical of real drift (an unknown enum value, a missing required field).
 */
import type { OperationId } from "./routes.js";

type Obj = Record<string, unknown>;

/** Returns a copy of `body` that violates the response schema of `operation`. */
export function corruptBody(operation: OperationId, body: unknown): unknown {
  const copy = structuredClone(body) as Obj;
  switch (operation) {
    case "ShowInstance":
      copy.status = "Exploded"; // not in the InstanceStatus enum
      break;
    case "RegisterIngressIps":
    case "UnregisterIngressIps":
      delete copy.job_id;
      break;
    case "BindPublicGateway":
    case "UnbindPublicGateway":
      delete copy.node_id;
      break;
    case "ListInstances":
      delete copy.total_count;
      break;
    case "CreateTokenByPassword":
      if (copy.token && typeof copy.token === "object") delete (copy.token as Obj).expires_at;
      break;
  }
  return copy;
}
