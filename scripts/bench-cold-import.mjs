// Section 3 of scripts/bench.mjs: cold import, a fresh `node` per run timing only the import (ESM `import()` of
// dist/index.js and of openapi-fetch alone, in the same rounds; `require` of the official core's ClientBuilder +
// HcClient + BasicCredentials, which real service clients load).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { stats } from "./bench-stats.mjs";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);

/** Returns the samples and statistics per module (`coldImport`) and the modules in table order (`coldImportNames`). */
export function measureColdImport(distIndex, { quick }) {
  // Odd counts, so the median is one measured run; 21 because a busy machine spreads single runs widely.
  const runs = quick ? 3 : 21;
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
  return { coldImport: new Map([...samples].map(([k, v]) => [k, { ...stats(v), samples: v }])), coldImportNames: targets.map((t) => t.name) };
}
