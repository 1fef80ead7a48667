import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`): the in-process unit tests that import the
 * SDK runtime. Left out, because they cannot see a mutant or cannot run in Stryker's sandbox: contract-tests (need
 * the Prism global setup), test/package (build and run dist/), test/cli (spawn the CLI), test/docs, test/spec
 * (specs and scripts, not the runtime), test/architecture and test/size-budget (read source text, which Stryker
 * instruments).
 */
export default defineConfig({
  test: {
    include: [
      "test/auth/**/*.test.ts",
      "test/internal/**/*.test.ts",
      "test/services/**/*.test.ts",
      "test/wait/**/*.test.ts",
      "test/validation/**/*.test.ts",
      "test/emulator/**/*.test.ts",
      "test/errors.test.ts",
      "test/options.test.ts",
      "test/secrets.test.ts",
    ],
    testTimeout: 30_000,
  },
});
