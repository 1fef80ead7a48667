/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/apig.yaml (sha256 0bd1d1a21720fe1ce049fca86c32b3991490b6e8d1747a33eba635b3a0d93e10)
 * Source: openapi/dds.yaml (sha256 47ca731015a24a1c473222f354d3d4aa63ea57c23701d03edad8e35f899b1f60)
 * Source: openapi/iam.yaml (sha256 19e5869ca99ed145b5eba629b64eee9ae603ac34d3a642145ebf2d69cb74b408)
 */

import { validateUnregisterIngressIps, validateRegisterIngressIps, validateShowInstance, validateBindPublicGateway, validateUnbindPublicGateway, validateListInstances, validateCreateTokenByPassword } from "./validators.js";

/** Every operation of the specs, in spec order. See operations.d.ts. */
export const operations = Object.freeze([
  { "api":"apig","operationId":"UnregisterIngressIps","method":"PUT","path":"/v2/{project_id}/apigw/instances/{instance_id}/ingress-unregister","requestContentType":"application/json","bodyRequired":true,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":["APIC.7701"]}, validate: validateUnregisterIngressIps },
  { "api":"apig","operationId":"RegisterIngressIps","method":"PUT","path":"/v2/{project_id}/apigw/instances/{instance_id}/ingress-register","requestContentType":"application/json","bodyRequired":true,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":["APIC.7701"]}, validate: validateRegisterIngressIps },
  { "api":"apig","operationId":"ShowInstance","method":"GET","path":"/v2/{project_id}/apigw/instances/{instance_id}","requestContentType":null,"bodyRequired":false,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":["APIC.7701"]}, validate: validateShowInstance },
  { "api":"dds","operationId":"BindPublicGateway","method":"POST","path":"/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway","requestContentType":"application/json","bodyRequired":true,"query":{},"retry":{"safeToRepeat":false,"busyErrorCodes":["DBS.201015","DBS.200998"]}, validate: validateBindPublicGateway },
  { "api":"dds","operationId":"UnbindPublicGateway","method":"DELETE","path":"/v3/{project_id}/instances/{instance_id}/nodes/{node_id}/public-gateway","requestContentType":null,"bodyRequired":false,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":["DBS.201015","DBS.200998"]}, validate: validateUnbindPublicGateway },
  { "api":"dds","operationId":"ListInstances","method":"GET","path":"/v3/{project_id}/instances","requestContentType":null,"bodyRequired":false,"query":{"offset":"integer","limit":"integer"},"retry":{"safeToRepeat":true,"busyErrorCodes":["DBS.201015","DBS.200998"]}, validate: validateListInstances },
  { "api":"iam","operationId":"CreateTokenByPassword","method":"POST","path":"/v3/auth/tokens","requestContentType":"application/json","bodyRequired":true,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":[]}, validate: validateCreateTokenByPassword },
]);
