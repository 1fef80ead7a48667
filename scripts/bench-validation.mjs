// `node scripts/bench-validation.mjs [sizes…]`: how input validation scales with the number of invalid array items.
// Bundles src/ with esbuild into .tmp/ (no build of dist/ needed), then calls the APIG client's
// `deregisterIngressIps` with a body of N `elbs` that each break `minLength`, through the real validation path (no
// request is sent: the injected fetch fails the run if it is called). Prints the time per size and the ratio of each
// size's time to the smallest size's, next to the ratio of the sizes: linear work keeps the two close. Not part of
// `npm test` (tests never assert timing); the test in test/internal/validate.test.ts checks linearity by counting.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, ".tmp", "bench-validation");
mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, "index.mjs");
await build({
  entryPoints: [path.join(root, "src", "index.ts")],
  bundle: true,
  format: "esm",
  platform: "node",
  packages: "external",
  outfile,
  logLevel: "error",
});
const { createApigClient, tokenAuth, ValidationError } = await import(pathToFileURL(outfile).href);

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [10_000, 30_000, 100_000];
const client = createApigClient({
  region: "cn-north-4",
  projectId: "0123456789abcdef0123456789abcdef",
  auth: tokenAuth("bench-token"),
  maxRetries: 0,
  fetch: () => {
    throw new Error("validation let an invalid body through to fetch");
  },
});

async function once(n) {
  const body = { elbs: Array.from({ length: n }, (_, i) => ({ elb_id: `short-${i}` })) };
  const start = process.hrtime.bigint();
  try {
    await client.deregisterIngressIps("6a7d71827fd54572b1f31aa9548fcc81", body);
  } catch (e) {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (!(e instanceof ValidationError)) throw e;
    return { ms, issues: e.issues.length, total: e.totalIssues ?? e.issues.length, message: e.message.length };
  }
  throw new Error("an invalid body was accepted");
}

await once(100); // warm-up: compile the validator and the SDK's paths once
const rows = [];
for (const n of SIZES) {
  // Best of three: the least disturbed run is the closest to the work itself.
  const runs = [await once(n), await once(n), await once(n)];
  rows.push({ n, ...runs.reduce((a, b) => (b.ms < a.ms ? b : a)) });
}
const base = rows[0];
console.log("items     ms        issues  totalIssues  message chars  size ratio  time ratio");
for (const r of rows) {
  const cells = [
    String(r.n).padEnd(9),
    r.ms.toFixed(1).padEnd(9),
    String(r.issues).padEnd(7),
    String(r.total).padEnd(12),
    String(r.message).padEnd(14),
    (r.n / base.n).toFixed(1).padEnd(11),
    (r.ms / base.ms).toFixed(1),
  ];
  console.log(cells.join(" "));
}
