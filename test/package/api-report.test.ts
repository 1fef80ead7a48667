// The checked-in API reports (review/*.api.md) must match the built declarations: any change to the public API
// shows in review as a diff of the report. `npm run api:report` regenerates them.
import { existsSync } from "node:fs";
import { Extractor, ExtractorConfig, type ExtractorMessage } from "@microsoft/api-extractor";
import { beforeAll, describe, expect, it } from "vitest";
import { at, ensureBuilt, hasEmulator } from "./helpers.js";

beforeAll(ensureBuilt, 420_000);

const reports = [
  { name: "root entry", config: "api-extractor.json", report: "review/hwc-gateways.api.md", present: () => true },
  { name: "emulator subpath", config: "api-extractor.emulator.json", report: "review/hwc-gateways-emulator.api.md", present: hasEmulator },
];

describe("API report", () => {
  for (const { name, config, report, present } of reports) {
    it(`${report} is current (${name})`, (ctx) => {
      if (!present()) return ctx.skip(`${name} is not built (its source does not exist)`);
      expect(existsSync(at(report)), `${report} is missing: run npm run api:report and commit it`).toBe(true);
      const prepared = ExtractorConfig.loadFileAndPrepare(at(config));
      // Production mode: writes the would-be report to .tmp/api-report/ and flags any difference from review/.
      const messages: string[] = [];
      const result = Extractor.invoke(prepared, {
        localBuild: false,
        messageCallback(m: ExtractorMessage) {
          if (m.logLevel === "error" || m.logLevel === "warning") messages.push(`${m.logLevel} ${m.messageId}: ${m.text}`);
          m.handled = true; // keep vitest's output quiet; failures are reported below
        },
      });
      expect(result.apiReportChanged, `${report} is stale: run npm run api:report and commit the diff`).toBe(false);
      expect(messages).toEqual([]);
      expect(result.succeeded).toBe(true);
    }, 60_000);
  }
});
