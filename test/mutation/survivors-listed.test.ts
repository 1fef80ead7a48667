import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { equivalentKeys, gapsSection, summarise, withSection } from "../../scripts/mutation-survivors.mjs";

const report = JSON.parse(readFileSync(new URL("./stryker-incremental.json", import.meta.url), "utf8"));
const markdown = readFileSync(new URL("./equivalent-mutants.md", import.meta.url), "utf8");

describe("test/mutation/equivalent-mutants.md", () => {
  const summary = summarise(report);
  const equivalents: Set<string> = equivalentKeys(markdown);

  it("lists every survivor of the committed incremental report (node scripts/mutation-survivors.mjs --write)", () => {
    expect(withSection(markdown, gapsSection(summary, equivalents))).toBe(markdown);
  });

  it("has no Equivalent row for a mutant that is killed or gone", () => {
    const surviving = new Set(summary.files.flatMap((f: { survivors: { key: string }[] }) => f.survivors.map((s) => s.key)));
    expect([...equivalents].filter((key) => !surviving.has(key))).toEqual([]);
  });

  it("covers exactly the files stryker.config.mjs mutates", async () => {
    const { default: config } = await import(new URL("../../stryker.config.mjs", import.meta.url).href);
    const patterns = config.mutate as string[];
    const toRegExp = (glob: string) =>
      new RegExp(
        `^${glob
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replaceAll("**/", "\0")
          .replaceAll("*", "[^/]*")
          .replaceAll("\0", "(?:.*/)?")}$`,
      );
    const include = patterns.filter((p) => !p.startsWith("!")).map(toRegExp);
    const exclude = patterns.filter((p) => p.startsWith("!")).map((p) => toRegExp(p.slice(1)));
    const sources = (readdirSync("src", { recursive: true }) as string[]).map((f) => `src/${f.replaceAll("\\", "/")}`);
    const inScope = sources.filter((f) => include.some((r) => r.test(f)) && !exclude.some((r) => r.test(f)));
    expect(Object.keys(report.files).sort()).toEqual(inScope.sort());
  });
});
