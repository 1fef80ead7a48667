// `npm run bench`: this SDK against bare openapi-fetch, plain fetch and the official Huawei Cloud Node.js core, side
// by side in one run, against node:http servers in a child process (scripts/bench-server.mjs, so their work is not
// counted as the client's): one answering at once over loopback, one answering after 5 ms, which stands in for a
// real service's latency. Prints medians with their spread (p25–p75) and ratios, checks issue 16's goals
// (PASS/MISS) and writes the tables to bench/results.md. Not a test: timings depend on the machine and its load.
//
//   node scripts/bench.mjs [--quick]     --quick: fewer rounds, for a smoke run
//
// What is measured:
// - per call: a GET of one gateway (ShowInstance) as wall time per call and client CPU per call (process-wide, so
//   the libuv threads doing crypto count), against each server. This SDK signs with AK/SK and has retries on (the
//   defaults). Its overhead is stated as CPU µs per call over plain fetch and as a share of the round trip;
// - signing: signatures per second, `signRequest` (node:crypto when the runtime has it, else Web Crypto) vs the
//   official `AKSKSigner.sign` (sync node:crypto), on the same request, neither given a date (both read the clock);
//   reported, not targeted;
// - cold import: a fresh `node` per run timing only the import (ESM `import()` of dist/index.js and of openapi-fetch
//   alone, in the same rounds; `require` of the official core's ClientBuilder + HcClient + BasicCredentials, which
//   real service clients load);
// - bundle size: esbuild, minified, gzipped (level 9), everything bundled (openapi-fetch, axios, lodash, …), and
//   every entry .size-limit.json lists, against its budget;
// - memory: heapUsed after forced GCs, before and after 10 000 calls.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);

