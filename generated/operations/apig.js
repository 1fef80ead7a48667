/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/apig.yaml (sha256 0bd1d1a21720fe1ce049fca86c32b3991490b6e8d1747a33eba635b3a0d93e10)
 */

/** The apig spec's operations, one entry each, then all of them in spec order. See apig.d.ts. */
export const UnregisterIngressIps = /* @__PURE__ */ Object.freeze({ "api":"apig","operationId":"UnregisterIngressIps","method":"PUT","path":"/v2/{project_id}/apigw/instances/{instance_id}/ingress-unregister","requestContentType":"application/json","bodyRequired":true,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":["APIC.7701"]}, loadValidator: () => import("../validators/apig/UnregisterIngressIps.js").then((m) => m.validate) });
export const RegisterIngressIps = /* @__PURE__ */ Object.freeze({ "api":"apig","operationId":"RegisterIngressIps","method":"PUT","path":"/v2/{project_id}/apigw/instances/{instance_id}/ingress-register","requestContentType":"application/json","bodyRequired":true,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":["APIC.7701"]}, loadValidator: () => import("../validators/apig/RegisterIngressIps.js").then((m) => m.validate) });
export const ShowInstance = /* @__PURE__ */ Object.freeze({ "api":"apig","operationId":"ShowInstance","method":"GET","path":"/v2/{project_id}/apigw/instances/{instance_id}","requestContentType":null,"bodyRequired":false,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":["APIC.7701"]}, loadValidator: () => import("../validators/apig/ShowInstance.js").then((m) => m.validate) });
export const operations = /* @__PURE__ */ Object.freeze([UnregisterIngressIps, RegisterIngressIps, ShowInstance]);
