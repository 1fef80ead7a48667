/**
 * waitState() and resumeWait for the APIG ingress waits: the saved state is plain JSON without secrets, a fresh
 * client resumes on the original schedule, and a state for another endpoint or project, or a malformed one, is
 * refused before any request.
 */
import { describe, expect, it, vi } from "vitest";
import { akskAuth } from "../../src/auth/aksk.js";
import { ValidationError } from "../../src/errors.js";
import { createApigClient, type InstanceDetails } from "../../src/services/apig.js";
import type { PollResult } from "../../src/wait/errors.js";
import { WAIT_STATE_FORMAT } from "../../src/wait/state.js";
import { client, deregisterBody, FIXED, IP, ok, scripted, t0, useFakeClock } from "./apig-ingress-fixtures.js";
import { apigRoute, ELB, ENDPOINT, gateway, GATEWAY, JOB, nth, PROJECT, scriptedFetch, track } from "./fake-cloud.js";

useFakeClock();

describe("waitState and resumeWait", () => {
  it("waitState() is plain JSON with operation, ids, expected end state, start and endpoint, and no secrets", async () => {
    const fake = scriptedFetch(apigRoute(() => ok(gateway("Running"))));
    const apig = createApigClient({
      projectId: PROJECT,
      endpoint: ENDPOINT,
      auth: akskAuth({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "very-secret-sk", securityToken: "very-secret-sts" }),
      fetch: fake.fetch,
    });
    const handle = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const text = JSON.stringify(handle.waitState());
    expect(JSON.parse(text)).toEqual({
      format: WAIT_STATE_FORMAT,
      service: "apig",
      operation: "deregisterIngressIps",
      endpoint: ENDPOINT,
      projectId: PROJECT,
      instanceId: GATEWAY,
      jobId: JOB,
      startedAt: new Date(t0).toISOString(),
      expect: { registered: false, ips: [{ elbId: ELB, kind: "public", type: "v4", ip: IP }] },
    });
    expect(text).not.toMatch(/secret|AKIDEXAMPLE|token/i);
    // the copy is detached: changing it does not change what the handle waits for
    const copy = handle.waitState();
    copy.expect.ips.length = 0;
    expect(handle.waitState().expect.ips).toHaveLength(1);
  });

  it("resumes from JSON in a fresh client; maxWaitMs counts from the resume, elapsedMs from the original start", async () => {
    const first = scripted([ok(gateway("Updating", [IP]))]);
    const text = JSON.stringify((await first.apig.deregisterIngressIps(GATEWAY, deregisterBody)).waitState());
    await vi.advanceTimersByTimeAsync(5000); // the first process goes away before waiting

    const second = scriptedFetch(apigRoute((n) => nth([ok(gateway("Updating", [IP])), ok(gateway("Running"))], n)));
    const fresh = client(second.fetch);
    const events: PollResult<InstanceDetails>[] = [];
    const wait = track(fresh.resumeWait(text, { ...FIXED, maxWaitMs: 2000, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(wait.status).toBe("fulfilled");
    expect(events.map((e) => [e.attempt, e.elapsedMs])).toEqual([
      [1, 5000],
      [2, 6000],
    ]);
    expect(first.gets()).toHaveLength(0);
    expect(second.gets()).toHaveLength(2);
    // the object form works too
    const again = track(fresh.resumeWait(JSON.parse(text), FIXED));
    await vi.advanceTimersByTimeAsync(0);
    expect(again.status).toBe("fulfilled");
  });

  it("a resumed wait keeps the schedule of the original start: a minute after the change it polls 15 s apart", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const first = scripted([ok(gateway("Updating", [IP]))]);
    const text = JSON.stringify((await first.apig.deregisterIngressIps(GATEWAY, deregisterBody)).waitState());
    await vi.advanceTimersByTimeAsync(60_000); // the first process goes away before waiting

    const second = scriptedFetch(apigRoute((n) => nth([ok(gateway("Updating", [IP])), ok(gateway("Updating", [IP])), ok(gateway("Running"))], n)));
    const wait = track(client(second.fetch).resumeWait(text));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(wait.status).toBe("fulfilled");
    // a quarter of 60 s, then of 75 s (a fresh wait would poll 2 s apart for its first 8 s)
    expect(second.gets().map((r) => r.at - t0)).toEqual([60_000, 75_000, 93_750]);
  });

  it("refuses a state for another endpoint or project, or a malformed one, before any request", async () => {
    const first = scripted([ok(gateway("Running"))]);
    const state = (await first.apig.deregisterIngressIps(GATEWAY, deregisterBody)).waitState();
    const fake = scriptedFetch(apigRoute(() => ok(gateway("Running"))));
    const paths = async (c: ReturnType<typeof client>, s: unknown) => {
      const err = (await c.resumeWait(s as never).catch((e: unknown) => e)) as ValidationError;
      expect(err).toBeInstanceOf(ValidationError);
      return err.issues.map((i) => i.path);
    };
    expect(await paths(client(fake.fetch, { endpoint: "https://apig.cn-north-1.myhuaweicloud.com" }), state)).toEqual(["state.endpoint"]);
    expect(await paths(client(fake.fetch, { projectId: "another-project" }), state)).toEqual(["state.projectId"]);
    expect(await paths(client(fake.fetch), "{not json")).toEqual(["state"]);
    expect(await paths(client(fake.fetch), [])).toEqual(["state"]);
    expect(await paths(client(fake.fetch), { ...state, service: "dds" })).toEqual(["state.service"]);
    expect(await paths(client(fake.fetch), { ...state, format: "v0", instanceId: "../x", startedAt: "yesterday" })).toEqual([
      "state.format",
      "state.instanceId",
      "state.startedAt",
    ]);
    expect(
      await paths(client(fake.fetch), {
        ...state,
        operation: "registerIngressIps",
        expect: { registered: false, ips: [{ elbId: ELB, kind: "elsewhere", type: "v4", ip: "2001:db8::1" }] },
      }),
    ).toEqual(["state.expect.registered", "state.expect.ips[0].kind", "state.expect.ips[0].ip"]);
    expect(fake.gets()).toHaveLength(0);
  });
});
