/** The tables test/bench/wait.run.ts prints: percentiles, durations as seconds and shares of the job, the goal check. */
import { MIN } from "./wait-schedules.js";

/** Requests per resource and lateness (ms) of one table row, gathered over its runs. */
export interface Cell {
  requests: number[];
  lateness: number[];
}

export const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const share = (ms: number, jobMs: number) => `${Math.round((100 * ms) / jobMs)} %`;
export const jobName = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);

export function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  const out = [`\n${title}`, line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)];
  process.stdout.write(`${out.join("\n")}\n`);
}

export const HEADER = ["schedule", "job", "waits", "requests p50", "requests max", "late p50", "late max", "late p50 / job", "late max / job", "goal"];

/** A table row; the goal: lateness ≤ max(25 % of the job, minDelay), ≤ 12 requests for 30 s and ≤ 18 for 2 min. */
export function row(name: string, jobMs: number, waits: number, cell: Cell): string[] {
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
