import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { AbortError, ValidationError } from "../../src/errors.js";
import { createApigClient, type IngressIpsRequest, type InstanceDetails } from "../../src/services/apig.js";
import { accepted, apigRoute, ELB, ENDPOINT, GATEWAY, gateway, PROJECT, scriptedFetch, track } from "../wait/fake-cloud.js";

// What registerIngressIps / deregisterIngressIps put into the handle's state, and how its wait uses the client.

const IP = "192.0.2.10";
const body: IngressIpsRequest = { elbs: [{ elb_id: ELB, public_ips: [{ type: "v4", ip: IP }] }] };
const FIXED = { minDelayMs: 1000, maxDelayMs: 1000 } as const;

function client(fetch: typeof globalThis.fetch) {
  return createApigClient({ projectId: PROJECT, endpoint: ENDPOINT, auth: tokenAuth("tok"), fetch, maxRetries: 0, logLevel: "off" });
}

/** A client whose PUT answers 202 with `job`, and ShowInstance a Running gateway listing the address. */
function answering(job: unknown) {
  const fake = scriptedFetch((req) => (req.method === "PUT" ? { status: 202, body: job } : { status: 200, body: gateway("Running", [IP]) }));
  return { ...fake, apig: client(fake.fetch) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("registerIngressIps handle", () => {
  it("its state names the register operation and resumes as a register wait", async () => {
    const { apig } = answering(accepted);
    const handle = await apig.registerIngressIps(GATEWAY, body);
    const state = handle.waitState();
    expect(state.operation).toBe("registerIngressIps");
    expect(state.expect.registered).toBe(true);
    // a fresh client reads it back as a register wait: the listed address is success at once
    const other = answering(accepted);
    const resumed = track(other.apig.resumeWait(JSON.stringify(state), FIXED));
    await vi.advanceTimersByTimeAsync(0);
    expect(resumed.status).toBe("fulfilled");
    expect((resumed.value as InstanceDetails).status).toBe("Running");
    expect(other.gets()).toHaveLength(1);
  });

  it("its wait succeeds once the address is listed (a deregister wait would not)", async () => {
    const { apig } = answering(accepted);
    const wait = track((await apig.registerIngressIps(GATEWAY, body)).wait(FIXED));
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.status).toBe("fulfilled");
  });
});

describe("jobId in the state", () => {
  it.each([
    ["missing", { instance_id: GATEWAY, message: "JOB_ASSIGNED" }],
    ["a number", { instance_id: GATEWAY, message: "JOB_ASSIGNED", job_id: 42 }],
    ["null", { instance_id: GATEWAY, message: "JOB_ASSIGNED", job_id: null }],
  ])("is the empty string when the 202's job_id is %s, and the state still resumes", async (_, job) => {
    const { apig } = answering(job);
    const handle = await apig.deregisterIngressIps(GATEWAY, body);
    // the handle is the 202 body as it came
    expect({ ...handle }).toStrictEqual(job);
    expect(handle.waitState().jobId).toBe("");
    const other = answering(job);
    const resumed = track(other.apig.resumeWait(handle.waitState(), { ...FIXED, maxWaitMs: 1000 }));
    await vi.advanceTimersByTimeAsync(1000);
    // resumed (not refused): it polled, and times out because the address is still listed
    expect(resumed.status).toBe("rejected");
    expect(resumed.error).not.toBeInstanceOf(ValidationError);
    expect(other.gets().length).toBeGreaterThan(0);
  });

  it("is the 202's job_id when it is a string", async () => {
    const { apig } = answering(accepted);
    expect((await apig.registerIngressIps(GATEWAY, body)).waitState().jobId).toBe(accepted.job_id);
  });
});

describe("bad input without a projectId", () => {
  it.each(["registerIngressIps", "deregisterIngressIps"] as const)("%s refuses a bad body before the project discovery's I/O", async (method) => {
    const fake = scriptedFetch(() => ({ status: 500, body: { error_code: "X", error_msg: "no request expected" } }));
    const apig = createApigClient({
      region: "cn-north-4",
      endpoint: ENDPOINT,
      iamEndpoint: ENDPOINT,
      auth: tokenAuth("tok"),
      fetch: fake.fetch,
      maxRetries: 0,
      logLevel: "off",
    });
    const bad = { elbs: [{ elb_id: "not-a-uuid", public_ips: [{ type: "v4", ip: "2001:db8::1" }] }] } as never;
    const err = (await apig[method](GATEWAY, bad).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues.map((i) => i.path)).toContain("elbs[0].public_ips[0].ip");
    expect(err.issues.some((i) => i.path.includes("project_id"))).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("the wait's polls", () => {
  it("an abort mid-poll aborts the ShowInstance request itself, not only the wait", async () => {
    const signals: AbortSignal[] = [];
    const fake = scriptedFetch(apigRoute(() => ({ status: 200, body: gateway("Updating", [IP]) })));
    // PUT answers at once; GET hangs until its signal aborts
    const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      if ((init?.method ?? "GET").toUpperCase() === "PUT") return fake.fetch(input, init);
      const signal = init?.signal;
      if (!signal) return Promise.reject(new Error("ShowInstance sent without a signal"));
      signals.push(signal);
      return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
    };
    const apig = client(fetch);
    const controller = new AbortController();
    const wait = track((await apig.deregisterIngressIps(GATEWAY, body)).wait({ ...FIXED, signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(0);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.status).toBe("rejected");
    expect(wait.error).toBeInstanceOf(AbortError);
    // the request is cancelled now, not left running until the transport's timeout
    expect(signals[0]?.aborted).toBe(true);
  });
});
