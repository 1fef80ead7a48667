/**
 * What both the request-conformance matrix (requests.test.ts) and the transport canaries
 * (requests-transport-canaries.test.ts) need: AK/SK requests carry the project of the spec's own examples.
 */
import { findOperation, parameterExample } from "./support/spec.js";
import type { ApiName } from "./support/spec-files.js";

export const projectOf = (api: ApiName): string | undefined => {
  if (api === "apig") return String(parameterExample(findOperation("ShowInstance"), "project_id"));
  if (api === "dds") return String(parameterExample(findOperation("ListInstances"), "project_id"));
  return undefined;
};
