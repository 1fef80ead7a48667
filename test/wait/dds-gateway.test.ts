import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { AbortError, NotFoundError, PermissionDeniedError, ValidationError } from "../../src/errors.js";
import { createDdsClient, evaluateGateway, type DdsNodeLocation } from "../../src/services/dds.js";
import { JobFailedError, WaitTimeoutError } from "../../src/wait/errors.js";
import type { PollResult } from "../../src/wait/errors.js";
import { WAIT_STATE_FORMAT } from "../../src/wait/state.js";
import { DB, DDS_ENDPOINT, ddsPage, ddsRoute, EIP_ID, NAT, NODE, nth, PROJECT, scriptedFetch, track, type Answer } from "./fake-cloud.js";

const FIXED = { minDelayMs: 1000, maxDelayMs: 1000 } as const;
const BIND = { nat_gateway_id: NAT, public_ip_id: EIP_ID, external_service_port: 8635 };
const ok = (body: unknown, headers: Record<string, string> = {}): Answer => ({ status: 200, body, headers });
const bound = (extra: { nat_gateway_id?: string | null; external_service_port?: number | null } = {}) =>
  ddsPage({ nat_gateway_id: NAT, external_service_port: 8635, ...extra });

function client(fetch: typeof globalThis.fetch, extra: { endpoint?: string; projectId?: string } = {}) {
  return createDdsClient({
    projectId: extra.projectId ?? PROJECT,
    endpoint: extra.endpoint ?? DDS_ENDPOINT,
    auth: tokenAuth("secret-token-value"),
    fetch,
    maxRetries: 0,
    logLevel: "off",
  });
}

function scripted(pages: Answer[]) {
  const fake = scriptedFetch(ddsRoute((n) => nth(pages, n)));
  return { ...fake, dds: client(fake.fetch) };
}

