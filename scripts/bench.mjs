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
//
// Each section lives in its own module beside this one (bench-per-call.mjs, bench-signing-rate.mjs,
// bench-cold-import.mjs, bench-bundle-size.mjs; the report in bench-report.mjs); this script builds dist/, runs them
// in that order and writes the report.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { measureBundleSize } from "./bench-bundle-size.mjs";
import { measureColdImport } from "./bench-cold-import.mjs";
import { measurePerCall } from "./bench-per-call.mjs";
import { renderReport } from "./bench-report.mjs";
import { measureSigning } from "./bench-signing-rate.mjs";
import { fmt } from "./bench-stats.mjs";

const root = path.resolve(import.meta.dirname, "..");

// Memory figures need forced GCs: re-run this script with --expose-gc.
if (typeof globalThis.gc !== "function") {
  const r = spawnSync(process.execPath, ["--expose-gc", import.meta.filename, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}
const gc = /** @type {() => void} */ (globalThis.gc);

const QUICK = process.argv.includes("--quick");
const started = Date.now();
// The machine may be busy with other work: the load at both ends goes into the report.
const loadAtStart = os.loadavg();

// dist/ is built first when it is missing or older than the sources.
const distIndex = path.join(root, "dist", "index.js");
{
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs"), "--if-stale"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const sdk = await import(pathToFileURL(distIndex).href);

const results = {
  // 1. per call, and 5. memory against the first (immediate) server
  ...(await measurePerCall(sdk, { quick: QUICK, gc })),
  // 2. signing rate
  signing: await measureSigning(sdk, { quick: QUICK }),
  // 3. cold import
  ...measureColdImport(distIndex, { quick: QUICK }),
  // 4. bundle size
  ...(await measureBundleSize(distIndex)),
};

const text = renderReport(results, { quick: QUICK, loadAtStart });
mkdirSync(path.join(root, "bench"), { recursive: true });
writeFileSync(path.join(root, "bench", "results.md"), text);
console.log(`\n${text}`);
console.log(`bench: done in ${fmt((Date.now() - started) / 1000, 1)} s; wrote bench/results.md`);
