/**
 * Benchmark of the operation waits (`npm run bench:wait`), not a test: it prints measurements and asserts
 * nothing about timing. Run through vitest (vitest.bench.config.ts) only because vitest runs TypeScript
 * directly; `npm test` does not pick it up (its unit project matches `*.test.ts` only).
 *
 * 1. Schedules side by side, simulated time: jobs of 5 s, 30 s, 2 min and 10 min, 1 and 100 waits per resource,
 *    200 jittered runs per cell. Requests per resource and lateness (when a wait noticed completion minus when the
 *    job completed). "new" is the SDK's schedule (`elapsedFractionDelay`) with the SDK's sharing
 *    (`createPollCoalescer`, as `createPollSharing` sets it up), both imported from src; "old" is the schedule
 *    before issue 16 (2 s → 30 s, full jitter under a doubling ceiling, then 30 s flat; waits aligned to the
 *    resource's 2 s grid), copied here;
 *    "smithy" is the smithy waiter schedule (2 s → 120 s, exponential with full jitter), each wait polling on its
 *    own as smithy clients do. The clock is a variable and the event loop a queue, so 200 runs take seconds.
 * 2. End to end, fake timers: the same cells for the new default through `createApigClient` and `handle.wait()`
 *    (fewer runs), to show that the simulation is what the SDK does.
 * 3. Real time: heap per sleeping wait with 10 000 concurrent waits on 100 resources, after forced GCs.
 */
import { afterEach, describe, it, vi } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { elapsedFractionDelay } from "../../src/internal/backoff.js";
import { createApigClient, type IngressIpsRequest, type InstanceDetails } from "../../src/services/apig.js";
import { createPollCoalescer } from "../../src/wait/coalesce.js";
import type { WaitOptions } from "../../src/wait/handle.js";

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const ELB = "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab";
const IP = "192.0.2.10";
const BODY: IngressIpsRequest = { elbs: [{ elb_id: ELB, public_ips: [{ type: "v4", ip: IP }] }] };
const gatewayId = (i: number) => `gw${String(i).padStart(30, "0")}`;

const MIN = 2000;
const JOBS = [5_000, 30_000, 120_000, 600_000];
const WAITS = [1, 100];
const RUNS = 200;
const E2E_RUNS = 20;

/** Smithy waiters' delay: uniformly random in [min, min(max, min · 2^(attempt−1))], also past the ceiling. */
const smithy = (minMs: number, maxMs: number) => (attempt: number, random: () => number) =>
  Math.round(minMs + random() * (Math.min(maxMs, minMs * 2 ** (attempt - 1)) - minMs));

/**
 * The waiter's delay before issue 16, a copy of `backoffDelay` as it was used then (the transport still uses it):
 * full jitter under a doubling ceiling, exactly `maxMs` from the attempt whose ceiling reached it.
 */
function oldDelay(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  if (attempt > Math.floor(Math.log2(maxMs / minMs)) + 1) return maxMs;
  const upper = Math.min(maxMs, minMs * 2 ** (attempt - 1));
  return Math.min(maxMs, Math.max(minMs, Math.round(minMs + random() * (upper - minMs))));
}

interface Schedule {
  name: string;
  /** The delay after poll number `attempt`, answered `elapsedMs` after the change was sent. */
  delay: (attempt: number, elapsedMs: number, random: () => number) => number;
  /** How waits on one resource share: the SDK's coalescer now, the old grid rule, or not at all. */
  sharing: "sdk" | "old-grid" | "none";
}

const SCHEDULES: Schedule[] = [
  { name: "new: ¼ of elapsed, 2–30 s", delay: (_, elapsed, random) => elapsedFractionDelay(elapsed, MIN, 30_000, random), sharing: "sdk" },
  // The waiter before issue 16: backoffDelay(attempt, 2000, 30000), then nextSlot's grid rule (earliest point of the
  // grid anchor + k · slot no earlier than a quarter of the delay, at most a quarter slot, before the wanted wake-up).
  { name: "old: 2→30 s exponential", delay: (attempt, _, random) => oldDelay(attempt, MIN, 30_000, random), sharing: "old-grid" },
  { name: "smithy: 2→120 s exponential", delay: (attempt, _, random) => smithy(MIN, 120_000)(attempt, random), sharing: "none" },
];

