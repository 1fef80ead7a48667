// Public API of hwc-gateways. Only exports live here; every name below is part of the contract.
export { createApigClient } from "./services/apig.js";
export type {
  ApigClient,
  ApigClientOptions,
  ApigWaitState,
  ElbIngressDetails,
  IngressIpExpectation,
  IngressIpKind,
  IngressIpsJob,
  IngressIpsJobHandle,
  IngressIpsRequest,
  InstanceDetails,
  InstanceStatus,
  IpDetail,
} from "./services/apig.js";
export { createDdsClient } from "./services/dds.js";
export type {
  BindPublicGatewayHandle,
  BindPublicGatewayRequest,
  BindPublicGatewayResponse,
  BoundExpectation,
  DdsClient,
  DdsClientOptions,
  DdsGroup,
  DdsInstance,
  DdsNode,
  DdsNodeLocation,
  DdsWaitState,
  ListInstancesQuery,
  ListInstancesResponse,
  PublicGatewayWait,
  UnbindPublicGatewayHandle,
  UnbindPublicGatewayResponse,
} from "./services/dds.js";
export { JobFailedError, WaitTimeoutError } from "./wait/errors.js";
export type { JobFailedErrorInit, WaitTimeoutErrorInit } from "./wait/errors.js";
export type { PollResult } from "./wait/waiter.js";
export type { OperationHandle, WaitOptions } from "./wait/handle.js";
export { WAIT_STATE_FORMAT } from "./wait/state.js";
export type { WaitStateBase } from "./wait/state.js";
export { createIamClient } from "./services/iam.js";
export type { CreateTokenByPasswordRequest, CreateTokenQuery, IamClient, IamClientOptions, IssuedToken, TokenResponse } from "./services/iam.js";

export { tokenAuth } from "./auth/token.js";
export type { TokenSource } from "./auth/token.js";
export { passwordAuth } from "./auth/password.js";
export type { PasswordAuthOptions } from "./auth/password.js";
export { akskAuth } from "./auth/aksk.js";
export type { AkskCredentials } from "./auth/aksk.js";
export { signRequest } from "./auth/signer.js";
export type { SignableRequest, SigningCredentials, SignOptions } from "./auth/signer.js";

export type { AuthContext, AuthRequest, AuthStrategy, CallOptions, ClientOptions, Logger, LogLevel } from "./options.js";
export { regionalEndpoint } from "./options.js";

export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  HuaweiCloudError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from "./errors.js";
export type { ApiErrorInit, RedactedHeaders, ValidationIssue } from "./errors.js";
