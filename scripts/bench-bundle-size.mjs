// Section 4 of scripts/bench.mjs: bundle size, esbuild, minified, gzipped (level 9), everything bundled
// (openapi-fetch, axios, lodash, …), and every entry .size-limit.json lists, against its budget.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);

/** Returns the esbuild bundles (`bundle`) and size-limit's JSON answer (`sizeLimit`, empty when it did not run). */
export async function measureBundleSize(distIndex) {
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
  const results = {};
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
  return results;
}
