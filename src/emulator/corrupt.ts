/**
 * Test hook behind the `corrupt` fault: turns a conforming success body into one that breaks its spec, in a
 * way typical of real drift (an unknown enum value, a field of the wrong type). The specs mark no response field
 * required (the reference shows none as always present), so dropping a field would still conform.
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
      copy.job_id = 12345; // a number where the spec says string
      break;
    case "BindPublicGateway":
    case "UnbindPublicGateway":
      copy.node_id = 42;
      break;
    case "ListInstances":
      copy.total_count = "two";
      break;
    case "CreateTokenByPassword":
      if (copy.token && typeof copy.token === "object") (copy.token as Obj).methods = "password"; // not an array
      break;
  }
  return copy;
}
