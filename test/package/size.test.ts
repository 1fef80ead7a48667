// The bundle budget in .size-limit.json: the ESM root entry with everything it imports (openapi-fetch included),
// bundled by esbuild, minified and gzipped, as a consumer's bundler would ship it.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { at, bin, ensureBuilt, run } from "./helpers.js";

beforeAll(ensureBuilt, 420_000);

interface SizeCheck {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}

describe("size budget", () => {
  it("every .size-limit.json check passes", async (ctx) => {
    const configured = JSON.parse(readFileSync(at(".size-limit.json"), "utf8")) as Array<{ name: string; path: string; gzip?: boolean; limit: string }>;
    expect(configured.length).toBeGreaterThan(0);
    for (const c of configured) expect(c.gzip, `${c.name}: measure gzip, as the README reports`).toBe(true);
    const r = await run(bin("size-limit"), ["--json"], { timeoutMs: 60_000 });
    const checks = JSON.parse(r.stdout) as SizeCheck[];
    expect(checks.map((c) => c.name)).toEqual(configured.map((c) => c.name));
    ctx.annotate(checks.map((c) => `${c.name}: ${c.size} B of ${c.sizeLimit} B`).join("; "));
    for (const c of checks) expect(c, `${c.name}: ${c.size} B is over the ${c.sizeLimit} B budget`).toMatchObject({ passed: true });
    expect(r.status).toBe(0);
  }, 90_000);
});
