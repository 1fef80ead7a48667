import { onTestFinished } from "vitest";
import { akskAuth, createApigClient, createDdsClient, createIamClient, tokenAuth, type AuthStrategy, type Logger } from "../../src/index.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";

/** Ids of the default seed (emulator/seed.default.json). */
export const SEED = {
  project: "05041fffa40025702f6dc009cc6f8f33",
  domain: "hwgw-demo",
  user: "demo-user",
  password: "Emulator-Demo-Passw0rd",
  ak: "HWGWEMULATORDEMOAK01",
  sk: "emulator-demo-secret-key-not-a-real-credential",
  gateway: "6a7d71827fd54572b1f31aa9548fcc81",
  lvsGateway: "eddc4d25480b4cd6b512f270a1b8b341",
  elbA: "85392b45-685c-4f77-b19a-14ad875b8190",
  elbB: "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab",
  replicaSet: "9136fd2a9fcd405ea4674276ce36dae8in02",
  primary: "52a4c096bb1f455d8d866956a959519eno02",
  secondary: "7c3f1e2d9a8b4c5d6e7f8091a2b3c4d5no02",
  hidden: "e1d2c3b4a5968778695a4b3c2d1e0f9ano02",
  cluster: "d87f5b33049144ec95f0cab0a5f22cfbin02",
  mongos1: "a1b2c3d4e5f60718293a4b5c6d7e8f90no02",
  mongos2: "b2c3d4e5f60718293a4b5c6d7e8f90a1no02",
  shardPrimary: "d4e5f60718293a4b5c6d7e8f90a1b2c3no02",
  boundGateway: { nat_gateway_id: "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f4c68", public_ip_id: "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25", external_service_port: 8635 },
  /** A second EIP of the bound NAT gateway (same VPC and subnet as both instances). */
  spareEip: "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d26",
  /** A NAT gateway in the instances' VPC but another subnet, and its EIP. */
  otherSubnetNat: { id: "5b7a1c9e-2d3f-4e6a-8b0c-1d2e3f4a5b6c", eip: "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d30" },
  /** A NAT gateway in another VPC, and its EIP. */
  otherVpcNat: { id: "6c8b2d0f-3e4a-4f7b-9c1d-2e3f4a5b6c7d", eip: "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d31" },
} as const;

/** Starts an emulator (short delays unless overridden) that is stopped when the test ends, pass or fail. */
export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ jobDelayMs: 100, ddsSettleMs: 0, ...options });
  onTestFinished(() => emu.stop());
  return emu;
}

/** A logger that records what it is given (the SDK logs retries at warn). */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const add = (message: string) => {
    lines.push(message);
  };
  return { lines, error: add, warn: add, info: add, debug: add };
}

interface ClientExtras {
  maxRetries?: number;
  logger?: Logger;
  fetch?: typeof fetch;
}

function common(emu: Emulator, auth: AuthStrategy | undefined, extras: ClientExtras) {
  return {
    projectId: emu.projectId,
    endpoint: emu.url,
    ...(auth ? { auth } : {}),
    logger: extras.logger ?? recordingLogger(),
    logLevel: "debug" as const,
    ...(extras.maxRetries !== undefined ? { maxRetries: extras.maxRetries } : {}),
    ...(extras.fetch ? { fetch: extras.fetch } : {}),
  };
}

/** APIG and DDS clients with a token the emulator issued. */
export function tokenClients(emu: Emulator, extras: ClientExtras = {}) {
  const auth = tokenAuth(emu.issueToken());
  return { apig: createApigClient(common(emu, auth, extras)), dds: createDdsClient(common(emu, auth, extras)) };
}

/** APIG and DDS clients signing with the seed's AK/SK (or the given ones). */
export function akskClients(emu: Emulator, extras: ClientExtras & { ak?: string; sk?: string; securityToken?: string } = {}) {
  const auth = akskAuth({
    accessKeyId: extras.ak ?? SEED.ak,
    secretAccessKey: extras.sk ?? SEED.sk,
    ...(extras.securityToken !== undefined ? { securityToken: extras.securityToken } : {}),
  });
  return { apig: createApigClient(common(emu, auth, extras)), dds: createDdsClient(common(emu, auth, extras)) };
}

/** An IAM client of the emulator. */
export function iamClient(emu: Emulator, extras: ClientExtras = {}) {
  return createIamClient({
    endpoint: emu.url,
    logger: extras.logger ?? recordingLogger(),
    ...(extras.maxRetries !== undefined ? { maxRetries: extras.maxRetries } : {}),
  });
}

/** The password body of CreateTokenByPassword for the seed user. */
export function passwordBody(overrides: { password?: string; userName?: string; projectId?: string; projectName?: string; domainName?: string } = {}) {
  const scope = overrides.projectName !== undefined ? { project: { name: overrides.projectName } } : { project: { id: overrides.projectId ?? SEED.project } };
  return {
    auth: {
      identity: {
        methods: ["password" as const],
        password: {
          user: { name: overrides.userName ?? SEED.user, password: overrides.password ?? SEED.password, domain: { name: overrides.domainName ?? SEED.domain } },
        },
      },
      scope,
    },
  };
}

/** A plain HTTP call that bypasses the SDK's input validation, to reach the emulator's own checks. */
export async function raw(emu: Emulator, method: string, path: string, init: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers["X-Auth-Token"] = init.token;
  let body: string | undefined;
  if (init.body !== undefined) {
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  }
  const res = await fetch(`${emu.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

/** Rejection of `promise`, failing the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (err) {
    return err as Record<string, unknown> & Error;
  }
  throw new Error("expected a rejection, but the promise resolved");
}

/** Polls `read` every 20 ms until `done` holds (or `timeoutMs` passes). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Gateway paths. */
export const apigPath = (instance: string, suffix = "") => `/v2/${SEED.project}/apigw/instances/${instance}${suffix}`;
export const ddsGatewayPath = (instance: string, node: string) => `/v3/${SEED.project}/instances/${instance}/nodes/${node}/public-gateway`;
