/**
 * Loading the transport module on a runtime without a global `Response` (it builds its answers lazily). Kept out of
 * Stryker's test set (vitest.stryker.config.ts): re-importing the module graph inside a test makes Stryker count
 * every module-level constant the transport imports as covered by this one test and judge those mutants by it alone.
 */
import { expect, it, vi } from "vitest";
import { levelFilteredLogger } from "../../src/options.js";

it("importing the transport needs no global Response", async () => {
  const saved = globalThis.Response;
  try {
    vi.resetModules();
    Reflect.deleteProperty(globalThis, "Response");
    const { createTransport } = await import("../../src/internal/transport.js");
    globalThis.Response = saved;
    const transport = createTransport({
      fetch: (async () => new Response("[1]", { headers: { "content-type": "application/json" } })) as typeof fetch,
      auth: undefined,
      projectId: undefined,
      maxRetries: 0,
      timeoutMs: 5_000,
      logger: levelFilteredLogger(undefined, "off"),
      userAgent: "hwc-gateways/test",
      operations: [],
    });
    expect(await (await transport("http://127.0.0.1:9/x", { method: "GET" })).json()).toEqual([1]);
  } finally {
    globalThis.Response = saved;
    vi.resetModules();
  }
});
