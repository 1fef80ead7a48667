// The task guides' code is real: every ```ts block of docs/guides/*.md type-checks against the current src/ (as the
// package `hwc-gateways` and `hwc-gateways/emulator`), and every guide is one of typedoc.json's project documents.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const guidesDir = path.join(root, "docs", "guides");
const guides = readdirSync(guidesDir).filter((f) => f.endsWith(".md") && f !== "README.md");

/** The ```ts blocks of a Markdown file, a list item's indentation removed. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map(([, indent = "", body = ""]) =>
    body
      .split("\n")
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join("\n"),
  );
}

describe("task guides", () => {
  it("finds indented blocks too", () => {
    expect(tsBlocks("- a\n\n  ```ts\n  const x = 1;\n  ```\n")).toEqual(["const x = 1;\n"]);
  });

  it("every guide is rendered (a project document of typedoc.json) and has a title", () => {
    const { projectDocuments } = JSON.parse(readFileSync(path.join(root, "typedoc.json"), "utf8")) as { projectDocuments: string[] };
    expect(guides.length).toBe(7);
    expect([...projectDocuments].sort()).toEqual(guides.map((g) => `docs/guides/${g}`).sort());
    for (const g of guides) expect(readFileSync(path.join(guidesDir, g), "utf8"), g).toMatch(/^---\ntitle: .+\n/);
  });

  it("every TypeScript block of every guide type-checks against src/", () => {
    const dir = path.join(root, ".tmp", "guides-check");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    let blocks = 0;
    for (const g of guides) {
      const found = tsBlocks(readFileSync(path.join(guidesDir, g), "utf8"));
      expect(found.length, `${g} shows code`).toBeGreaterThan(0);
      for (const [i, code] of found.entries()) {
        writeFileSync(path.join(dir, `${g.replace(/\.md$/, "")}-${i}.ts`), `${code}\nexport {};\n`);
        blocks++;
      }
    }
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        compilerOptions: {
          noEmit: true,
          baseUrl: ".",
          paths: { "hwc-gateways": ["../../src/index.ts"], "hwc-gateways/emulator": ["../../src/emulator/index.ts"] },
        },
        include: ["*.ts"],
      }),
    );
    let output = "";
    try {
      execFileSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(dir, "tsconfig.json")], {
        cwd: root,
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    console.log(`guides: ${blocks} TypeScript blocks of ${guides.length} guides type-checked`);
    expect(output).toBe("");
    expect(blocks).toBeGreaterThanOrEqual(guides.length);
  }, 120_000);
});
