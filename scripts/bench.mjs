// `npm run bench`: this SDK against bare openapi-fetch, plain fetch and the official Huawei Cloud Node.js core, side
// by side in one run, against a loopback node:http server (a child process, so its work is not counted as the
// client's). Prints medians with their spread (p25–p75) and ratios, checks the issue's targets (PASS/MISS) and
// writes the table to bench/results.md. Not a test: timings depend on the machine and its load.
//
//   node scripts/bench.mjs [--quick]     --quick: fewer rounds, for a smoke run
//
// What is measured:
// - per call: a GET of one gateway (ShowInstance) as wall time per call and client CPU per call (process-wide, so
//   the libuv threads doing Web Crypto count). This SDK signs with AK/SK and has retries on (the defaults);
// - signing: signatures per second, `signRequest` (node:crypto when the runtime has it, else Web Crypto) vs the official `AKSKSigner.sign` (sync
//   node:crypto), on the same request, neither given a date (both read the clock);
// - cold import: a fresh `node` per run timing only the import (ESM `import()` of dist/index.js, `require` of the
//   official core's ClientBuilder + HcClient + BasicCredentials, which real service clients load);
// - bundle size: esbuild, minified, gzipped (level 9), everything bundled (openapi-fetch, axios, lodash, …);
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
// The loopback server: a child process answering every request with the spec's ShowInstance example. It exits when
// this process closes its stdin, so it cannot outlive the bench.

