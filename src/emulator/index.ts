/**
 * `hwc-gateways/emulator`: a stateful in-memory emulator of the APIG, DDS and IAM operations the SDK uses, and of
 * the instance metadata API and pod identity endpoint the credential providers read, for tests and demos without
 * a cloud account. Node-only (node:http); not part of the browser-safe SDK entry.
 *
 * ```ts
 * const emu = await startEmulator({ jobDelayMs: 200 });
 * try {
 *   const apig = createApigClient({ projectId: emu.projectId, endpoint: emu.url, auth: tokenAuth(emu.issueToken()) });
 *   await apig.deregisterIngressIps(id, body);
 * } finally {
 *   await emu.stop();
 * }
 * ```
 */
export { startEmulator } from "./server.js";
export type { Emulator, EmulatorOptions, IssueTokenOptions } from "./server.js";
export type { IdentityOptions } from "./identity.js";
export type { TemporaryCredential, TemporaryCredentialSource } from "./temporary.js";
export { DEFAULT_TEMPORARY_CREDENTIAL_TTL_MS } from "./temporary.js";
export { MAX_METADATA_TOKEN_TTL_SECONDS } from "./metadata.js";
export { POD_IDENTITY_PATH } from "./routes.js";
export type { RequestLogEntry } from "./pipeline.js";
export { defaultSeed, loadSeed, parseSeed } from "./seed-parse.js";
export { SeedError } from "./seed-checker.js";
export type {
  DdsDatastoreType,
  DdsInstanceMode,
  DdsInstanceStatus,
  IpVersion,
  Seed,
  SeedAccessKey,
  SeedCbcLock,
  SeedDdsGroup,
  SeedDdsInstance,
  SeedDdsNode,
  SeedElb,
  SeedGateway,
  SeedIngressIp,
  SeedNatGateway,
  SeedProject,
  SeedPublicGateway,
  SeedUser,
} from "./seed.js";
export { validateFaults } from "./faults.js";
export type { FaultOptions } from "./faults.js";
export type { ServiceName } from "./errors.js";
export type { OperationId } from "./routes.js";
export { EmulatorState } from "./state.js";
export type { EmulatorCredentials, EmulatorSnapshot, UserState } from "./state.js";
export type { ElbState, GatewayState, IngressAddress, IngressChange, IngressJob, IngressKind } from "./apig-state.js";
export type { DdsGroupState, DdsInstanceState, DdsNodeState, PublicGatewayState } from "./dds-state.js";
export type { GatewayStatus } from "./status.js";
export { INSTANCE_STATUS_CODES } from "./status.js";
export { MAX_SIGNATURE_SKEW_MS } from "./auth.js";
export { DEFAULT_TOKEN_TTL_MS } from "./tokens.js";
