// The report of scripts/bench.mjs (bench/results.md): one Markdown table per section, then issue 16's goals as
// PASS/MISS rows, all computed from the one run's results, under a header naming the machine and its load.
import os from "node:os";
import { fmt, paired, pct, ratio, spread, stats } from "./bench-stats.mjs";

const loadText = (load) => load.map((l) => fmt(l, 2)).join(" / ");
// On a busy machine the delayed server's timer fires late, so the share of the nominal delay is given as well.
const nominal = (pc) => (pc.delayMs > 0 ? `, ${pct(pc.overheadUs / (pc.delayMs * 1_000))} of the nominal ${pc.delayMs} ms` : "");
const verdict = (ok) => (ok ? "PASS" : "MISS");

/** The SDK's figures per server, against plain fetch and bare openapi-fetch (the task order of bench-clients.mjs). */
function perCallSummary(pc) {
  const [SDK, BARE, , FETCH, OFFICIAL] = pc.names;
  const get = (n) => pc.r.get(n);
  const sdkCall = get(SDK);
  const fetchCall = get(FETCH);
  return {
    ...pc,
    sdkCall,
    fetchCall,
    official: get(OFFICIAL),
    cpuVsFetch: sdkCall.cpu.median / fetchCall.cpu.median,
    cpuVsFetchRounds: paired(sdkCall.samples.cpu, fetchCall.samples.cpu),
    cpuVsBare: sdkCall.cpu.median / get(BARE).cpu.median,
    overheadUs: sdkCall.cpu.median - fetchCall.cpu.median,
    // The round trip a caller sees: plain fetch's wall time against the same server.
    roundTripUs: fetchCall.wall.median,
  };
}

/**
 * The text of bench/results.md. `loadAtStart` is os.loadavg() when the bench started (the load at the end is read
 * here); `quick` marks a --quick run in the header.
 */