interface Cell {
  requests: number[];
  lateness: number[];
}

/** One job on one resource, done at `jobMs` after its change was sent at 0, watched by `waits` waits from 0. */
async function simulate(schedule: Schedule, jobMs: number, waits: number): Promise<{ requests: number; lateness: number[] }> {
  let clock = 0;
  let requests = 0;
  const coalescer = createPollCoalescer<boolean>({ slotMs: MIN, maxAgeMs: MIN / 2, now: () => clock });
  const fetch = async (): Promise<boolean> => {
    requests++;
    return clock >= jobMs;
  };
  const next = Array.from({ length: waits }, () => 0);
  const attempts = Array.from({ length: waits }, () => 0);
  const lateness: number[] = [];
  for (let open = waits; open > 0; ) {
    let w = 0;
    for (let i = 1; i < waits; i++) if ((next[i] as number) < (next[w] as number)) w = i;
    clock = next[w] as number;
    const done = schedule.sharing === "none" ? await fetch() : await coalescer.poll("gw", fetch);
    const attempt = (attempts[w] as number) + 1;
    attempts[w] = attempt;
    if (done) {
      lateness.push(clock - jobMs);
      next[w] = Number.POSITIVE_INFINITY;
      open--;
      continue;
    }
    const delay = schedule.delay(attempt, clock, Math.random);
    let sleep = delay;
    if (schedule.sharing === "sdk") sleep = coalescer.nextSlot("gw", delay);
    else if (schedule.sharing === "old-grid") sleep = Math.ceil((clock + delay - Math.min(MIN, delay) / 4) / MIN) * MIN - clock;
    next[w] = clock + sleep;
  }
  return { requests, lateness };
}

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const share = (ms: number, jobMs: number) => `${Math.round((100 * ms) / jobMs)} %`;
const jobName = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  const out = [`\n${title}`, line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)];
  process.stdout.write(`${out.join("\n")}\n`);
}

const HEADER = ["schedule", "job", "waits", "requests p50", "requests max", "late p50", "late max", "late p50 / job", "late max / job", "goal"];

