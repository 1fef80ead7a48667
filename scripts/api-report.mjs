// `npm run api:report`: builds (when dist/ is stale), then regenerates the API reports in review/ with API Extractor (local mode, which
// copies a changed report into place). Commit the result: every change to the public API shows in review.
//   review/hwc-gateways.api.md            the root entry (dist/index.d.ts)
//   review/hwc-gateways-emulator.api.md   the `hwc-gateways/emulator` subpath, when it is built
// `--check` only compares (production mode: a stale or missing report fails), `--no-build` skips the build.
// test/package/api-report.test.ts runs the same check in `npm test`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";

const root = path.resolve(import.meta.dirname, "..");
const args = new Set(process.argv.slice(2));
const check = args.has("--check");

if (!args.has("--no-build")) {
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs"), "--if-stale"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const reports = [
  { config: "api-extractor.json", entry: "dist/index.d.ts" },
  { config: "api-extractor.emulator.json", entry: "dist/emulator.d.ts" },
];
let failed = false;
for (const { config, entry } of reports) {
  if (!existsSync(path.join(root, entry))) {
    console.log(`api:report: ${entry} not built; skipping ${config}`);
    continue;
  }
  const prepared = ExtractorConfig.loadFileAndPrepare(path.join(root, config));
  const result = Extractor.invoke(prepared, { localBuild: !check, showVerboseMessages: false, printApiReportDiff: check });
  const name = prepared.reportConfigs.map((r) => path.relative(root, path.join(prepared.reportFolder, r.fileName))).join(", ");
  if (!result.succeeded) {
    failed = true;
    console.error(
      `api:report: ${name}: ${result.errorCount} error(s), ${result.warningCount} warning(s)${result.apiReportChanged ? "; the report is stale (run npm run api:report)" : ""}`,
    );
  } else {
    console.log(`api:report: ${name} ${result.apiReportChanged ? "updated" : "up to date"}`);
  }
}
process.exit(failed ? 1 : 0);
