// The README as a reader meets it: every Markdown table is well formed (a broken copy once gave a table 8 header
// columns, 10 separator columns and rows from another table), and no two tables are the same rows under
// different captions.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

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
    expect(separator?.every((c) => /^:?-{3,}:?$/.test(c)), "second row is the separator").toBe(true);
    for (const row of [separator, ...body]) expect(row?.length).toBe(header?.length);
  });

  it("no two tables share their body rows", () => {
    const bodies = all.map((t) => JSON.stringify(t.rows.slice(2)));
    expect(new Set(bodies).size).toBe(bodies.length);
  });
});
