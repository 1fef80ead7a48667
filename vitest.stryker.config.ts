import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`): the in-process unit tests of the SDK
 * runtime. Left out: contract-tests (need the Prism global setup), test/package (build and run dist/), test/cli
 * (spawns the CLI), test/docs and test/spec (specs and scripts, not the runtime), test/architecture and
 * test/size-budget (read source text, which Stryker instruments), and test/emulator (drives the SDK end to end
 * through the emulator: slow per mutant, and the SDK's own tests cover the same code).
 */
export default defineConfig({
  test: {
    include: [
      "test/auth/**/*.test.ts",
      "test/internal/**/*.test.ts",
      "test/services/**/*.test.ts",
      "test/wait/**/*.test.ts",
      "test/validation/**/*.test.ts",
      "test/errors*.test.ts",
      "test/options*.test.ts",
      "test/secrets.test.ts",
    ],
    // throwaway-spec generates code in a child process in beforeAll: seconds per mutant it covers, for what the
    // operation-table tests already check in-process. transport-import re-imports the module graph inside a test, so
    // Stryker would judge every module-level constant of src/ by that one test alone (seen as survivors the rest of
    // the suite kills when applied by hand).
    exclude: ["test/internal/throwaway-spec.test.ts", "test/internal/transport-import.test.ts"],
    setupFiles: ["test/helpers/loopback-only.ts", "test/helpers/validators-loaded.ts"],
    testTimeout: 30_000,
  },
});