// Memory figures need forced GCs: re-run this script with --expose-gc.
if (typeof globalThis.gc !== "function") {
  const r = spawnSync(process.execPath, ["--expose-gc", import.meta.filename, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}
const gc = /** @type {() => void} */ (globalThis.gc);

const QUICK = process.argv.includes("--quick");
const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const INSTANCE = "6a7d71827fd54572b1f31aa9548fcc81";
const AK = "BENCHAKEXAMPLE0000000";
const SK = "bench-secret-key-not-real-0000000000000000";
const started = Date.now();
// The machine may be busy with other work: the load at both ends goes into the report.
const loadAtStart = os.loadavg();
const loadText = (load) => load.map((l) => fmt(l, 2)).join(" / ");

// ---------------------------------------------------------------------------------------------------------------
// dist/ (built when missing or older than the sources)

// dist/ is built first when it is missing or older than the sources.
const distIndex = path.join(root, "dist", "index.js");
{
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs"), "--if-stale"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const sdk = await import(pathToFileURL(distIndex).href);
const { default: createClient } = await import("openapi-fetch");
const { ClientBuilder } = require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder");
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials");
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");

// ---------------------------------------------------------------------------------------------------------------
// The servers: scripts/bench-server.mjs in a child process (its work is not the client's), answering at once or
// after a delay. It exits when this process closes its stdin, so it cannot outlive the bench.

async function startServer(delayMs = 0) {
  const child = spawn(process.execPath, [path.join(root, "scripts", "bench-server.mjs"), "--delay-ms", String(delayMs)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  process.on("exit", () => child.exitCode === null && child.kill("SIGKILL"));
  const port = await new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").once("data", (d) => resolve(Number(String(d).trim())));
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(undefined);
      child.once("exit", resolve);
      child.stdin.end();
      setTimeout(() => child.kill("SIGKILL"), 2_000).unref();
    });
  return { url: `http://127.0.0.1:${port}`, stop, child };
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics

function quantile(sorted, q) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}
function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p25: quantile(s, 0.25), p75: quantile(s, 0.75), min: s[0], max: s[s.length - 1], n: s.length };
}
const fmt = (n, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const spread = (st, digits = 0) => `${fmt(st.p25, digits)}–${fmt(st.p75, digits)}`;
const ratio = (r) => `${r >= 10 ? fmt(r, 1) : fmt(r, 2)}×`;

/**
 * Runs each task `rounds` times, `batch` calls per round, rotating the order every round so drift in machine load
 * spreads over all of them. Returns per task: wall µs per call and CPU µs per call, one sample per round.
 */
async function interleaved(tasks, { rounds, batch, warmup }) {
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

// ---------------------------------------------------------------------------------------------------------------
// 1. Per-call cost, against an immediate loopback answer and against one that comes after DELAY_MS

const DELAY_MS = 5;
const ROUTE = "/v2/{project_id}/apigw/instances/{instance_id}";
const expectRunning = (status, who) => {
  if (status !== "Running") throw new Error(`${who}: unexpected answer ${JSON.stringify(status)}`);
};
const officialGet = (official) =>
  official.sendRequest({ method: "GET", url: ROUTE, pathParams: { instance_id: INSTANCE }, queryParams: {}, headers: {}, contentType: "application/json" });

/** The same GET through every client, all pointed at `url`. The first task is this SDK, the fourth plain fetch. */
function clientsFor(url) {
  const apig = sdk.createApigClient({ projectId: PROJECT, endpoint: url, auth: sdk.akskAuth({ accessKeyId: AK, secretAccessKey: SK }) });
  const bare = createClient({ baseUrl: url });
  const bareSigned = createClient({ baseUrl: url });
  bareSigned.use({
    async onRequest({ request }) {
      const added = await sdk.signRequest(
        { method: request.method, url: request.url, headers: request.headers, body: null },
        { accessKeyId: AK, secretAccessKey: SK },
      );
      for (const [k, v] of Object.entries(added)) request.headers.set(k, v);
      return request;
    },
  });
  const official = new ClientBuilder((c) => c).withCredential(new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT)).withEndpoint(url).build();
  const path_ = { project_id: PROJECT, instance_id: INSTANCE };
  const tasks = [
    { name: "hwc-gateways (AK/SK, retries on)", run: async () => expectRunning((await apig.getInstance(INSTANCE)).status, "sdk") },
    {
      name: "bare openapi-fetch (same types, no auth)",
      run: async () => expectRunning((await bare.GET(ROUTE, { params: { path: path_ } })).data?.status, "openapi-fetch"),
    },
    {
      name: "openapi-fetch + signRequest middleware",
      run: async () => expectRunning((await bareSigned.GET(ROUTE, { params: { path: path_ } })).data?.status, "openapi-fetch+sign"),
    },
    {
      name: "plain fetch (no auth)",
      run: async () => {
        const res = await fetch(`${url}/v2/${PROJECT}/apigw/instances/${INSTANCE}`, { headers: { accept: "application/json" } });
        expectRunning((await res.json()).status, "fetch");
      },
    },
    { name: "official core (ClientBuilder/HcClient, AK/SK)", run: async () => expectRunning((await officialGet(official)).status, "official") },
  ];
  return { tasks, apig, official };
}

const results = { perCall: [] };
{
  const server = await startServer(0);
  try {
    const { tasks, apig, official } = clientsFor(server.url);
    console.log(`bench: per-call cost over loopback (${tasks.length} clients, interleaved rounds)…`);
    const rounds = QUICK ? { rounds: 5, batch: 50, warmup: 50 } : { rounds: 20, batch: 100, warmup: 300 };
    results.perCall.push({ server: "loopback, immediate answer", delayMs: 0, ...rounds, names: tasks.map((t) => t.name), r: await interleaved(tasks, rounds) });

    // -----------------------------------------------------------------------------------------------------------
    // 5. Memory after 10 000 calls (same server; SDK and, for context, the official core)

    console.log("bench: memory over 10 000 calls…");
    const memory = async (name, call) => {
      const N = QUICK ? 2_000 : 10_000;
      for (let i = 0; i < 500; i++) await call();
      const heap = () => {
        gc();
        gc();
        return process.memoryUsage().heapUsed;
      };
      const before = heap();
      for (let i = 0; i < N / 2; i++) await call();
      const half = heap();
      for (let i = 0; i < N / 2; i++) await call();
      const after = heap();
      return { name, calls: N, before, half, after };
    };
    results.memory = [await memory("hwc-gateways", () => apig.getInstance(INSTANCE)), await memory("official core", () => officialGet(official))];
  } finally {
    await server.stop();
  }
}
{
  const server = await startServer(DELAY_MS);
  try {
    const { tasks } = clientsFor(server.url);
    console.log(`bench: per-call cost against a server answering after ${DELAY_MS} ms…`);
    // Each call now waits ≥ 5 ms, so fewer calls per round keep the section near half a minute.
    const rounds = QUICK ? { rounds: 5, batch: 10, warmup: 20 } : { rounds: 20, batch: 40, warmup: 50 };
    results.perCall.push({
      server: `loopback, answer after ${DELAY_MS} ms`,
      delayMs: DELAY_MS,
      ...rounds,
      names: tasks.map((t) => t.name),
      r: await interleaved(tasks, rounds),
    });
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Signing rate

{
  console.log("bench: signing rate…");
  const signUrl = `https://apig.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/apigw/instances/${INSTANCE}`;
  const headers = { "X-Project-Id": PROJECT, "content-type": "application/json" };
  const creds = { accessKeyId: AK, secretAccessKey: SK };
  const officialCred = new BasicCredentials().withAk(AK).withSk(SK);
  const ours = await sdk.signRequest({ method: "GET", url: signUrl, headers, body: null }, creds);
  const theirs = AKSKSigner.sign({ endpoint: signUrl, method: "GET", headers: { ...headers }, queryParams: {} }, officialCred);
  if (!/^SDK-HMAC-SHA256 /.test(ours.Authorization ?? ours.authorization) || !/^SDK-HMAC-SHA256 /.test(theirs.Authorization))
    throw new Error("a signer produced no signature");
  const tasks = [
    { name: "signRequest (hwc-gateways)", run: () => sdk.signRequest({ method: "GET", url: signUrl, headers, body: null }, creds) },
    {
      name: "AKSKSigner.sign (official)",
      run: async () => AKSKSigner.sign({ endpoint: signUrl, method: "GET", headers: { ...headers }, queryParams: {} }, officialCred),
    },
  ];
  const r = await interleaved(tasks, QUICK ? { rounds: 5, batch: 500, warmup: 500 } : { rounds: 20, batch: 1_000, warmup: 2_000 });
  // µs per signature → signatures per second (per round, so the spread carries over).
  results.signing = new Map(
    [...r].map(([name, v]) => [name, { wall: v.wall, rate: { median: 1e6 / v.wall.median, p25: 1e6 / v.wall.p75, p75: 1e6 / v.wall.p25 } }]),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Cold import

{
  // Odd counts, so the median is one measured run; 21 because a busy machine spreads single runs widely.
  const runs = QUICK ? 3 : 21;
  console.log(`bench: cold import (${runs} fresh processes each)…`);
  const core = (p) => JSON.stringify(require.resolve(`@huaweicloud/huaweicloud-sdk-core/${p}`));
  const targets = [
    {
      name: "hwc-gateways (ESM import of dist/index.js)",
      args: [
        "--input-type=module",
        "-e",
        `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(distIndex).href)}); process.stdout.write(String(performance.now() - t));`,
      ],
    },
    {
      name: "hwc-gateways (CJS require of dist/index.cjs)",
      args: [
        "-e",
        `const t = performance.now(); require(${JSON.stringify(path.join(root, "dist", "index.cjs"))}); process.stdout.write(String(performance.now() - t));`,
      ],
    },
    {
      name: "openapi-fetch alone (ESM)",
      args: [
        "--input-type=module",
        "-e",
        `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(require.resolve("openapi-fetch")).href.replace(/index\.cjs$/, "index.mjs"))}); process.stdout.write(String(performance.now() - t));`,
      ],
    },
    {
      name: "official core (ClientBuilder + HcClient + BasicCredentials)",
      args: [
        "-e",
        `const t = performance.now(); require(${core("ClientBuilder")}); require(${core("HcClient")}); require(${core("auth/BasicCredentials")}); process.stdout.write(String(performance.now() - t));`,
      ],
    },
  ];
  const samples = new Map(targets.map((t) => [t.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const t of targets) {
      const r = spawnSync(process.execPath, t.args, { cwd: root, encoding: "utf8" });
      const ms = Number(r.stdout);
      if (r.status !== 0 || !Number.isFinite(ms)) throw new Error(`cold import of ${t.name} failed:\n${r.stderr}`);
      samples.get(t.name).push(ms);
    }
  }
  results.coldImport = new Map([...samples].map(([k, v]) => [k, { ...stats(v), samples: v }]));
  results.coldImportNames = targets.map((t) => t.name);
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Bundle size

{
  console.log("bench: bundle sizes…");
  const { build } = await import("esbuild");
  const core = (p) => JSON.stringify(require.resolve(`@huaweicloud/huaweicloud-sdk-core/${p}`));
  const bundle = async (name, contents, platform) => {
    const r = await build({
      stdin: { contents, resolveDir: root, loader: "js" },
      bundle: true,
      minify: true,
      write: false,
      format: platform === "node" ? "cjs" : "esm",
      platform,
      logLevel: "silent",
    });
    const code = r.outputFiles[0].contents;
    return { name, min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
  };
  results.bundle = [
    await bundle("hwc-gateways (all exports, with openapi-fetch)", `export * from ${JSON.stringify(distIndex)};`, "browser"),
    await bundle("hwc-gateways: createApigClient + akskAuth", `export { createApigClient, akskAuth } from ${JSON.stringify(distIndex)};`, "browser"),
    await bundle("openapi-fetch alone", `export * from "openapi-fetch";`, "browser"),
    await bundle(
      "official core (ClientBuilder + HcClient + BasicCredentials)",
      `module.exports = [require(${core("ClientBuilder")}), require(${core("HcClient")}), require(${core("auth/BasicCredentials")})];`,
      "node",
    ),
  ];
  const sizeLimit = spawnSync(path.join(root, "node_modules", ".bin", "size-limit"), ["--json"], { cwd: root, encoding: "utf8" });
  try {
    results.sizeLimit = JSON.parse(sizeLimit.stdout);
  } catch {
    results.sizeLimit = [];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const lines = [];
const row = (...cells) => lines.push(`| ${cells.join(" | ")} |`);
/** Per-round ratios a[i] / b[i] (rounds ran back to back, so each pair shared the machine's load). */
const paired = (a, b) => stats(a.map((x, i) => x / b[i]));
const pct = (x) => `${fmt(x * 100, 1)} %`;
// On a busy machine the delayed server's timer fires late, so the share of the nominal delay is given as well.
const nominal = (pc) => (pc.delayMs > 0 ? `, ${pct(pc.overheadUs / (pc.delayMs * 1_000))} of the nominal ${pc.delayMs} ms` : "");

const perCall = results.perCall.map((pc) => {
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
});

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
const verdict = (ok) => (ok ? "PASS" : "MISS");
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
  `- Node ${process.version}; load average (1 / 5 / 15 min) at the start ${loadText(loadAtStart)}, at the end ${loadText(os.loadavg())}${QUICK ? "; --quick run (fewer rounds)" : ""}`,
  "- per-call figures: medians over interleaved rounds (every client once per round, order rotated); the server is a separate process on 127.0.0.1; " +
    "client CPU is user + system time of the whole bench process, libuv threads included",
  "",
];
const text = [...header, ...lines, ""].join("\n");
mkdirSync(path.join(root, "bench"), { recursive: true });
writeFileSync(path.join(root, "bench", "results.md"), text);
console.log(`\n${text}`);
console.log(`bench: done in ${fmt((Date.now() - started) / 1000, 1)} s; wrote bench/results.md`);