const SERVER = `
const http = require("node:http");
const body = JSON.stringify({
  id: "${INSTANCE}", instance_name: "apig-nlb-prod", status: "Running", instance_status: 6, loadbalancer_provider: "elb",
  ingress_ip: "192.0.2.10", ingress_ip_v6: "2001:db8::10",
  publicips: [{ ip_address: "198.51.100.7", ipv6_address: "2001:db8::7", bandwidth_size: 5 }],
  privateips: [{ ip_address: "192.0.2.10", ipv6_address: "2001:db8::10" }], unreliable_ips: [], cbc_operation_locks: [],
});
let n = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-request-id": "bench-" + ++n }).end(body));
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
process.stdin.resume();
process.stdin.on("end", () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

async function startServer() {
  const child = spawn(process.execPath, ["-e", SERVER], { stdio: ["pipe", "pipe", "inherit"] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").once("data", (d) => resolve(Number(String(d).trim())));
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
  const stop = () => new Promise((resolve) => {
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
  return new Map([...out].map(([name, v]) => [name, { wall: stats(v.wall), cpu: stats(v.cpu) }]));
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Per-call cost

const server = await startServer();
process.on("exit", () => server.child.exitCode === null && server.child.kill("SIGKILL"));
const results = {};
try {
  const url = server.url;
  const expectRunning = (status, who) => {
    if (status !== "Running") throw new Error(`${who}: unexpected answer ${JSON.stringify(status)}`);
  };

  const apig = sdk.createApigClient({ projectId: PROJECT, endpoint: url, auth: sdk.akskAuth({ accessKeyId: AK, secretAccessKey: SK }) });
  const bare = createClient({ baseUrl: url });
  const bareSigned = createClient({ baseUrl: url });
  bareSigned.use({
    async onRequest({ request }) {
      const added = await sdk.signRequest({ method: request.method, url: request.url, headers: request.headers, body: null }, { accessKeyId: AK, secretAccessKey: SK });
      for (const [k, v] of Object.entries(added)) request.headers.set(k, v);
      return request;
    },
  });
  const official = new ClientBuilder((c) => c)
    .withCredential(new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT))
    .withEndpoint(url)
    .build();
  const path_ = { project_id: PROJECT, instance_id: INSTANCE };
  const ROUTE = "/v2/{project_id}/apigw/instances/{instance_id}";

  const tasks = [
    { name: "hwc-gateways (AK/SK, retries on)", run: async () => expectRunning((await apig.getInstance(INSTANCE)).status, "sdk") },
    { name: "bare openapi-fetch (same types, no auth)", run: async () => expectRunning((await bare.GET(ROUTE, { params: { path: path_ } })).data?.status, "openapi-fetch") },
    { name: "openapi-fetch + signRequest middleware", run: async () => expectRunning((await bareSigned.GET(ROUTE, { params: { path: path_ } })).data?.status, "openapi-fetch+sign") },
    {
      name: "plain fetch (no auth)",
      run: async () => {
        const res = await fetch(`${url}/v2/${PROJECT}/apigw/instances/${INSTANCE}`, { headers: { accept: "application/json" } });
        expectRunning((await res.json()).status, "fetch");
      },
    },
    {
      name: "official core (ClientBuilder/HcClient, AK/SK)",
      run: async () =>
        expectRunning(
          (await official.sendRequest({ method: "GET", url: ROUTE, pathParams: { instance_id: INSTANCE }, queryParams: {}, headers: {}, contentType: "application/json" })).status,
          "official",
        ),
    },
  ];
  console.log(`bench: per-call cost (${tasks.length} clients, interleaved rounds)…`);
  results.perCall = await interleaved(tasks, QUICK ? { rounds: 5, batch: 50, warmup: 50 } : { rounds: 20, batch: 100, warmup: 300 });
  results.perCallNames = tasks.map((t) => t.name);

  // -------------------------------------------------------------------------------------------------------------
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
  results.memory = [
    await memory("hwc-gateways", () => apig.getInstance(INSTANCE)),
    await memory("official core", () => official.sendRequest({ method: "GET", url: ROUTE, pathParams: { instance_id: INSTANCE }, queryParams: {}, headers: {}, contentType: "application/json" })),
  ];
} finally {
  await server.stop();
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
  if (!/^SDK-HMAC-SHA256 /.test(ours.Authorization ?? ours.authorization) || !/^SDK-HMAC-SHA256 /.test(theirs.Authorization)) throw new Error("a signer produced no signature");
  const tasks = [
    { name: "signRequest (hwc-gateways)", run: () => sdk.signRequest({ method: "GET", url: signUrl, headers, body: null }, creds) },
    { name: "AKSKSigner.sign (official)", run: async () => AKSKSigner.sign({ endpoint: signUrl, method: "GET", headers: { ...headers }, queryParams: {} }, officialCred) },
  ];
  const r = await interleaved(tasks, QUICK ? { rounds: 5, batch: 500, warmup: 500 } : { rounds: 20, batch: 1_000, warmup: 2_000 });
  // µs per signature → signatures per second (per round, so the spread carries over).
  results.signing = new Map([...r].map(([name, v]) => [name, { wall: v.wall, rate: { median: 1e6 / v.wall.median, p25: 1e6 / v.wall.p75, p75: 1e6 / v.wall.p25 } }]));
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Cold import

{
  const runs = QUICK ? 3 : 7;
  console.log(`bench: cold import (${runs} fresh processes each)…`);
  const core = (p) => JSON.stringify(require.resolve(`@huaweicloud/huaweicloud-sdk-core/${p}`));
  const targets = [
    { name: "hwc-gateways (ESM import of dist/index.js)", args: ["--input-type=module", "-e", `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(distIndex).href)}); process.stdout.write(String(performance.now() - t));`] },
    { name: "hwc-gateways (CJS require of dist/index.cjs)", args: ["-e", `const t = performance.now(); require(${JSON.stringify(path.join(root, "dist", "index.cjs"))}); process.stdout.write(String(performance.now() - t));`] },
    { name: "openapi-fetch alone (ESM)", args: ["--input-type=module", "-e", `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(require.resolve("openapi-fetch")).href.replace(/index\.cjs$/, "index.mjs"))}); process.stdout.write(String(performance.now() - t));`] },
    { name: "official core (ClientBuilder + HcClient + BasicCredentials)", args: ["-e", `const t = performance.now(); require(${core("ClientBuilder")}); require(${core("HcClient")}); require(${core("auth/BasicCredentials")}); process.stdout.write(String(performance.now() - t));`] },
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
  results.coldImport = new Map([...samples].map(([k, v]) => [k, stats(v)]));
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Bundle size

{
  console.log("bench: bundle sizes…");
  const { build } = await import("esbuild");
  const core = (p) => JSON.stringify(require.resolve(`@huaweicloud/huaweicloud-sdk-core/${p}`));
  const bundle = async (name, contents, platform) => {
    const r = await build({ stdin: { contents, resolveDir: root, loader: "js" }, bundle: true, minify: true, write: false, format: platform === "node" ? "cjs" : "esm", platform, logLevel: "silent" });
    const code = r.outputFiles[0].contents;
    return { name, min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
  };
  results.bundle = [
    await bundle("hwc-gateways (all exports, with openapi-fetch)", `export * from ${JSON.stringify(distIndex)};`, "browser"),
    await bundle("hwc-gateways: createApigClient + akskAuth", `export { createApigClient, akskAuth } from ${JSON.stringify(distIndex)};`, "browser"),
    await bundle("openapi-fetch alone", `export * from "openapi-fetch";`, "browser"),
    await bundle("official core (ClientBuilder + HcClient + BasicCredentials)", `module.exports = [require(${core("ClientBuilder")}), require(${core("HcClient")}), require(${core("auth/BasicCredentials")})];`, "node"),
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

const pc = results.perCall;
const [SDK, BARE, BARE_SIGNED, FETCH, OFFICIAL] = results.perCallNames;
const sdkCall = pc.get(SDK);
const lines = [];
const row = (...cells) => lines.push(`| ${cells.join(" | ")} |`);

lines.push("### Per call: GET one gateway over loopback HTTP (µs per call)", "");
row("client", "wall median", "wall p25–p75", "client CPU median", "CPU p25–p75", "wall vs bare openapi-fetch", "wall vs hwc-gateways");
row("---", "---:", "---:", "---:", "---:", "---:", "---:");
for (const name of results.perCallNames) {
  const v = pc.get(name);
  row(name, fmt(v.wall.median), spread(v.wall), fmt(v.cpu.median), spread(v.cpu), ratio(v.wall.median / pc.get(BARE).wall.median), ratio(v.wall.median / sdkCall.wall.median));
}

lines.push("", "### Signing the same GET (signatures per second)", "");
row("signer", "median", "p25–p75", "µs per signature");
row("---", "---:", "---:", "---:");
for (const [name, v] of results.signing) row(name, fmt(v.rate.median), spread(v.rate), fmt(v.wall.median, 1));

lines.push("", "### Cold import in a fresh process (ms, import only)", "");
row("module", "median", "min–max", "runs");
row("---", "---:", "---:", "---:");
for (const [name, v] of results.coldImport) row(name, fmt(v.median, 1), `${fmt(v.min, 1)}–${fmt(v.max, 1)}`, v.n);

lines.push("", "### Bundle size (esbuild, minified; gzip level 9)", "");
row("bundle", "minified B", "gzipped B");
row("---", "---:", "---:");
for (const b of results.bundle) row(b.name, fmt(b.min), fmt(b.gzip));
for (const s of results.sizeLimit) row(`size-limit: ${s.name}`, "", `${fmt(s.size)} (budget ${fmt(s.sizeLimit)})`);

lines.push("", "### Memory: heapUsed after forced GC (KiB)", "");
row("client", "calls", "before", "after half", "after all", "growth over the second half");
row("---", "---:", "---:", "---:", "---:", "---:");
for (const m of results.memory) row(m.name, fmt(m.calls), fmt(m.before / 1024), fmt(m.half / 1024), fmt(m.after / 1024), `${fmt((m.after - m.half) / 1024)} KiB`);

// Targets from the issue (kept as budgets)
const sdkVsBare = sdkCall.wall.median / pc.get(BARE).wall.median;
const officialVsSdk = pc.get(OFFICIAL).wall.median / sdkCall.wall.median;
const sdkCpuVsBare = sdkCall.cpu.median / pc.get(BARE).cpu.median;
const officialCpuVsSdk = pc.get(OFFICIAL).cpu.median / sdkCall.cpu.median;
const signing = [...results.signing.values()];
const signRatio = signing[0].rate.median / signing[1].rate.median;
const ci = [...results.coldImport.values()];
const importRatio = ci[3].median / ci[0].median;
const bundleRatio = results.bundle[3].gzip / results.bundle[0].gzip;
const sdkMem = results.memory[0];
const growthPerCall = (sdkMem.after - sdkMem.half) / (sdkMem.calls / 2);
const verdict = (ok) => (ok ? "PASS" : "MISS");
const targets = [
  ["per call ≤ 1.15× bare openapi-fetch (wall)", verdict(sdkVsBare <= 1.15), `${ratio(sdkVsBare)} (client CPU: ${ratio(sdkCpuVsBare)})`],
  ["per call ≥ 3× cheaper than the official core (wall)", verdict(officialVsSdk >= 3), `${ratio(officialVsSdk)} cheaper (client CPU: ${ratio(officialCpuVsSdk)})`],
  ["signing ≥ 3× the official signer's rate", verdict(signRatio >= 3), `${ratio(signRatio)} the official rate`],
  ["cold import ≤ 1/5 of the official core", verdict(importRatio >= 5), `1/${fmt(importRatio, 1)} of the official core`],
  ["bundle within the size-limit budget", verdict(results.sizeLimit.length > 0 && results.sizeLimit.every((s) => s.passed)), `${results.sizeLimit.map((s) => `${fmt(s.size)} of ${fmt(s.sizeLimit)} B`).join(", ") || "size-limit did not run"}; 1/${fmt(bundleRatio, 1)} of the official core gzipped`],
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
  `- Node ${process.version}; load average at the end ${os.loadavg().map((l) => fmt(l, 2)).join(" / ")}${QUICK ? "; --quick run (fewer rounds)" : ""}`,
  `- per-call figures: median over ${pc.get(SDK).wall.n} interleaved rounds of ${QUICK ? 50 : 100} sequential calls each; the server is a separate process on 127.0.0.1`,
  "",
];
const text = [...header, ...lines, ""].join("\n");
mkdirSync(path.join(root, "bench"), { recursive: true });
writeFileSync(path.join(root, "bench", "results.md"), text);
console.log(`\n${text}`);
console.log(`bench: done in ${fmt((Date.now() - started) / 1000, 1)} s; wrote bench/results.md`);
