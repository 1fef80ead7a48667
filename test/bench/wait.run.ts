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
 *
 * The schedules and the simulation are in wait-schedules.ts, the in-process APIG in wait-fake-apig.ts, the tables
 * in wait-table.ts; only `*.run.ts` files are run, so those three are never run on their own.
 */
import { afterEach, describe, it, vi } from "vitest";
import { runWaits } from "./wait-fake-apig.js";
import { MIN, SCHEDULES, simulate } from "./wait-schedules.js";
import { type Cell, HEADER, jobName, pct, row, seconds, table } from "./wait-table.js";

const JOBS = [5_000, 30_000, 120_000, 600_000];
const WAITS = [1, 100];
const RUNS = 200;
const E2E_RUNS = 20;

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
