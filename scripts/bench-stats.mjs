// Statistics and number formatting for scripts/bench.mjs: quantiles over per-round samples, and the interleaved
// rounds every timed section runs its tasks in.

function quantile(sorted, q) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}
export function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p25: quantile(s, 0.25), p75: quantile(s, 0.75), min: s[0], max: s[s.length - 1], n: s.length };
}
export const fmt = (n, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const spread = (st, digits = 0) => `${fmt(st.p25, digits)}–${fmt(st.p75, digits)}`;
export const ratio = (r) => `${r >= 10 ? fmt(r, 1) : fmt(r, 2)}×`;
export const pct = (x) => `${fmt(x * 100, 1)} %`;
/** Per-round ratios a[i] / b[i] (rounds ran back to back, so each pair shared the machine's load). */
export const paired = (a, b) => stats(a.map((x, i) => x / b[i]));

/**
 * Runs each task `rounds` times, `batch` calls per round, rotating the order every round so drift in machine load
 * spreads over all of them. Returns per task: wall µs per call and CPU µs per call, one sample per round.
 */
export async function interleaved(tasks, { rounds, batch, warmup }) {
  for (const t of tasks) for (let i = 0; i < warmup; i++) await t.run();
  const out = new Map(tasks.map((t) => [t.name, { wall: [], cpu: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < tasks.length; k++) {
      const t = tasks[(k + r) % tasks.length];
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) await t.run();
      const wall = Number(process.hrtime.bigint() - t0) / 1e3 / batch;
      const cpu = process.cpuUsage(cpu0);
      out.get(t.name).wall.push(wall);
      out.get(t.name).cpu.push((cpu.user + cpu.system) / batch);
    }
  }
  // The raw samples stay: round r of every task ran back to back, so per-round ratios pair like with like.
  return new Map([...out].map(([name, v]) => [name, { wall: stats(v.wall), cpu: stats(v.cpu), samples: v }]));
}
