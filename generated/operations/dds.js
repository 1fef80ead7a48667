/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/dds.yaml (sha256 47ca731015a24a1c473222f354d3d4aa63ea57c23701d03edad8e35f899b1f60)
 */

/** The dds spec's operations, one entry each, then all of them in spec order. See dds.d.ts. */
export const BindPublicGateway = /* @__PURE__ */ Object.freeze({ "api":"dds","operationId":"BindPublicGateway","method":"POST","path":"/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway","requestContentType":"application/json","bodyRequired":true,"query":{},"retry":{"safeToRepeat":false,"busyErrorCodes":["DBS.201015","DBS.200998"]}, loadValidator: () => import("../validators/dds/BindPublicGateway.js").then((m) => m.validate) });
export const UnbindPublicGateway = /* @__PURE__ */ Object.freeze({ "api":"dds","operationId":"UnbindPublicGateway","method":"DELETE","path":"/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway","requestContentType":null,"bodyRequired":false,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":["DBS.201015","DBS.200998"]}, loadValidator: () => import("../validators/dds/UnbindPublicGateway.js").then((m) => m.validate) });
export const ListInstances = /* @__PURE__ */ Object.freeze({ "api":"dds","operationId":"ListInstances","method":"GET","path":"/v3/{project_id}/instances","requestContentType":null,"bodyRequired":false,"query":{"offset":"integer","limit":"integer"},"retry":{"safeToRepeat":true,"busyErrorCodes":["DBS.201015","DBS.200998"]}, loadValidator: () => import("../validators/dds/ListInstances.js").then((m) => m.validate) });
export const operations = /* @__PURE__ */ Object.freeze([BindPublicGateway, UnbindPublicGateway, ListInstances]);
