// Config of `npm run bench:wait` (scripts/bench-wait.mjs): runs the wait benchmark, which is not a test and is
// kept out of `npm test` (vitest.config.ts only includes `*.test.ts`).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/bench/**/*.run.ts"],
    // forced GCs make the heap figures comparable
    execArgv: ["--expose-gc"],
    testTimeout: 300_000,
  },
});
