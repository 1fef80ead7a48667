// The bundle budgets in .size-limit.json, one per client and one for every export: the ESM root entry with what
// each imports (openapi-fetch included), bundled by esbuild, minified and gzipped, as a consumer's bundler would
// ship it. A budget is the last measured size plus a little headroom (a ratchet: growth fails here); issue 16's
// goals are printed beside the figures, met or missed.
import { readFileSync } from "node:fs";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { at, bin, ensureBuilt, run } from "./helpers.js";

beforeAll(ensureBuilt, 420_000);

interface SizeCheck {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}

/**
 * What each entry imports, and issue 16's goal for it in bytes (gzip): a client of one service (with the signer it
 * is most often used with) at most 12 kB, every export at most 18 kB.
 */
const GOALS: Record<string, number> = {
  "{ createApigClient, akskAuth }": 12_000,
  "{ createDdsClient, akskAuth }": 12_000,
  "{ createIamClient }": 12_000,
  "*": 18_000,
};

describe("size budget", () => {
  it("every .size-limit.json check passes: one per client and one for every export (figures printed)", async (ctx) => {
    const configured = JSON.parse(readFileSync(at(".size-limit.json"), "utf8")) as Array<{
      name: string;
      path: string;
      import?: string;
      gzip?: boolean;
      limit: string;
    }>;
    expect(configured.map((c) => c.import)).toEqual(Object.keys(GOALS));
    for (const c of configured) {
      expect(c.gzip, `${c.name}: measure gzip, as the README reports`).toBe(true);
      expect(c.path, `${c.name}: measure what consumers import`).toBe("dist/index.js");
    }
    const r = await run(bin("size-limit"), ["--json"], { timeoutMs: 60_000 });
    const checks = JSON.parse(r.stdout) as SizeCheck[];
    expect(checks.map((c) => c.name)).toEqual(configured.map((c) => c.name));
    const lines = checks.map((c, i) => {
      const goal = GOALS[configured[i]?.import ?? ""] ?? 0;
      const verdict = c.size <= goal ? "met" : `missed by ${c.size - goal} B`;
      return `${c.name}: ${c.size} B of the ${c.sizeLimit} B budget; goal ${goal} B ${verdict}`;
    });
    console.log(`bundle sizes:\n  ${lines.join("\n  ")}`);
    ctx.annotate(lines.join("; "));
    for (const c of checks) expect(c, `${c.name}: ${c.size} B is over the ${c.sizeLimit} B budget`).toMatchObject({ passed: true });
    expect(r.status).toBe(0);
  }, 90_000);

  // Each of the SDK's own IAM uses builds its client over the operations it sends, so a bundle keeps the validators
  // of the uses it holds: an APIG client with AK/SK discovers its project (KeystoneListProjects) and its default
  // chain may federate (CreateTokenWithIdToken, CreateTemporaryAccessKeyByToken), but nothing in it asks for a token
  // with a password.
  it.each([
    ["{ createApigClient, akskAuth }", ["KeystoneListProjects", "CreateTokenWithIdToken", "CreateTemporaryAccessKeyByToken"], ["CreateTokenByPassword"]],
    ["{ createIamClient }", ["KeystoneListProjects", "CreateTokenByPassword", "CreateTokenWithIdToken", "CreateTemporaryAccessKeyByToken"], []],
    ["{ passwordAuth }", ["CreateTokenByPassword"], ["KeystoneListProjects", "CreateTokenWithIdToken", "CreateTemporaryAccessKeyByToken"]],
  ])("a bundle of %s holds the IAM validators of the operations it can send, and only those", async (imports, kept, dropped) => {
    const r = await build({
      stdin: { contents: `export ${imports} from ${JSON.stringify(at("dist", "index.js"))};`, resolveDir: at(), loader: "js" },
      bundle: true,
      minify: true,
      write: false,
      format: "esm",
      platform: "browser",
      logLevel: "silent",
    });
    const code = r.outputFiles[0]?.text ?? "";
    const validators = (ids: string[]) => ids.filter((id) => code.includes(`/schemas/operations/${id}"`));
    expect(validators(kept)).toEqual(kept);
    expect(validators(dropped)).toEqual([]);
  });
});
