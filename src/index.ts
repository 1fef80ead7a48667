// Public API of hwc-gateways. Only exports live here; every name below is part of the contract.
export {
  createApigClient,
  type ApigClient,
  type ApigClientOptions,
  type ApigWaitState,
  type ElbIngressDetails,
  type IngressIpExpectation,
  type IngressIpKind,
  type IngressIpsJob,
  type IngressIpsJobHandle,
  type IngressIpsRequest,
  type InstanceDetails,
  type InstanceStatus,
  type IpDetail,
} from "./services/apig.js";
export {
  createDdsClient,
  type BindPublicGatewayHandle,
  type BindPublicGatewayRequest,
  type BindPublicGatewayResponse,
  type BoundExpectation,
  type DdsClient,
  type DdsClientOptions,
  type DdsGroup,
  type DdsInstance,
  type DdsNode,
  type DdsNodeLocation,
  type DdsWaitState,
  type ListInstancesQuery,
  type ListInstancesResponse,
  type PublicGatewayWait,
  type UnbindPublicGatewayHandle,
  type UnbindPublicGatewayResponse,
} from "./services/dds.js";
export { JobFailedError, WaitTimeoutError, type JobFailedErrorInit, type WaitTimeoutErrorInit } from "./wait/errors.js";
export type { PollResult } from "./wait/waiter.js";
export type { OperationHandle, WaitOptions } from "./wait/handle.js";
export { WAIT_STATE_FORMAT, type WaitStateBase } from "./wait/state.js";
export {
  createIamClient,
  type CreateTokenByPasswordRequest,
  type CreateTokenQuery,
  type IamClient,
  type IamClientOptions,
  type IssuedToken,
  type TokenResponse,
} from "./services/iam.js";

export { tokenAuth, type TokenSource } from "./auth/token.js";
export { passwordAuth, type PasswordAuthOptions } from "./auth/password.js";
export { akskAuth, type AkskCredentials } from "./auth/aksk.js";
export { signRequest, type SignableRequest, type SigningCredentials, type SignOptions } from "./auth/signer.js";
export { defaultCredentials, type DefaultCredentialsOptions } from "./auth/default-chain.js";
export { environmentCredentials, type EnvironmentCredentialsOptions } from "./auth/environment.js";
export { profileCredentials, CREDENTIALS_FILE_ENV, type ProfileCredentialsOptions } from "./auth/profile.js";
export {
  metadataCredentials,
  DEFAULT_METADATA_ENDPOINT,
  METADATA_DISABLED_ENV,
  METADATA_ENDPOINT_ENV,
  type MetadataCredentialsOptions,
} from "./auth/metadata.js";
export { podIdentityCredentials, type PodIdentityCredentialsOptions } from "./auth/pod-identity.js";
export { federatedCredentials, DEFAULT_IAM_ENDPOINT, type FederatedCredentialsOptions } from "./auth/federated.js";
export type { CredentialsInfo, CredentialsStrategy, RefreshOptions } from "./auth/credentials.js";

export {
  regionalEndpoint,
  type AuthContext,
  type AuthRequest,
  type AuthStrategy,
  type CallOptions,
  type ClientOptions,
  type Logger,
  type LogLevel,
} from "./options.js";

export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  CredentialsError,
  HuaweiCloudError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  ProjectDiscoveryError,
  RateLimitError,
  ResponseTooLargeError,
  TimeoutError,
  ValidationError,
} from "./errors.js";
export type { ApiErrorInit, CredentialSkip, RedactedHeaders, ValidationIssue } from "./errors.js";
