// The built package as consumers get it: layout, package.json fields, publint, are-the-types-wrong, the tarball's
// contents, ESM/CJS parity and browser safety of the root entry.
// The emulator subpath and the CLI are optional entries: checked when their sources exist. While
// src/emulator/index.ts does not exist, the `./emulator` export points at files the build cannot produce, and the
// findings about exactly that entry are set aside (each such test says so in its output).
import { rmSync, statSync, readFileSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, bin, ensureBuilt, expectedOutputs, hasCli, hasEmulator, pack, root, run, tempDir } from "./helpers.js";

interface PackageJson {
  name: string;
  type?: string;
  main?: string;
  module?: string;
  types?: string;
  typesVersions?: Record<string, Record<string, string[]>>;
  exports: Record<string, unknown>;
  files?: string[];
  sideEffects?: boolean;
  engines?: Record<string, string>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
}
const pkg = () => JSON.parse(readFileSync(at("package.json"), "utf8")) as PackageJson;

beforeAll(ensureBuilt, 420_000);

describe("dist layout", () => {
  it("has every entry the sources call for, and nothing but code and declarations", () => {
    for (const f of expectedOutputs()) expect(existsSync(at(f)), f).toBe(true);
    const files = readdirSync(at("dist"), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(at("dist"), path.join(e.parentPath, e.name)));
    for (const f of files) expect(f).toMatch(/\.(js|cjs|d\.ts|d\.cts)$/);
  });

  it("has a CLI with a shebang, executable, when src/cli/index.ts exists", (ctx) => {
    if (!hasCli()) return ctx.skip("src/cli/index.ts does not exist");
    const cli = at("dist", "cli.js");
    expect(readFileSync(cli, "utf8").split("\n", 1)[0]).toBe("#!/usr/bin/env node");
    expect(statSync(cli).mode & 0o111).not.toBe(0);
    expect(pkg().bin).toEqual({ hwgw: "./dist/cli.js" });
  });
});

describe("package.json", () => {
  it("declares a lean dual ESM/CJS package", () => {
    const p = pkg();
    expect(p.type).toBe("module");
    expect(p.sideEffects).toBe(false);
    expect(p.engines?.node).toMatch(/^>=20/);
    expect(p.files).toEqual(["dist"]);
    // The one runtime dependency; everything else is bundled or a devDependency.
    expect(Object.keys(p.dependencies ?? {})).toEqual(["openapi-fetch"]);
    expect(p.exports["."]).toEqual({
      import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
      require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
    });
    expect(p.exports["./emulator"]).toEqual({
      import: { types: "./dist/emulator.d.ts", default: "./dist/emulator.js" },
      require: { types: "./dist/emulator.d.cts", default: "./dist/emulator.cjs" },
    });
    expect(p.exports["./package.json"]).toBe("./package.json");
    // Fallbacks for tools that ignore `exports` (TypeScript's node10 resolution among them).
    expect([p.main, p.module, p.types]).toEqual(["./dist/index.cjs", "./dist/index.js", "./dist/index.d.cts"]);
    expect(p.typesVersions).toEqual({ "*": { emulator: ["./dist/emulator.d.cts"] } });
  });

  it("is publint-clean (strict)", async (ctx) => {
    const { messages } = await publint({ pkgDir: root, level: "suggestion", strict: true });
    const setAside = hasEmulator() ? [] : messages.filter((m) => m.path.includes("./emulator"));
    if (setAside.length) ctx.annotate(`set aside until src/emulator/index.ts exists: ${setAside.map((m) => `${m.code} at ${m.path.join(".")}`).join(", ")}`);
    expect(messages.filter((m) => !setAside.includes(m))).toEqual([]);
  }, 60_000);
});

describe("the packed tarball", () => {
  let dir: string;
  let tarball: string;
  beforeAll(async () => {
    dir = tempDir("pack");
    tarball = await pack(dir);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("holds dist/, package.json and the readme/licence only", async () => {
    const r = await run("tar", ["-tzf", tarball]);
    expect(r.status).toBe(0);
    const files = r.stdout
      .trim()
      .split("\n")
      .map((f) => f.replace(/^package\//, ""));
    for (const f of files) expect(f).toMatch(/^(dist\/.+|package\.json|README(\.md)?|LICEN[CS]E(\.md|\.txt)?)$/i);
    for (const f of expectedOutputs()) expect(files).toContain(f);
  });

  it("has no type problems in any resolution mode (are-the-types-wrong)", async (ctx) => {
    const r = await run(bin("attw"), [tarball, "--format", "json"], { timeoutMs: 90_000 });
    const { analysis } = JSON.parse(r.stdout) as {
      analysis: { entrypoints: Record<string, unknown>; problems: Array<{ kind: string; entrypoint?: string; resolutionKind?: string }> };
    };
    expect(Object.keys(analysis.entrypoints).sort()).toEqual([".", "./emulator", "./package.json"]);
    const setAside = hasEmulator() ? [] : analysis.problems.filter((p) => p.entrypoint === "./emulator");
    if (setAside.length) ctx.annotate(`set aside until src/emulator/index.ts exists: ${setAside.map((p) => `${p.kind} (${p.resolutionKind})`).join(", ")}`);
    expect(analysis.problems.filter((p) => !setAside.includes(p))).toEqual([]);
    if (!setAside.length) expect(r.status).toBe(0);
  }, 120_000);
});

describe("runtime shape", () => {
  it("exports the same names from the ESM and the CJS build", async () => {
    const script = `
      const esm = Object.keys(await import(${JSON.stringify(at("dist", "index.js"))})).sort();
      const { createRequire } = await import("node:module");
      const cjs = Object.keys(createRequire(import.meta.url)(${JSON.stringify(at("dist", "index.cjs"))})).sort();
      console.log(JSON.stringify({ esm, cjs }));`;
    const r = await run(process.execPath, ["--input-type=module", "-e", script]);
    expect(r.stderr).toBe("");
    const { esm, cjs } = JSON.parse(r.stdout) as { esm: string[]; cjs: string[] };
    expect(cjs).toEqual(esm);
    expect(esm).toEqual(expect.arrayContaining(["createApigClient", "createDdsClient", "createIamClient", "akskAuth", "signRequest", "ApiError"]));
  });

  it("bundles the root entry for browsers with no Node built-in", async () => {
    const result = await build({
      entryPoints: [at("dist", "index.js")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    }).catch((err: { errors?: Array<{ text: string }> }) => ({ failed: (err.errors ?? []).map((e) => e.text) }));
    if ("failed" in result) expect.fail(`esbuild could not bundle the entry for browsers:\n${result.failed.join("\n")}`);
    const inputs = Object.keys(result.metafile.inputs);
    const imports = Object.values(result.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
    expect([...inputs, ...imports].filter((p) => p.startsWith("node:"))).toEqual([]);
    expect(inputs.some((p) => p.includes("openapi-fetch"))).toBe(true);
    const code = result.outputFiles[0]?.text ?? "";
    expect(code).not.toMatch(/\brequire\(["']/);
    // No static import/export-from, side-effect import, dynamic import() or require() of a `node:` module. The
    // string "node:crypto" itself may appear: the signer asks `process.getBuiltinModule?.("node:crypto")` at run
    // time and falls back to Web Crypto where that does not exist (test/auth/signer-hash-backends.test.ts runs that fallback).
    for (const re of [/\bfrom\s*["']node:/, /\bimport\s*\(\s*["']node:/, /\brequire\s*\(\s*["']node:/, /^\s*import\s*["']node:/m]) {
      expect(code).not.toMatch(re);
    }
  });
});
