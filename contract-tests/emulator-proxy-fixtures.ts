/**
 * The emulator checked by the specs, shared by the emulator-proxy-*.test.ts files: `prism proxy --errors` runs in
 * front of it (one proxy per spec), and the SDK talks to the proxies, so every request and every emulator answer
 * in those files is validated against openapi/*.yaml. A response that breaks its spec becomes Prism's 500
 * VIOLATIONS answer, and any `sl-violations` header or Prism-generated problem+json answer fails the test (see
 * `useEmulatorBehindProxies`).
 *
 * Authentication is by IAM token (issued by the emulator through the IAM proxy): Prism drops the `Host` header
 * when forwarding, so an AK/SK signature (which signs `host`) cannot verify behind it; signatures are covered by
 * test/emulator/iam-auth.test.ts.
 */
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { createApigClient, createDdsClient, createIamClient, passwordAuth, type AuthStrategy, type Logger } from "../src/index.js";
import { startEmulator, type Emulator } from "../src/emulator/index.js";
// @ts-expect-error plain ESM script without types
import { startPrism, SPECS } from "../scripts/prism.mjs";

export type Api = "apig" | "dds" | "iam";
type Running = { url: string; stop: () => Promise<void>; output: () => string };

const ROOT = path.resolve(import.meta.dirname, "..");
const APIS: readonly Api[] = ["apig", "dds", "iam"];

export const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
export const OTHER_PROJECT = { id: "9a8b7c6d5e4f30211203f4e5d6c7b8a9", name: "ap-southeast-1" };
export const USER = { domainName: "hwgw-demo", userName: "demo-user", password: "Emulator-Demo-Passw0rd" };
export const GATEWAY = "6a7d71827fd54572b1f31aa9548fcc81";
export const ELB_A = "85392b45-685c-4f77-b19a-14ad875b8190";
export const REPLICA_SET = "9136fd2a9fcd405ea4674276ce36dae8in02";
export const PRIMARY = "52a4c096bb1f455d8d866956a959519eno02";
export const SECONDARY = "7c3f1e2d9a8b4c5d6e7f8091a2b3c4d5no02";
export const RULE = {
  nat_gateway_id: "3f9c2b7e-6d41-4a8e-9b0c-000000000001",
  public_ip_id: "8c1e5a3d-2b7f-4e90-a6d4-000000000001",
  external_service_port: 27017,
};
export const FAST_WAIT = { minDelayMs: 50, maxDelayMs: 200, maxWaitMs: 10_000 };

let emu: Emulator | undefined;
const proxies: Partial<Record<Api, Running>> = {};

/** What came back through a proxy. */
interface Seen {
  request: string;
  status: number;
  violations: string | null;
  contentType: string;
}
export const seen: Seen[] = [];

/** The SDK's fetch: records Prism's verdict on every exchange. */
export const checkingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  seen.push({
    request: `${init?.method ?? "GET"} ${url.pathname}${url.search}`,
    status: res.status,
    violations: res.headers.get("sl-violations"),
    contentType: res.headers.get("content-type") ?? "",
  });
  return res;
};

export const quiet: Logger = { error() {}, warn() {}, info() {}, debug() {} };

export function proxyUrl(api: Api): string {
  const p = proxies[api];
  if (!p) throw new Error(`the ${api} proxy is not running`);
  return p.url;
}

export function running(): Emulator {
  if (!emu) throw new Error("the emulator is not running");
  return emu;
}

/** SDK clients whose every request goes through the proxies. */
export function clients(options: { auth?: AuthStrategy; maxRetries?: number } = {}) {
  const auth = options.auth ?? passwordAuth({ ...USER, projectId: PROJECT, iamEndpoint: proxyUrl("iam"), maxRetries: 0 });
  const common = {
    projectId: PROJECT,
    auth,
    fetch: checkingFetch,
    logger: quiet,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  };
  return {
    apig: createApigClient({ ...common, endpoint: proxyUrl("apig") }),
    dds: createDdsClient({ ...common, endpoint: proxyUrl("dds") }),
    iam: createIamClient({
      endpoint: proxyUrl("iam"),
      fetch: checkingFetch,
      logger: quiet,
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    }),
  };
}

export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected a rejection, but the promise resolved");
}

export const passwordBody = (password = USER.password, project: { id?: string; name?: string } = { id: PROJECT }) => ({
  auth: {
    identity: { methods: ["password" as const], password: { user: { name: USER.userName, password, domain: { name: USER.domainName } } } },
    scope: { project },
  },
});

/**
 * Registers the hooks of the calling test file: the emulator and its proxies start once per file, every test
 * starts from the seed, and a test fails when any exchange it caused broke a spec.
 */
export function useEmulatorBehindProxies(): void {
  beforeAll(async () => {
    emu = await startEmulator({
      jobDelayMs: 200,
      ddsSettleMs: 200,
      credentials: { users: [{ ...USER, projects: [{ id: PROJECT, name: "cn-north-4" }, OTHER_PROJECT] }] },
    });
    const upstream = emu.url;
    const settled = await Promise.allSettled(
      APIS.map(async (api) => {
        proxies[api] = (await startPrism({ mode: "proxy", spec: path.join(ROOT, SPECS[api]), upstream, name: `${api} proxy` })) as Running;
      }),
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) {
      await stopAll();
      throw failed.reason;
    }
  }, 90_000);

  // Everything that started is stopped, also when setup or a test failed.
  afterAll(stopAll);

  beforeEach(() => {
    running().reset();
    seen.length = 0;
  });

  afterEach(() => {
    expect(seen.length, "the test sent no request through the proxies").toBeGreaterThan(0);
    expect(seen.filter((s) => s.violations !== null).map((s) => `${s.request} → ${s.status}: ${s.violations}`)).toEqual([]);
    expect(seen.filter((s) => s.contentType.includes("problem+json")).map((s) => `${s.request} → ${s.status} (a Prism error, not the emulator's)`)).toEqual([]);
  });
}

/** Stops whatever runs; safe to call twice. */
async function stopAll(): Promise<void> {
  await Promise.allSettled(APIS.map((api) => proxies[api]?.stop()));
  await emu?.stop();
}
