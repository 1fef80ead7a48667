/**
 * The in-process APIG test/bench/wait.run.ts runs real waits against: deregistrations whose jobs finish after a
 * set time, and the waits started on them through `createApigClient` and `handle.wait()`.
 */
import { tokenAuth } from "../../src/auth/token.js";
import { createApigClient, type IngressIpsRequest, type InstanceDetails } from "../../src/services/apig.js";
import type { WaitOptions } from "../../src/wait/handle.js";

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const ELB = "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab";
const IP = "192.0.2.10";
const BODY: IngressIpsRequest = { elbs: [{ elb_id: ELB, public_ips: [{ type: "v4", ip: IP }] }] };
const gatewayId = (i: number) => `gw${String(i).padStart(30, "0")}`;

/** In-process APIG: each gateway's job finishes `doneAfterMs` after its PUT; counts ShowInstance requests. */
function fakeApig(doneAfterMs: number) {
  const doneAt = new Map<string, number>();
  let gets = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const id = url.pathname.split("/")[5] as string;
    const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    if (init?.method === "PUT") {
      doneAt.set(id, Date.now() + doneAfterMs);
      return answer(202, { instance_id: id, message: "JOB_ASSIGNED", job_id: `JOB-${id.slice(0, 32)}` });
    }
    gets++;
    const done = Date.now() >= (doneAt.get(id) ?? Number.POSITIVE_INFINITY);
    const details: InstanceDetails = {
      id,
      instance_name: "bench",
      status: done ? "Running" : "Updating",
      instance_status: done ? 6 : 12,
      publicips: done ? [] : [{ ip_address: IP }],
    };
    return answer(200, details);
  };
  return { fetch, gets: () => gets, doneAt };
}

/** Starts `jobs` deregistrations with `waitsPerJob` waits each; `drive` runs the clock until all are settled. */
export async function runWaits(
  jobs: number,
  waitsPerJob: number,
  doneAfterMs: number,
  options: WaitOptions<InstanceDetails>,
  drive: (settled: () => boolean) => Promise<void>,
  onStarted?: () => Promise<void> | void,
) {
  const cloud = fakeApig(doneAfterMs);
  const apig = createApigClient({ projectId: PROJECT, region: "cn-north-4", auth: tokenAuth("bench"), fetch: cloud.fetch, logLevel: "off" });
  const handles = await Promise.all(Array.from({ length: jobs }, (_, i) => apig.deregisterIngressIps(gatewayId(i), BODY)));
  const lateness: number[] = [];
  let pending = 0;
  let failures = 0;
  for (const handle of handles) {
    const doneAt = cloud.doneAt.get(handle.waitState().instanceId) as number;
    for (let w = 0; w < waitsPerJob; w++) {
      pending++;
      handle.wait(options).then(
        () => {
          lateness.push(Date.now() - doneAt);
          pending--;
        },
        () => {
          failures++;
          pending--;
        },
      );
    }
  }
  await onStarted?.();
  await drive(() => pending === 0);
  return { requests: cloud.gets(), waits: jobs * waitsPerJob, lateness, failures };
}
