/**
 * The wait handle of registerIngressIps: it waits until the addresses are listed, except global EIPs, which
 * ShowInstance does not show.
 */
import { describe, expect, it, vi } from "vitest";
import type { IngressIpsRequest, InstanceDetails } from "../../src/services/apig.js";
import type { PollResult } from "../../src/wait/errors.js";
import { FIXED, IP, ok, scripted, useFakeClock } from "./apig-ingress-fixtures.js";
import { ELB, gateway, GATEWAY, track } from "./fake-cloud.js";

useFakeClock();

describe("registerIngressIps handle", () => {
  it("waits until the addresses are listed, comparing IPv6 in canonical form", async () => {
    const body: IngressIpsRequest = {
      elbs: [
        {
          elb_id: ELB,
          public_ips: [
            { type: "v6", ip: "2001:db8::7" },
            { type: "v4", ip: IP },
          ],
        },
      ],
    };
    const { apig } = scripted([ok(gateway("Updating")), ok(gateway("Running", [IP])), ok(gateway("Running", [IP, "2001:0DB8:0000::0007"]))]);
    const events: PollResult<InstanceDetails>[] = [];
    const handle = await apig.registerIngressIps(GATEWAY, body);
    const wait = track(handle.wait({ ...FIXED, onProgress: (e) => events.push(e) }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(wait.status).toBe("fulfilled");
    expect(events.map((e) => e.pending)).toEqual([
      ["gateway status is Updating", "2001:db8::7 not registered yet", `${IP} not registered yet`],
      ["2001:db8::7 not registered yet"],
      [],
    ]);
    expect(handle.waitState().expect).toEqual({
      registered: true,
      ips: [
        { elbId: ELB, kind: "public", type: "v6", ip: "2001:db8::7" },
        { elbId: ELB, kind: "public", type: "v4", ip: IP },
      ],
    });
  });

  it("global EIPs are not visible in ShowInstance: only Running is required for them", async () => {
    const body: IngressIpsRequest = { elbs: [{ elb_id: ELB, global_eips: [{ type: "v4", ip: "198.51.100.9" }] }] };
    const { apig } = scripted([ok(gateway("Updating")), ok(gateway("Running"))]);
    const wait = track((await apig.registerIngressIps(GATEWAY, body)).wait(FIXED));
    await vi.advanceTimersByTimeAsync(1000);
    expect(wait.status).toBe("fulfilled");
  });
});
