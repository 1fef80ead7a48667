/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/iam.yaml (sha256 19e5869ca99ed145b5eba629b64eee9ae603ac34d3a642145ebf2d69cb74b408)
 */

import { validateCreateTokenByPassword } from "../validators/iam.js";

/** Every operation of the iam spec, in spec order. See iam.d.ts. */
export const operations = /* @__PURE__ */ Object.freeze([
  { "api":"iam","operationId":"CreateTokenByPassword","method":"POST","path":"/v3/auth/tokens","requestContentType":"application/json","bodyRequired":true,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":[]}, validate: validateCreateTokenByPassword },
]);