/** A table row; the goal: lateness ≤ max(25 % of the job, minDelay), ≤ 12 requests for 30 s and ≤ 18 for 2 min. */
function row(name: string, jobMs: number, waits: number, cell: Cell): string[] {
  const lateMax = Math.max(...cell.lateness);
  const reqMax = Math.max(...cell.requests);
  const reqGoal = jobMs === 30_000 ? 12 : jobMs === 120_000 ? 18 : Number.POSITIVE_INFINITY;
  const met = lateMax <= Math.max(0.25 * jobMs, MIN) && reqMax <= reqGoal;
  return [
    name,
    jobName(jobMs),
    String(waits),
    String(pct(cell.requests, 50)),
    String(reqMax),
    seconds(pct(cell.lateness, 50)),
    seconds(lateMax),
    share(pct(cell.lateness, 50), jobMs),
    share(lateMax, jobMs),
    met ? "met" : "missed",
  ];
}

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
async function runWaits(
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

afterEach(() => {
  vi.useRealTimers();
});

describe("wait benchmark", () => {
  it("schedules side by side: requests and lateness", async () => {
    const rows: string[][] = [];
    for (const jobMs of JOBS) {
      for (const waits of WAITS) {
        for (const schedule of SCHEDULES) {
          const cell: Cell = { requests: [], lateness: [] };
          for (let run = 0; run < RUNS; run++) {
            const r = await simulate(schedule, jobMs, waits);
            cell.requests.push(r.requests);
            cell.lateness.push(...r.lateness);
          }
          rows.push(row(schedule.name, jobMs, waits, cell));
        }
      }
    }
    table(
      `Simulated time, ${RUNS} jittered runs per cell; requests per resource; late = noticed − completed; goal: late ≤ max(25 % of the job, 2 s), ≤ 12 requests (30 s), ≤ 18 (2 min).`,
      HEADER,
      rows,
    );

    // Every job length from 1 s to 15 min in 250 ms steps, one wait each: the largest share seen.
    const sweep: string[][] = [];
    for (const schedule of SCHEDULES) {
      let worst = 0;
      let worstAt = 0;
      for (let jobMs = 1000; jobMs <= 900_000; jobMs += 250) {
        const { lateness } = await simulate(schedule, jobMs, 1);
        const excess = (lateness[0] as number) / Math.max(jobMs, 4 * MIN);
        if (excess > worst) [worst, worstAt] = [excess, jobMs];
      }
      sweep.push([schedule.name, `${(100 * worst).toFixed(1)} %`, jobName(worstAt)]);
    }
    table(
      "Sweep, one wait per job of 1 s to 15 min in 250 ms steps: largest lateness / max(job, 8 s) (25 % = the goal).",
      ["schedule", "worst share", "at job"],
      sweep,
    );
  }, 300_000);

  it("end to end through handle.wait() with fake timers: the new default", async () => {
    const rows: string[][] = [];
    for (const jobMs of JOBS) {
      for (const waits of WAITS) {
        const cell: Cell = { requests: [], lateness: [] };
        let failures = 0;
        for (let run = 0; run < E2E_RUNS; run++) {
          vi.useFakeTimers();
          const r = await runWaits(1, waits, jobMs, { maxWaitMs: 2 * jobMs + 60_000 }, async (settled) => {
            while (!settled()) await vi.advanceTimersToNextTimerAsync();
          });
          vi.useRealTimers();
          cell.requests.push(r.requests);
          cell.lateness.push(...r.lateness);
          failures += r.failures;
        }
        rows.push([...row("new default (SDK)", jobMs, waits, cell), String(failures)]);
      }
    }
    table(`End to end (createApigClient, handle.wait(), fake timers), ${E2E_RUNS} runs per cell.`, [...HEADER, "failed"], rows);
  }, 300_000);

  it("real time: heap per sleeping wait, 10 000 concurrent waits on 100 resources", async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const heap = () => {
      gc?.();
      gc?.();
      return process.memoryUsage().heapUsed;
    };
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const [jobs, waitsPerJob] = [100, 100];
    const baseHeap = heap();
    const baseTimers = timers();
    let midHeap = 0;
    let midTimers = 0;
    const started = Date.now();
    const run = await runWaits(
      jobs,
      waitsPerJob,
      3000,
      { maxWaitMs: 60_000 },
      async (settled) => {
        while (!settled()) await new Promise((r) => setTimeout(r, 20));
      },
      async () => {
        await new Promise((r) => setTimeout(r, 1000)); // every wait polled once and sleeps until 2 s
        midTimers = timers() - baseTimers;
        midHeap = heap() - baseHeap;
      },
    );
    table(
      `Real time, default schedule, job done 3 s after its PUT; heap = heapUsed after ${gc ? "two forced GCs (--expose-gc)" : "no forced GC (global.gc missing: noisy)"}, minus before the client existed.`,
      ["jobs × waits", "requests", "late p50", "late max", "heap mid-wait", "heap per sleeping wait", "timers mid-wait", "timers after", "wall", "failed"],
      [
        [
          `${jobs} × ${waitsPerJob}`,
          String(run.requests),
          seconds(pct(run.lateness, 50)),
          seconds(Math.max(...run.lateness)),
          `${(midHeap / 1024 / 1024).toFixed(1)} MiB`,
          `${Math.round(midHeap / run.waits)} B`,
          String(midTimers),
          String(Math.max(0, timers() - baseTimers)),
          seconds(Date.now() - started),
          String(run.failures),
        ],
      ],
    );
  }, 120_000);
});
