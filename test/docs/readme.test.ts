// The README as a reader meets it: every Markdown table is well formed (a broken copy once gave a table 8 header
// columns, 10 separator columns and rows from another table), and no two tables are the same rows under
// different captions; every ```ts block type-checks against the public exports as the samples do
// (test/docs/typecheck.ts), the self-contained ones also run; every `hwgw` line names a real command and flags.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { prepareSamples } from "./sample-runner.js";
import { typecheckSamples } from "./typecheck.js";

const readme = readFileSync(path.resolve(import.meta.dirname, "..", "..", "README.md"), "utf8");

interface Table {
  line: number;
  rows: string[][];
}

/** Splits a table row into cells, ignoring the outer pipes and escaped `\|`. */
function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => c.trim());
}

function tables(text: string): Table[] {
  const out: Table[] = [];
  let inFence = false;
  let current: Table | undefined;
  text.split("\n").forEach((raw, i) => {
    if (/^\s*```/.test(raw)) inFence = !inFence;
    const isRow = !inFence && /^\s*\|.*\|\s*$/.test(raw);
    if (isRow) {
      current ??= { line: i + 1, rows: [] };
      current.rows.push(cells(raw));
    } else if (current) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

describe("README tables", () => {
  const all = tables(readme);

  it("finds the tables", () => {
    expect(all.length).toBeGreaterThan(5);
  });

  it.each(all.map((t) => [t.line, t] as const))("the table at line %i has a separator and the same column count in every row", (_line, t) => {
    const [header, separator, ...body] = t.rows;
    expect(
      separator?.every((c) => /^:?-{3,}:?$/.test(c)),
      "second row is the separator",
    ).toBe(true);
    for (const row of [separator, ...body]) expect(row?.length).toBe(header?.length);
  });

  it("no two tables share their body rows", () => {
    const bodies = all.map((t) => JSON.stringify(t.rows.slice(2)));
    expect(new Set(bodies).size).toBe(bodies.length);
  });
});

interface Block {
  /** README line of the opening fence. */
  line: number;
  lang: string;
  source: string;
}

function fencedBlocks(text: string): Block[] {
  const out: Block[] = [];
  let open: Block | undefined;
  text.split("\n").forEach((raw, i) => {
    const fence = /^```(\S*)\s*$/.exec(raw);
    if (fence && !open) open = { line: i + 1, lang: fence[1] ?? "", source: "" };
    else if (fence && open) {
      out.push(open);
      open = undefined;
    } else if (open) open.source += `${raw}\n`;
  });
  return out;
}

/**
 * What a fragment takes from the text around it: declared (never implemented), so the block itself is what is
 * checked. Keyed by the block's first line; a block not listed here must stand alone.
 */
const CONTEXT: Record<string, string> = {
  "const job = await apig.deregisterIngressIps(gatewayId, body);": [
    'import type { ApigClient, IngressIpsRequest } from "hwc-gateways";',
    "declare const apig: ApigClient;",
    "declare const gatewayId: string;",
    "declare const body: IngressIpsRequest;",
  ].join("\n"),
  "const state = JSON.stringify(job.waitState()); // operation, ids, expected end state, start time, endpoint; no secrets": [
    'import { createApigClient, type ApigClientOptions, type IngressIpsJobHandle } from "hwc-gateways";',
    "declare const job: IngressIpsJobHandle;",
    "declare const options: ApigClientOptions;",
  ].join("\n"),
};

describe("README TypeScript blocks", () => {
  const blocks = fencedBlocks(readme).filter((b) => b.lang === "ts" || b.lang === "typescript");
  const firstLine = (b: Block) => b.source.split("\n")[0] ?? "";
  const preludeOf = (b: Block) => CONTEXT[firstLine(b)] ?? "";
  const files = Object.fromEntries(blocks.map((b) => [`readme-${b.line}.ts`, `${preludeOf(b)}\nexport {};\n${b.source}`]));
  // The same check on a copy of the first block with a method renamed: it must fail, or the blocks are not checked.
  const first = blocks[0];
  if (first) files["readme-broken.ts"] = first.source.replace("deregisterIngressIps", "deregisterIngressIp");
  const { diagnostics } = typecheckSamples(files);
  const problems = (name: string) => [...diagnostics].find(([f]) => path.basename(f) === name)?.[1];

  it("finds the blocks, and every fragment's context belongs to a block that exists", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const key of Object.keys(CONTEXT)) expect(blocks.map(firstLine), key).toContain(key);
  });

  it.each(blocks.map((b) => [b.line, b] as const))("the block at line %i type-checks", (_line, b) => {
    const offset = preludeOf(b).split("\n").length + 1;
    const shown = (problems(`readme-${b.line}.ts`) ?? ["not checked"]).map((d) =>
      d.replace(/^(\d+):/, (_m, l: string) => `README line ${b.line + Number(l) - offset}:`),
    );
    expect(shown).toEqual([]);
  });

  it("the check bites: a renamed method in a block is an error", () => {
    expect(problems("readme-broken.ts")?.join("\n")).toMatch(/TS2551 Property 'deregisterIngressIp' does not exist on type 'ApigClient'/);
  });

  it("the block that starts its own emulator runs as it is", async () => {
    const block = blocks.find((b) => b.source.includes('from "hwc-gateways/emulator"'));
    expect(block).toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), "hwgw-readme-"));
    const file = path.join(dir, "block.ts");
    writeFileSync(file, `${block?.source ?? ""}console.log("block done");\n`);
    const toolbox = await prepareSamples([file]);
    try {
      const run = await toolbox.runTs(file, { PATH: process.env.PATH ?? "" });
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe("block done\n");
      expect(run.code).toBe(0);
    } finally {
      toolbox.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("README hwgw lines", () => {
  const lines = fencedBlocks(readme)
    .filter((b) => b.lang === "sh")
    .flatMap((b) => b.source.split("\n"))
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l.startsWith("hwgw "));

  it("finds them", () => {
    expect(lines.length).toBeGreaterThanOrEqual(7);
  });

  // --help after the line: the command must exist and accept every flag shown (parsing is strict), nothing is sent.
  it.each(lines)("%s", async (line) => {
    let stdout = "";
    let stderr = "";
    const write = (to: "out" | "err") => (s: string) => {
      if (to === "out") stdout += s;
      else stderr += s;
      return true;
    };
    const io = { stdout: { write: write("out") }, stderr: { write: write("err") }, env: {} };
    const words = line.split(/\s+/).slice(1);
    const code = await main([...words, "--help"], io as unknown as Parameters<typeof main>[1], new AbortController().signal);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(`hwgw ${words.filter((w) => !w.startsWith("-"))[0] ?? ""}`);
  });
});
