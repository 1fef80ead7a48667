// Signing rate only, straight from the sources (no dist/ build): `signRequest` on each hash backend it has
// (node:crypto, the fast path; Web Crypto, the browser/edge fallback) against the official
// `AKSKSigner.sign`, in one process, interleaved rounds. Takes a few seconds; `npm run bench` gives the full table.
//
//   node scripts/bench-signer.mjs [--rounds N] [--batch N]
//
// src/auth/signer.ts is bundled in memory with esbuild and imported from a data: URL. The request is the one
// scripts/bench.mjs signs (a GET of one APIG instance, no date given, so every signer reads the clock).
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg("--rounds", 15);
const BATCH = arg("--batch", 2_000);

const bundled = await build({
  entryPoints: [path.join(root, "src", "auth", "signer.ts")],
  bundle: true,
  format: "esm",
  platform: "neutral",
  write: false,
  logLevel: "silent",
});
const signer = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].contents).toString("base64")}`);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials");

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const AK = "BENCHAKEXAMPLE0000000";
const SK = "bench-secret-key-not-real-0000000000000000";
const url = `https://apig.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/apigw/instances/6a7d71827fd54572b1f31aa9548fcc81`;
const headers = { "X-Project-Id": PROJECT, "content-type": "application/json" };
const creds = { accessKeyId: AK, secretAccessKey: SK };
const officialCred = new BasicCredentials().withAk(AK).withSk(SK);
const request = () => ({ method: "GET", url, headers, body: null });

// The signer picks its hash backend on every call: node:crypto through process.getBuiltinModule, else Web Crypto,
// so hiding getBuiltinModule for a batch times the browser/edge fallback.
const getBuiltinModule = process.getBuiltinModule;
const onWebCrypto = async (fn) => {
  delete process.getBuiltinModule;
  try {
    return await fn();
  } finally {
    process.getBuiltinModule = getBuiltinModule;
  }
};
// Same request, fixed date: both backends must give the same header before they are timed.
const date = new Date("2026-01-01T00:00:00Z");
const viaNode = await signer.signRequest(request(), creds, { date });
const viaWeb = await onWebCrypto(() => signer.signRequest(request(), creds, { date }));
if (viaNode.Authorization !== viaWeb.Authorization) throw new Error(`backends disagree: ${JSON.stringify([viaNode, viaWeb])}`);
const tasks = [
  { name: "signRequest [node:crypto]", run: () => signer.signRequest(request(), creds) },
  { name: "signRequest [Web Crypto]", run: () => signer.signRequest(request(), creds), around: onWebCrypto },
];
tasks.push({
  name: "AKSKSigner.sign (official)",
  run: async () => AKSKSigner.sign({ endpoint: url, method: "GET", headers: { ...headers }, queryParams: {} }, officialCred),
});

const batch = async (t) => {
  for (let i = 0; i < BATCH; i++) await t.run();
};
const timed = (t) => (t.around ? t.around(() => batch(t)) : batch(t));
for (const t of tasks) await timed(t); // warm-up
const samples = new Map(tasks.map((t) => [t.name, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (let k = 0; k < tasks.length; k++) {
    const t = tasks[(k + r) % tasks.length];
    const t0 = process.hrtime.bigint();
    await timed(t);
    samples.get(t.name).push(Number(process.hrtime.bigint() - t0) / 1e3 / BATCH);
  }
}

const quantile = (s, q) => {
  const i = (s.length - 1) * q;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
};
const med = new Map([...samples].map(([n, v]) => [n, v.sort((a, b) => a - b)]));
const officialUs = quantile(med.get("AKSKSigner.sign (official)"), 0.5);
const fmt = (n, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(
  `Node ${process.version}, ${os.cpus()[0]?.model ?? "?"} ×${os.cpus().length}, load ${os
    .loadavg()
    .map((l) => fmt(l, 2))
    .join("/")}; ${ROUNDS} rounds × ${BATCH}`,
);
console.log("| signer | µs/signature (median) | p25–p75 µs | signatures/s | vs official |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const [name, s] of med) {
  const us = quantile(s, 0.5);
  console.log(`| ${name} | ${fmt(us, 2)} | ${fmt(quantile(s, 0.25), 2)}–${fmt(quantile(s, 0.75), 2)} | ${fmt(1e6 / us)} | ${fmt(officialUs / us, 2)}× |`);
}
