import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Off by default so targeted runs stay fast; `npm test` (scripts/test.mjs) turns it on and the thresholds
    // below fail the run. The whole suite (unit + contract) reached lines 92.4 %, branches 88.3 % (statements
    // 91.1 %, functions 90.3 %) in the fresh-clone CI run of 2026-12-07; the thresholds sit a little under so
    // timing-dependent branches do not flake CI. src/cli/ runs in child processes in its tests, which v8 coverage
    // does not see: that is most of the gap. Raise the thresholds when the figures rise.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: "coverage",
      // The summary is worth seeing also when a test fails.
      reportOnFailure: true,
      thresholds: { lines: 91, branches: 87 },
    },
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          setupFiles: ["test/helpers/loopback-only.ts", "test/helpers/validators-loaded.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "contract",
          include: ["contract-tests/**/*.test.ts"],
          globalSetup: ["contract-tests/global-setup.ts"],
          setupFiles: ["test/helpers/loopback-only.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
