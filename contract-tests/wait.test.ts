/**
 * Waits against Prism: the poll walks through the spec's own named examples, chosen per request with
 * `Prefer: example=<name>` (ShowInstance `running` / `updating` / `updateFailed`; ListInstances `bound` /
 * `unbound`), so the acceptors are checked against the shapes the spec documents. Every exchange also goes
 * through the contract tests' recording fetch, which fails on any request or response violation.
 */
import { describe, expect, inject, it } from "vitest";
import {
  createApigClient,
  createDdsClient,
  JobFailedError,
  NotFoundError,
  tokenAuth,
  WaitTimeoutError,
  type IngressIpsRequest,
  type PollResult,
} from "../src/index.js";
import { createRecordingFetch } from "./support/recording-fetch.js";

// Ids and addresses taken from the spec's examples.
const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const GATEWAY = "6a7d71827fd54572b1f31aa9548fcc81";
const ELB = "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab";
const DB = "9136fd2a9fcd405ea4674276ce36dae8in02";
const NODE = "52a4c096bb1f455d8d866956a959519eno02";
const NAT = "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f4c68";
const EIP_ID = "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25";
const FAST = { minDelayMs: 40, maxDelayMs: 40, maxWaitMs: 10_000 };

/**
 * A fetch that sets `Prefer` on every GET from `plan(n)` (n = 0-based count of earlier GETs), and hands the
 * request on to the recording fetch.
 */
function preferring(next: typeof fetch, plan: (n: number) => string) {
  let gets = 0;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    if (request.method === "GET") headers.set("Prefer", plan(gets++));
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    return next(request.url, {
      method: request.method,
      headers,
      ...(body ? { body } : {}),
      ...(init?.signal ? { signal: init.signal } : {}),
      redirect: "manual",
    });
  }) as typeof globalThis.fetch;
  return { fetch, gets: () => gets };
}

/** `first` for the first `count` polls, then `then`. */
const firstThen = (count: number, first: string, then: string) => (n: number) => (n < count ? first : then);

function apigClient(plan: (n: number) => string) {
  const recorder = createRecordingFetch({ prism: inject("prism") });
  const prefer = preferring(recorder.fetch, plan);
  const apig = createApigClient({
    projectId: PROJECT,
    endpoint: inject("prism").apig,
    auth: tokenAuth("x"),
    fetch: prefer.fetch,
    maxRetries: 0,
    logLevel: "off",
  });
  return { apig, recorder, gets: prefer.gets };
}

function ddsClient(plan: (n: number) => string) {
  const recorder = createRecordingFetch({ prism: inject("prism") });
  const prefer = preferring(recorder.fetch, plan);
  const dds = createDdsClient({ projectId: PROJECT, endpoint: inject("prism").dds, auth: tokenAuth("x"), fetch: prefer.fetch, maxRetries: 0, logLevel: "off" });
  return { dds, recorder, gets: prefer.gets };
}

const ingress = (list: "public_ips" | "private_ips", type: "v4" | "v6", ip: string): IngressIpsRequest => ({ elbs: [{ elb_id: ELB, [list]: [{ type, ip }] }] });