export function renderReport(results, { quick, loadAtStart }) {
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(" | ")} |`);
  const perCall = results.perCall.map(perCallSummary);

  for (const pc of perCall) {
    lines.push(`### Per call: GET one gateway, ${pc.server} (µs per call)`, "");
    row("client", "wall median", "wall p25–p75", "client CPU median", "CPU p25–p75", "CPU vs plain fetch", "CPU vs bare openapi-fetch", "CPU over plain fetch");
    row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
    const [, BARE, , FETCH] = pc.names;
    for (const name of pc.names) {
      const v = pc.r.get(name);
      const over = v.cpu.median - pc.r.get(FETCH).cpu.median;
      row(
        name,
        fmt(v.wall.median),
        spread(v.wall),
        fmt(v.cpu.median),
        spread(v.cpu),
        ratio(v.cpu.median / pc.r.get(FETCH).cpu.median),
        ratio(v.cpu.median / pc.r.get(BARE).cpu.median),
        `${over >= 0 ? "+" : ""}${fmt(over)} µs`,
      );
    }
    lines.push(
      "",
      `hwc-gateways' overhead over plain fetch: **${fmt(pc.overheadUs)} µs of CPU per call**, ${pct(pc.overheadUs / pc.roundTripUs)} of the ` +
        `${fmt(pc.roundTripUs)} µs round trip (plain fetch's wall median against this server)${nominal(pc)}; ` +
        `CPU ${ratio(pc.cpuVsFetch)} plain fetch's (per-round ratios ${spread(pc.cpuVsFetchRounds, 2)}). ` +
        `${pc.rounds} interleaved rounds of ${pc.batch} sequential calls per client.`,
      "",
    );
  }

  lines.push("### Signing the same GET (signatures per second; reported, not a target)", "");
  row("signer", "median", "p25–p75", "µs per signature");
  row("---", "---:", "---:", "---:");
  for (const [name, v] of results.signing) row(name, fmt(v.rate.median), spread(v.rate), fmt(v.wall.median, 1));

  const [CI_ESM, , CI_OPENAPI] = results.coldImportNames;
  const ciBase = results.coldImport.get(CI_OPENAPI);
  lines.push("", "### Cold import in a fresh process (ms, import only)", "");
  row("module", "median", "min–max", "runs", "vs openapi-fetch alone (medians)", "per-run ratios min–max");
  row("---", "---:", "---:", "---:", "---:", "---:");
  for (const [name, v] of results.coldImport) {
    const runs = stats(v.samples.map((x, i) => x / ciBase.samples[i]));
    row(name, fmt(v.median, 1), `${fmt(v.min, 1)}–${fmt(v.max, 1)}`, v.n, ratio(v.median / ciBase.median), `${ratio(runs.min)}–${ratio(runs.max)}`);
  }

  lines.push("", "### Bundle size (esbuild, minified; gzip level 9)", "");
  row("bundle", "minified B", "gzipped B");
  row("---", "---:", "---:");
  for (const b of results.bundle) row(b.name, fmt(b.min), fmt(b.gzip));
  for (const s of results.sizeLimit) row(`size-limit: ${s.name}`, "", `${fmt(s.size)} (budget ${fmt(s.sizeLimit)})`);

  lines.push("", "### Memory: heapUsed after forced GC (KiB)", "");
  row("client", "calls", "before", "after half", "after all", "growth over the second half");
  row("---", "---:", "---:", "---:", "---:", "---:");
  for (const m of results.memory)
    row(m.name, fmt(m.calls), fmt(m.before / 1024), fmt(m.half / 1024), fmt(m.after / 1024), `${fmt((m.after - m.half) / 1024)} KiB`);

  // Targets: issue 16's goals, all from this one run.
  const coldRatio = results.coldImport.get(CI_ESM).median / ciBase.median;
  const sdkMem = results.memory[0];
  const growthPerCall = (sdkMem.after - sdkMem.half) / (sdkMem.calls / 2);
  const targets = [
    ...perCall.map((pc) => [
      `SDK CPU per call ≤ 1.3× plain fetch's (${pc.server})`,
      verdict(pc.cpuVsFetch <= 1.3),
      `${ratio(pc.cpuVsFetch)} (${fmt(pc.sdkCall.cpu.median)} vs ${fmt(pc.fetchCall.cpu.median)} µs; +${fmt(pc.overheadUs)} µs = ${pct(pc.overheadUs / pc.roundTripUs)} of a ${fmt(pc.roundTripUs)} µs round trip${nominal(pc)})`,
    ]),
    [
      "cold import ≤ 2× openapi-fetch alone (same run)",
      verdict(coldRatio <= 2),
      `${ratio(coldRatio)} (${fmt(results.coldImport.get(CI_ESM).median, 1)} vs ${fmt(ciBase.median, 1)} ms, ESM)`,
    ],
    // One row per .size-limit.json entry: the budgets live there, not here.
    ...(results.sizeLimit.length > 0
      ? results.sizeLimit.map((s) => [`bundle within its size-limit budget: ${s.name}`, verdict(s.passed), `${fmt(s.size)} of ${fmt(s.sizeLimit)} B gzipped`])
      : [["bundle within the size-limit budget", "MISS", "size-limit did not run"]]),
    ["no heap growth over 10 000 calls", verdict(growthPerCall < 64), `${fmt(growthPerCall, 1)} B per call over the second half (threshold 64 B)`],
  ];
  lines.push("", "### Targets", "");
  row("target", "result", "measured");
  row("---", "---", "---");
  for (const t of targets) row(...t);

  const cpus = os.cpus();
  const header = [
    "# Benchmark results",
    "",
    "Generated by `npm run bench` (scripts/bench.mjs); do not edit by hand.",
    "",
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ${os.platform()} ${os.release()}`,
    `- Node ${process.version}; load average (1 / 5 / 15 min) at the start ${loadText(loadAtStart)}, at the end ${loadText(os.loadavg())}${quick ? "; --quick run (fewer rounds)" : ""}`,
    "- per-call figures: medians over interleaved rounds (every client once per round, order rotated); the server is a separate process on 127.0.0.1; " +
      "client CPU is user + system time of the whole bench process, libuv threads included",
    "",
  ];
  return [...header, ...lines, ""].join("\n");
}
