/** APIG gateway lifecycle states and their numeric `instance_status` codes, as the APIG spec lists them. */
export const INSTANCE_STATUS_CODES = {
  Creating: 1,
  CreateSuccess: 2,
  CreateFail: 3,
  Initing: 4,
  Registering: 5,
  Running: 6,
  InitingFailed: 7,
  RegisterFailed: 8,
  Installing: 10,
  InstallFailed: 11,
  Updating: 12,
  UpdateFailed: 13,
  Rollbacking: 20,
  RollbackSuccess: 21,
  RollbackFailed: 22,
  Deleting: 23,
  DeleteFailed: 24,
  Unregistering: 25,
  UnRegisterFailed: 26,
  CreateTimeout: 27,
  InitTimeout: 28,
  RegisterTimeout: 29,
  InstallTimeout: 30,
  UpdateTimeout: 31,
  RollbackTimeout: 32,
  DeleteTimeout: 33,
  UnregisterTimeout: 34,
  Starting: 35,
  Freezing: 36,
  Frozen: 37,
  Restarting: 38,
  RestartFail: 39,
  Unhealthy: 40,
  RestartTimeout: 41,
  Resizing: 42,
  ResizeFailed: 43,
  ResizeTimeout: 44,
} as const;

/** A gateway lifecycle state (`status` of ShowInstance). */
export type GatewayStatus = keyof typeof INSTANCE_STATUS_CODES;

/** States from which an ingress job may start: stable, or after a failed update (to retry it). */
export const JOB_START_STATES: ReadonlySet<GatewayStatus> = new Set(["Running", "UpdateFailed"]);