describe("APIG ingress waits against Prism (ShowInstance examples)", () => {
  it("deregister: `updating` twice, then `running` without the address → resolves with the running details", async () => {
    const { apig, recorder, gets } = apigClient(firstThen(2, "example=updating", "example=running"));
    const handle = await apig.deregisterIngressIps(GATEWAY, ingress("public_ips", "v4", "203.0.113.10"));
    expect(handle).toMatchObject({ instance_id: GATEWAY, job_id: "JOB-a7c1241c33334490a3fdcd11102bcbda" });
    expect(Object.keys(handle)).not.toContain("jobId");
    expect(handle.waitState()).toMatchObject({ jobId: "JOB-a7c1241c33334490a3fdcd11102bcbda", instanceId: GATEWAY });
    const events: PollResult<unknown>[] = [];
    const details = await handle.wait({ ...FAST, onProgress: (e) => events.push(e) });
    expect(details).toMatchObject({ status: "Running", instance_status: 6, ingress_ip_v6: "2001:db8::10" });
    expect(gets()).toBe(3);
    expect(events.map((e) => [e.state, e.status, e.pending])).toEqual([
      ["retry", "Updating", ["gateway status is Updating"]],
      ["success", "Running", []],
    ]);
    expect(recorder.problems()).toEqual([]);
    expect(recorder.of("UnregisterIngressIps")).toHaveLength(1);
  });

  it("register: the IPv6 address only `running` lists → pending until then", async () => {
    const { apig, recorder } = apigClient(firstThen(1, "example=updating", "example=running"));
    const events: PollResult<unknown>[] = [];
    const handle = await apig.registerIngressIps(GATEWAY, ingress("public_ips", "v6", "2001:db8::7"));
    await handle.wait({ ...FAST, onProgress: (e) => events.push(e) });
    expect(events.map((e) => e.pending)).toEqual([["gateway status is Updating", "2001:db8::7 not registered yet"], []]);
    expect(recorder.problems()).toEqual([]);
  });

  it("`updating` → `updateFailed` → JobFailedError with status UpdateFailed", async () => {
    const { apig, recorder } = apigClient(firstThen(1, "example=updating", "example=updateFailed"));
    const handle = await apig.deregisterIngressIps(GATEWAY, ingress("public_ips", "v4", "203.0.113.10"));
    const err = (await handle.wait(FAST).catch((e: unknown) => e)) as JobFailedError;
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err.status).toBe("UpdateFailed");
    expect(err.observed.map((o) => o.state)).toEqual(["retry", "failure"]);
    expect(recorder.problems()).toEqual([]);
  });

  it("`running` that still lists the deregistered address is not success → WaitTimeoutError", async () => {
    const { apig, recorder } = apigClient(() => "example=running");
    const handle = await apig.deregisterIngressIps(GATEWAY, ingress("private_ips", "v4", "192.0.2.10"));
    const err = (await handle.wait({ ...FAST, maxWaitMs: 400 }).catch((e: unknown) => e)) as WaitTimeoutError;
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(err.lastReason).toBe("192.0.2.10 still registered");
    expect(err.observed.length).toBeGreaterThanOrEqual(2);
    expect(recorder.problems()).toEqual([]);
  });

  it("the spec's 404 on a poll → JobFailedError caused by NotFoundError; its 429 → keeps waiting", async () => {
    const gone = apigClient(firstThen(1, "example=updating", "code=404"));
    const err = (await (
      await gone.apig.deregisterIngressIps(GATEWAY, ingress("public_ips", "v4", "203.0.113.10"))
    )
      .wait(FAST)
      .catch((e: unknown) => e)) as JobFailedError;
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err.cause).toBeInstanceOf(NotFoundError);
    expect(gone.recorder.problems()).toEqual([]);

    const throttled = apigClient((n) => ["example=updating", "code=429", "example=running"][Math.min(n, 2)] as string);
    const details = await (await throttled.apig.deregisterIngressIps(GATEWAY, ingress("public_ips", "v4", "203.0.113.10"))).wait(FAST);
    expect(details.status).toBe("Running");
    expect(throttled.recorder.of("ShowInstance").map((e) => e.status)).toEqual([200, 429, 200]);
  });

  it("resumes from JSON in a fresh client against the same mock", async () => {
    const first = apigClient(() => "example=updating");
    const text = JSON.stringify((await first.apig.deregisterIngressIps(GATEWAY, ingress("public_ips", "v4", "203.0.113.10"))).waitState());
    const second = apigClient(firstThen(1, "example=updating", "example=running"));
    const details = await second.apig.resumeWait(text, FAST);
    expect(details.status).toBe("Running");
    expect(first.gets()).toBe(0);
    expect(second.gets()).toBe(2);
    expect(second.recorder.problems()).toEqual([]);
  });
});

describe("DDS public-gateway waits against Prism (ListInstances examples)", () => {
  it("bind: `unbound` twice, then `bound` → resolves with the node showing the gateway", async () => {
    const { dds, recorder, gets } = ddsClient(firstThen(2, "example=unbound", "example=bound"));
    const handle = await dds.bindPublicGateway(DB, NODE, { nat_gateway_id: NAT, public_ip_id: EIP_ID, external_service_port: 8635 });
    expect(handle).toMatchObject({ instance_id: DB, node_id: NODE, nat_gateway_id: NAT });
    const location = await handle.wait(FAST);
    expect(location.node).toMatchObject({ id: NODE, nat_gateway_id: NAT, external_service_port: 8635 });
    expect(gets()).toBe(3);
    expect(recorder.problems()).toEqual([]);
  });

  it("unbind: `bound`, then `unbound` → resolves with the node without the gateway", async () => {
    const { dds, recorder } = ddsClient(firstThen(1, "example=bound", "example=unbound"));
    const events: PollResult<unknown>[] = [];
    const location = await (await dds.unbindPublicGateway(DB, NODE)).wait({ ...FAST, onProgress: (e) => events.push(e) });
    expect(location.node.nat_gateway_id).toBeUndefined();
    expect(events.map((e) => e.pending)).toEqual([[`nat_gateway_id ${NAT} still bound`, "external_service_port 8635 still set"], []]);
    expect(recorder.problems()).toEqual([]);
  });

  it("unbind of the node that stays `bound` times out; another node is already unbound", async () => {
    const { dds } = ddsClient(() => "example=bound");
    const err = await (await dds.unbindPublicGateway(DB, NODE)).wait({ ...FAST, maxWaitMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    const other = await (await dds.unbindPublicGateway(DB, "7c3f1e2d9a8b4c5d6e7f8091a2b3c4d5no02")).wait(FAST);
    expect(other.node.role).toBe("Secondary");
  });
});
