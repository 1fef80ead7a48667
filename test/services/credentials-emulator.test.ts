// End to end against the emulator on 127.0.0.1: the default chain and project discovery, as a consumer uses them
// (no `auth`, no `projectId`). Every credential source points at the emulator; nothing leaves this machine.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { startEmulator, type EmulatorOptions, type RequestLogEntry } from "../../src/emulator/index.js";
import { createApigClient } from "../../src/services/apig.js";
import { createDdsClient } from "../../src/services/dds.js";
import { SEED } from "../emulator/support.js";

const REGION = "cn-north-4";
const CHAIN_ENV = [
  "HUAWEICLOUD_SDK_AK",
  "HUAWEICLOUD_SDK_SK",
  "HUAWEICLOUD_SDK_SECURITY_TOKEN",
  "HUAWEICLOUD_SDK_PROJECT_ID",
  "HUAWEICLOUD_SDK_DOMAIN_ID",
  "HUAWEICLOUD_SDK_IAM_ENDPOINT",
  "HUAWEICLOUD_SDK_IDP_ID",
  "HUAWEICLOUD_SDK_ID_TOKEN_FILE",
  "HC_CONTAINER_CREDENTIALS_FULL_URI",
  "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE",
  "HUAWEICLOUD_SDK_METADATA_DISABLED",
  "HUAWEICLOUD_SDK_METADATA_ENDPOINT",
];
let dir: string;

beforeEach(() => {
  // Nothing from the machine running the tests: no credentials in the environment, no profile file.
  for (const name of CHAIN_ENV) vi.stubEnv(name, "");
  dir = mkdtempSync(join(tmpdir(), "hwgw-chain-"));
  vi.stubEnv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", join(dir, "absent"));
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

async function emulator(options: EmulatorOptions = {}) {
  const log: RequestLogEntry[] = [];
  const emu = await startEmulator({ jobDelayMs: 100, ddsSettleMs: 0, onRequest: (e) => void log.push(e), ...options });
  onTestFinished(() => emu.stop());
  const count = (operation: string) => log.filter((e) => e.operation === operation).length;
  return { emu, log, count };
}
const clientOptions = (url: string) => ({ region: REGION, endpoint: url, iamEndpoint: url, logLevel: "off" as const });

describe("default credentials and project discovery against the emulator", () => {
  it("calls APIG and DDS with nothing but HUAWEICLOUD_SDK_AK/_SK and a region, one project lookup per client", async () => {
    const { emu, log, count } = await emulator();
    vi.stubEnv("HUAWEICLOUD_SDK_AK", SEED.ak);
    vi.stubEnv("HUAWEICLOUD_SDK_SK", SEED.sk);
    const apig = createApigClient(clientOptions(emu.url));
    const details = await Promise.all(Array.from({ length: 5 }, () => apig.getInstance(SEED.gateway)));
    expect(details.map((d) => d.id)).toEqual(Array(5).fill(SEED.gateway));
    expect(count("KeystoneListProjects")).toBe(1);
    await apig.getInstance(SEED.gateway);
    expect(count("KeystoneListProjects")).toBe(1);
    const dds = createDdsClient(clientOptions(emu.url));
    expect((await dds.listInstances()).total_count).toBeGreaterThan(0);
    expect(count("KeystoneListProjects")).toBe(2);
    expect(log.every((e) => Number(e.status) < 400)).toBe(true);
    // The wait state carries the discovered project.
    // A wait started by a client that discovered its project carries that project, and resumes on another such client.
    const handle = await apig.deregisterIngressIps(SEED.gateway, { elbs: [{ elb_id: SEED.elbA, public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] });
    expect(handle.waitState().projectId).toBe(emu.projectId);
    const again = createApigClient(clientOptions(emu.url));
    expect((await again.resumeWait(handle.waitState(), { minDelayMs: 50, maxWaitMs: 5000 })).status).toBe("Running");
    expect(count("KeystoneListProjects")).toBe(3);
  });

  it("uses HUAWEICLOUD_SDK_PROJECT_ID when set, without a lookup", async () => {
    const { emu, count } = await emulator();
    vi.stubEnv("HUAWEICLOUD_SDK_AK", SEED.ak);
    vi.stubEnv("HUAWEICLOUD_SDK_SK", SEED.sk);
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", emu.projectId);
    expect((await createApigClient(clientOptions(emu.url)).getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    expect(count("KeystoneListProjects")).toBe(0);
  });

  it("with only the metadata endpoint configured, refreshes before expiry and keeps calling across it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] }); // one clock for the SDK and the emulator
    const { emu, log, count } = await emulator({ identity: { temporaryCredentialTtlMs: 10 * 60_000 } });
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", emu.metadataUrl);
    const dds = createDdsClient(clientOptions(emu.url));
    await Promise.all([dds.listInstances(), dds.listInstances(), dds.listInstances()]);
    expect(log.filter((e) => e.path === "/openstack/latest/securitykey")).toHaveLength(1);
    vi.advanceTimersByTime(4 * 60_000);
    await dds.listInstances();
    expect(log.filter((e) => e.path === "/openstack/latest/securitykey")).toHaveLength(1);
    vi.advanceTimersByTime(2 * 60_000); // inside the margin (half of a 10 min lifetime)
    await Promise.all([dds.listInstances(), dds.listInstances()]);
    expect(log.filter((e) => e.path === "/openstack/latest/securitykey")).toHaveLength(2);
    vi.advanceTimersByTime(9 * 60_000); // past the first credentials' expiry
    await dds.listInstances();
    expect(log.filter((e) => Number(e.status) === 401)).toEqual([]);
    expect(count("KeystoneListProjects")).toBe(1);
  });

  it("on a 401 for credentials the emulator already considers expired, refreshes once and sends again", async () => {
    let offsetMs = 0;
    const { emu, log } = await emulator({ now: () => Date.now() + offsetMs, identity: { temporaryCredentialTtlMs: 10 * 60_000 } });
    vi.stubEnv("HUAWEICLOUD_SDK_METADATA_ENDPOINT", emu.metadataUrl);
    const apig = createApigClient({ ...clientOptions(emu.url), projectId: emu.projectId });
    await apig.getInstance(SEED.gateway);
    offsetMs = 11 * 60_000; // the emulator's clock is past expiry, the SDK's is not
    expect((await apig.getInstance(SEED.gateway)).id).toBe(SEED.gateway);
    expect(log.filter((e) => Number(e.status) === 401)).toHaveLength(1);
    expect(log.filter((e) => e.path === "/openstack/latest/securitykey")).toHaveLength(2);
  });
});
