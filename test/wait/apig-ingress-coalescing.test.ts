/**
 * Many waits on one APIG gateway share its polls (one request per interval, jittered or not), while another
 * gateway is polled on its own and a new operation never reuses a pre-change answer.
 */
import { describe, expect, it, vi } from "vitest";
import type { InstanceDetails } from "../../src/services/apig.js";
import { client, deregisterBody, FIXED, IP, ok, t0, useFakeClock } from "./apig-ingress-fixtures.js";
import { accepted, apigRoute, gateway, GATEWAY, scriptedFetch, track } from "./fake-cloud.js";

useFakeClock();

describe("coalescing", () => {
  it("1 000 waits on one gateway make one request per interval; another gateway is polled on its own", async () => {
    const other = "7b8e82938fe65683c2f42ba0b59fdd92";
    const doneAt = (id: string) => t0 + (id === GATEWAY ? 5000 : 3000);
    const fake = scriptedFetch((req, _n) => {
      if (req.method === "PUT") return { status: 202, body: accepted };
      const id = req.path.split("/").at(-1) as string;
      return ok(Date.now() >= doneAt(id) ? gateway("Running", [], { id }) : gateway("Updating", [IP], { id }));
    });
    const apig = client(fake.fetch);
    const one = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const two = await apig.deregisterIngressIps(other, deregisterBody);
    const waits = Array.from({ length: 1000 }, () => track(one.wait(FIXED)));
    const others = Array.from({ length: 10 }, () => track(two.wait(FIXED)));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(waits.every((w) => w.status === "fulfilled")).toBe(true);
    expect(others.every((w) => w.status === "fulfilled")).toBe(true);
    const times = (id: string) =>
      fake
        .gets()
        .filter((r) => r.path.endsWith(id))
        .map((r) => r.at - t0);
    expect(times(GATEWAY)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(times(other)).toEqual([0, 1000, 2000, 3000]);
    expect(vi.getTimerCount()).toBe(0);
  }, 60_000); // fake timers yield to the event loop once per timer: 6 000 timers take a few seconds

  it("with jittered backoff, 500 waits started over 400 ms still share: at most one request per minDelayMs", async () => {
    const fake = scriptedFetch(apigRoute(() => ok(Date.now() >= t0 + 20_000 ? gateway("Running") : gateway("Updating", [IP]))));
    const apig = client(fake.fetch);
    const handle = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const waits: ReturnType<typeof track<InstanceDetails>>[] = [];
    for (let i = 0; i < 500; i++) {
      if (i % 50 === 0) await vi.advanceTimersByTimeAsync(40); // 10 batches over 400 ms
      waits.push(track(handle.wait({ minDelayMs: 1000, maxDelayMs: 4000 })));
    }
    await vi.advanceTimersByTimeAsync(30_000);
    expect(waits.every((w) => w.status === "fulfilled")).toBe(true);
    const times = fake.gets().map((r) => r.at - t0);
    for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(1000);
    // done at 20 s; waits whose backoff is at 4 s may poll up to 4 s later
    expect(times.length).toBeLessThanOrEqual(25);
  });

  it("a new operation on the gateway drops cached answers, so its wait never sees a pre-change answer", async () => {
    let phase: "before" | "after" = "before";
    const fake = scriptedFetch(apigRoute(() => ok(phase === "before" ? gateway("Running", [IP]) : gateway("Running"))));
    const apig = client(fake.fetch);
    await apig.getInstance(GATEWAY);
    const first = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const a = track(first.wait(FIXED)); // polls now: IP still there
    await vi.advanceTimersByTimeAsync(0);
    phase = "after";
    const second = await apig.deregisterIngressIps(GATEWAY, deregisterBody);
    const b = track(second.wait(FIXED)); // must not reuse the answer a got moments ago
    await vi.advanceTimersByTimeAsync(0);
    expect(b.status).toBe("fulfilled");
    expect(fake.gets()).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(a.status).toBe("fulfilled");
  });
});
