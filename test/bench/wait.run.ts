/**
 * Benchmark of the operation waits (`npm run bench:wait`), not a test: it prints measurements and asserts
 * nothing about timing. Run through vitest (vitest.bench.config.ts) only because vitest runs TypeScript
 * directly; `npm test` does not pick it up (its unit project matches `*.test.ts` only).
 *
 * 1. Simulated time (fake timers): requests per completed job and the delay from completion to detection,
 *    against a fixed 1 s interval and the default backoff (2 s doubling to 30 s), for one wait and many waits
 *    per job. "Naive" is a poller per wait at a fixed 1 s interval without sharing.
 * 2. Real time: 1 000 concurrent waits (fixed 1 s interval) on one gateway and on 1 000 gateways: requests,
 *    detection delay, heap per wait and open timers (`process.getActiveResourcesInfo()`), sampled mid-wait and
 *    after completion.
 */
import { afterEach, describe, it, vi } from "vitest";
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
    const answer = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    if (init?.method === "PUT") {
      doneAt.set(id, Date.now() + doneAfterMs);
      return answer(202, { instance_id: id, message: "JOB_ASSIGNED", job_id: `JOB-${id.slice(0, 32)}` });
    }
    gets++;
    const done = Date.now() >= (doneAt.get(id) ?? Infinity);
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

interface Run {
  requests: number;
  jobs: number;
  waits: number;
  delays: number[];
  failures: number;
}

/** Starts `jobs` deregistrations with `waitsPerJob` waits each and waits for all of them. */
async function runWaits(
  jobs: number,
  waitsPerJob: number,
  doneAfterMs: number,
  options: WaitOptions<InstanceDetails>,
  drive: (settled: () => boolean) => Promise<void>,
  onStarted?: () => Promise<void> | void,
): Promise<Run> {
  const cloud = fakeApig(doneAfterMs);
  const apig = createApigClient({ projectId: PROJECT, region: "cn-north-4", auth: tokenAuth("bench"), fetch: cloud.fetch, logLevel: "off" });
  const handles = await Promise.all(Array.from({ length: jobs }, (_, i) => apig.deregisterIngressIps(gatewayId(i), BODY)));
  const delays: number[] = [];
  let pending = 0;
  let failures = 0;
  for (const handle of handles) {
    const doneAt = cloud.doneAt.get(handle.waitState().instanceId) as number;
    for (let w = 0; w < waitsPerJob; w++) {
      pending++;
      handle.wait(options).then(
        () => {
          delays.push(Date.now() - doneAt);
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
  return { requests: cloud.gets(), jobs, waits: jobs * waitsPerJob, delays, failures };
}

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  const out = [`\n${title}`, line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)];
  process.stdout.write(`${out.join("\n")}\n`);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("wait benchmark", () => {
  it("simulated time: requests per completed job and detection delay", async () => {
    const FIXED_1S = { minDelayMs: 1000, maxDelayMs: 1000, maxWaitMs: 600_000 };
    const DEFAULT = { maxWaitMs: 600_000 };
    const scenarios: Array<{ name: string; jobs: number; waitsPerJob: number; doneAfterMs: number; options: WaitOptions<InstanceDetails> }> = [
      { name: "fixed 1 s", jobs: 1, waitsPerJob: 1, doneAfterMs: 30_500, options: FIXED_1S },
      { name: "fixed 1 s", jobs: 1, waitsPerJob: 100, doneAfterMs: 30_500, options: FIXED_1S },
      { name: "fixed 1 s", jobs: 10, waitsPerJob: 10, doneAfterMs: 30_500, options: FIXED_1S },
      { name: "default 2→30 s", jobs: 1, waitsPerJob: 1, doneAfterMs: 30_500, options: DEFAULT },
      { name: "default 2→30 s", jobs: 1, waitsPerJob: 100, doneAfterMs: 30_500, options: DEFAULT },
      { name: "default 2→30 s", jobs: 1, waitsPerJob: 1, doneAfterMs: 120_500, options: DEFAULT },
      { name: "default 2→30 s", jobs: 1, waitsPerJob: 100, doneAfterMs: 120_500, options: DEFAULT },
    ];
    const rows: string[][] = [];
    for (const s of scenarios) {
      vi.useFakeTimers();
      const run = await runWaits(s.jobs, s.waitsPerJob, s.doneAfterMs, s.options, async (settled) => {
        while (!settled()) await vi.advanceTimersByTimeAsync(1000);
      });
      vi.useRealTimers();
      const naive = run.waits * (Math.ceil(s.doneAfterMs / 1000) + 1);
      rows.push([
        s.name,
        seconds(s.doneAfterMs),
        `${s.jobs} × ${s.waitsPerJob}`,
        String(run.requests),
        (run.requests / run.jobs).toFixed(1),
        (run.requests / run.waits).toFixed(2),
        String(naive),
        seconds(pct(run.delays, 50)),
        seconds(Math.max(...run.delays)),
        String(run.failures),
      ]);
    }
    table(
      "Simulated time (fake timers). Job = one gateway change; naive = a fixed 1 s poller per wait, no sharing.",
      ["interval", "job takes", "jobs × waits", "requests", "req/job", "req/wait", "naive req", "detect p50", "detect max", "failed"],
      rows,
    );
  }, 300_000);

  it("real time: 1 000 concurrent waits, memory and open timers", async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const heap = () => {
      gc?.();
      gc?.();
      return process.memoryUsage().heapUsed;
    };
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const rows: string[][] = [];
    for (const [jobs, waitsPerJob] of [
      [1, 1000],
      [1000, 1],
    ] as const) {
      const baseHeap = heap();
      const baseTimers = timers();
      let midHeap = 0;
      let midTimers = 0;
      const started = Date.now();
      const run = await runWaits(
        jobs,
        waitsPerJob,
        4500,
        { minDelayMs: 1000, maxDelayMs: 1000, maxWaitMs: 60_000 },
        async (settled) => {
          while (!settled()) await new Promise((r) => setTimeout(r, 20));
        },
        async () => {
          await new Promise((r) => setTimeout(r, 2500)); // mid-wait: everyone is sleeping between polls
          midTimers = timers() - baseTimers;
          midHeap = heap() - baseHeap;
        },
      );
      const after = Math.max(0, timers() - baseTimers);
      rows.push([
        `${jobs} × ${waitsPerJob}`,
        String(run.requests),
        (run.requests / run.jobs).toFixed(1),
        seconds(pct(run.delays, 50)),
        seconds(Math.max(...run.delays)),
        `${(midHeap / 1024 / 1024).toFixed(1)} MiB`,
        `${Math.round(midHeap / run.waits)} B`,
        String(midTimers),
        String(after),
        seconds(Date.now() - started),
        String(run.failures),
      ]);
    }
    table(
      `Real time, fixed 1 s interval, job done 4.5 s after its PUT${gc ? "" : " (no --expose-gc: heap figures are noisy)"}.`,
      ["jobs × waits", "requests", "req/job", "detect p50", "detect max", "heap mid-wait", "heap/wait", "timers mid-wait", "timers after", "wall", "failed"],
      rows,
    );
  }, 120_000);
});