let t0 = 0;
beforeEach(() => {
  vi.useFakeTimers();
  t0 = Date.now();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("bindPublicGateway handle", () => {
  it("carries the 200 body and waits until the node shows the bound gateway and port", async () => {
    const { dds, gets } = scripted([ok(ddsPage(undefined)), ok(ddsPage({ nat_gateway_id: NAT })), ok(bound())]);
    const handle = await dds.bindPublicGateway(DB, NODE, BIND);
    expect({ ...handle }).toEqual({ instance_id: DB, instance_name: "dds-4352", node_id: NODE, node_name: "dds-4352_replica_node_1", ...BIND });
    const events: PollResult<DdsNodeLocation>[] = [];
    const wait = track(handle.wait({ ...FIXED, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(wait.status).toBe("fulfilled");
    expect(wait.value?.node).toMatchObject({ id: NODE, nat_gateway_id: NAT, external_service_port: 8635 });
    expect(wait.value?.instance.id).toBe(DB);
    expect(gets().map((r) => [r.at - t0, r.path, r.query])).toEqual([
      [0, `/v3/${PROJECT}/instances`, `?id=${DB}`],
      [1000, `/v3/${PROJECT}/instances`, `?id=${DB}`],
      [2000, `/v3/${PROJECT}/instances`, `?id=${DB}`],
    ]);
    expect(events.map((e) => [e.state, e.status, e.pending])).toEqual([
      ["retry", "normal", [`nat_gateway_id is not set, expected ${NAT}`, "external_service_port is not set, expected 8635"]],
      ["retry", "normal", ["external_service_port is not set, expected 8635"]],
      ["success", "normal", []],
    ]);
  });

  it("another port is not success", async () => {
    const { dds } = scripted([ok(bound({ external_service_port: 9000 }))]);
    const wait = track((await dds.bindPublicGateway(DB, NODE, BIND)).wait({ ...FIXED, maxWaitMs: 3000 }));
    await vi.advanceTimersByTimeAsync(3000);
    expect(wait.error).toBeInstanceOf(WaitTimeoutError);
    expect((wait.error as WaitTimeoutError).lastReason).toBe("external_service_port is 9000, expected 8635");
  });

  it.each([
    ["instance abnormal", ddsPage(undefined, "abnormal"), "abnormal", "instance status is abnormal"],
    ["instance createfail", ddsPage(undefined, "createfail"), "createfail", "instance status is createfail"],
    ["node abnormal", ddsPage(undefined, "normal", "abnormal"), "abnormal", `node ${NODE} status is abnormal`],
  ])("%s → JobFailedError", async (_name, page, status, reason) => {
    const { dds } = scripted([ok(ddsPage(undefined)), ok(page)]);
    const wait = track((await dds.bindPublicGateway(DB, NODE, BIND)).wait(FIXED));
    await vi.advanceTimersByTimeAsync(1000);
    const err = wait.error as JobFailedError<DdsNodeLocation>;
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err.status).toBe(status);
    expect(err.reason).toBe(reason);
    expect(err.lastObservation?.node.id).toBe(NODE);
  });

  it.each([
    ["the node", () => ({ ...ddsPage(undefined), instances: [{ ...ddsPage(undefined).instances?.[0], groups: [] }] })],
    ["the instance", () => ({ total_count: 0, instances: [] })],
  ])("%s disappearing mid-way → JobFailedError caused by NotFoundError", async (_what, page) => {
    const { dds } = scripted([ok(ddsPage(undefined)), ok(page())]);
    const wait = track((await dds.bindPublicGateway(DB, NODE, BIND)).wait(FIXED));
    await vi.advanceTimersByTimeAsync(1000);
    const err = wait.error as JobFailedError;
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err.cause).toBeInstanceOf(NotFoundError);
    expect(err.reason).toContain("no longer exists");
  });

  it("retries a busy 403 (DBS.201015) on the poll, but ends the wait on a plain 403", async () => {
    const busy = { status: 403, body: { error_code: "DBS.201015", error_msg: "another operation is in progress" } };
    const denied = { status: 403, body: { error_code: "DBS.200001", error_msg: "no permission" } };
    const first = scripted([ok(ddsPage(undefined)), busy, ok(bound())]);
    const a = track((await first.dds.bindPublicGateway(DB, NODE, BIND)).wait(FIXED));
    await vi.advanceTimersByTimeAsync(2000);
    expect(a.status).toBe("fulfilled");
    const second = scripted([ok(ddsPage(undefined)), denied]);
    const b = track((await second.dds.bindPublicGateway(DB, NODE, BIND)).wait(FIXED));
    await vi.advanceTimersByTimeAsync(2000);
    expect(b.error).toBeInstanceOf(PermissionDeniedError);
  });
});

describe("unbindPublicGateway handle", () => {
  it.each([
    ["absent", ddsPage(undefined)],
    ["null", ddsPage({ nat_gateway_id: null, external_service_port: null })],
    ["empty", ddsPage({ nat_gateway_id: "", external_service_port: 0 })],
  ])("bound → %s is success", async (_name, unboundPage) => {
    const { dds } = scripted([ok(bound()), ok(bound({ nat_gateway_id: null })), ok(unboundPage)]);
    const events: PollResult<DdsNodeLocation>[] = [];
    const handle = await dds.unbindPublicGateway(DB, NODE);
    expect({ ...handle }).toEqual({ instance_id: DB, instance_name: "dds-4352", node_id: NODE, node_name: "dds-4352_replica_node_1" });
    const wait = track(handle.wait({ ...FIXED, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(wait.status).toBe("fulfilled");
    expect(events.map((e) => e.pending)).toEqual([
      [`nat_gateway_id ${NAT} still bound`, "external_service_port 8635 still set"],
      ["external_service_port 8635 still set"],
      [],
    ]);
  });

  it("abort mid-wait: AbortError, no request after it", async () => {
    const { dds, gets } = scripted([ok(bound())]);
    const controller = new AbortController();
    const wait = track((await dds.unbindPublicGateway(DB, NODE)).wait({ ...FIXED, signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1200);
    controller.abort(new Error("user pressed ctrl-c"));
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.error).toBeInstanceOf(AbortError);
    expect((wait.error as AbortError).message).toContain("user pressed ctrl-c");
    await vi.advanceTimersByTimeAsync(30_000);
    expect(gets()).toHaveLength(2);
  });

  it("waits on one instance share ListInstances, also across nodes", async () => {
    const other = "7c3f1e2d9a8b4c5d6e7f8091a2b3c4d5no02";
    const fake = scriptedFetch(ddsRoute(() => ok(Date.now() >= t0 + 3000 ? ddsPage(undefined) : bound())));
    const dds = client(fake.fetch);
    const a = await dds.unbindPublicGateway(DB, NODE);
    const b = await dds.unbindPublicGateway(DB, other);
    const waits = [...Array.from({ length: 50 }, () => track(a.wait(FIXED))), ...Array.from({ length: 50 }, () => track(b.wait(FIXED)))];
    await vi.advanceTimersByTimeAsync(5000);
    expect(waits.every((w) => w.status === "fulfilled")).toBe(true);
    expect(fake.gets().map((r) => r.at - t0)).toEqual([0, 1000, 2000, 3000]);
  });
});

describe("DDS waitState and resumeWait", () => {
  it("serialises ids, expected values, start and endpoint; resumes in a fresh client", async () => {
    const first = scripted([ok(ddsPage(undefined))]);
    const handle = await first.dds.bindPublicGateway(DB, NODE, BIND);
    const text = JSON.stringify(handle.waitState());
    expect(JSON.parse(text)).toEqual({
      format: WAIT_STATE_FORMAT,
      service: "dds",
      operation: "bindPublicGateway",
      endpoint: DDS_ENDPOINT,
      projectId: PROJECT,
      instanceId: DB,
      nodeId: NODE,
      startedAt: new Date(t0).toISOString(),
      expect: { bound: true, natGatewayId: NAT, externalServicePort: 8635, publicIpId: EIP_ID },
    });
    expect(text).not.toContain("secret");
    await vi.advanceTimersByTimeAsync(2000);

    const second = scripted([ok(ddsPage(undefined)), ok(bound())]);
    const events: PollResult<DdsNodeLocation>[] = [];
    const wait = track(second.dds.resumeWait(text, { ...FIXED, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(wait.status).toBe("fulfilled");
    expect(events.map((e) => e.elapsedMs)).toEqual([2000, 3000]);
    expect(first.gets()).toHaveLength(0);
  });

  it("refuses foreign or malformed states", async () => {
    const first = scripted([ok(ddsPage(undefined))]);
    const state = (await first.dds.unbindPublicGateway(DB, NODE)).waitState();
    const fake = scriptedFetch(ddsRoute(() => ok(ddsPage(undefined))));
    const issues = async (c: ReturnType<typeof client>, s: unknown) => {
      const err = (await c.resumeWait(s as never).catch((e: unknown) => e)) as ValidationError;
      expect(err).toBeInstanceOf(ValidationError);
      return err.issues.map((i) => i.path);
    };
    expect(await issues(client(fake.fetch, { endpoint: "http://127.0.0.1:9" }), state)).toEqual(["state.endpoint"]);
    expect(await issues(client(fake.fetch, { projectId: "p2" }), state)).toEqual(["state.projectId"]);
    expect(await issues(client(fake.fetch), { ...state, expect: { bound: true, natGatewayId: NAT, externalServicePort: 70000, publicIpId: EIP_ID } })).toEqual([
      "state.expect.bound",
      "state.expect.externalServicePort",
    ]);
    expect(await issues(client(fake.fetch), { ...state, nodeId: undefined, operation: "registerIngressIps" })).toEqual(["state.operation", "state.nodeId"]);
    expect(fake.gets()).toHaveLength(0);
  });
});

describe("acceptor (pure)", () => {
  it("tolerates a location without fields", () => {
    expect(evaluateGateway({ instance: {}, group: {}, node: {} } as never, { bound: false })).toEqual({ state: "success", status: undefined, pending: [] });
  });
});
