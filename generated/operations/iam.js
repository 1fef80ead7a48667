/**
 * GENERATED FILE: DO NOT EDIT. Change the spec and run `npm run generate`.
 * Source: openapi/iam.yaml (sha256 eddf033918674596a33bf3ba07a8dc17e57ca8dd1d141f31db35f7cb813bc40d)
 */

/** The iam spec's operations, one entry each, then all of them in spec order. See iam.d.ts. */
export const CreateTokenByPassword = /* @__PURE__ */ Object.freeze({ "api":"iam","operationId":"CreateTokenByPassword","method":"POST","path":"/v3/auth/tokens","requestContentType":"application/json","bodyRequired":true,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":[]}, loadValidator: () => import("../validators/iam/CreateTokenByPassword.js").then((m) => m.validate) });
export const KeystoneListProjects = /* @__PURE__ */ Object.freeze({ "api":"iam","operationId":"KeystoneListProjects","method":"GET","path":"/v3/projects","requestContentType":null,"bodyRequired":false,"query":{"enabled":"boolean","page":"integer","per_page":"integer"},"retry":{"safeToRepeat":true,"busyErrorCodes":[]}, loadValidator: () => import("../validators/iam/KeystoneListProjects.js").then((m) => m.validate) });
export const CreateTokenWithIdToken = /* @__PURE__ */ Object.freeze({ "api":"iam","operationId":"CreateTokenWithIdToken","method":"POST","path":"/v3.0/OS-AUTH/id-token/tokens","requestContentType":"application/json","bodyRequired":true,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":[]}, loadValidator: () => import("../validators/iam/CreateTokenWithIdToken.js").then((m) => m.validate) });
export const CreateTemporaryAccessKeyByToken = /* @__PURE__ */ Object.freeze({ "api":"iam","operationId":"CreateTemporaryAccessKeyByToken","method":"POST","path":"/v3.0/OS-CREDENTIAL/securitytokens","requestContentType":"application/json","bodyRequired":true,"query":{},"retry":{"safeToRepeat":true,"busyErrorCodes":[]}, loadValidator: () => import("../validators/iam/CreateTemporaryAccessKeyByToken.js").then((m) => m.validate) });
export const operations = /* @__PURE__ */ Object.freeze([CreateTokenByPassword, KeystoneListProjects, CreateTokenWithIdToken, CreateTemporaryAccessKeyByToken]);
