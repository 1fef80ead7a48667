/**
 * Layer 6, breaking changes: `scripts/spec-diff.mjs` passes on the real specs against openapi/released/, and on
 * mutated copies in a temporary directory it fails for breaking changes without a major version bump (Redocly's
 * verdict, and our own check for renamed component schemas) and passes with one.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { REPO_ROOT } from "./lint-runner.js";
import type { Obj } from "../../scripts/spec-model.mjs";

const SCRIPT = path.join(REPO_ROOT, "scripts", "spec-diff.mjs");
const scratch = mkdtempSync(path.join(tmpdir(), "hwc-spec-diff-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runDiff(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, out }));
  });
}

const released = (name: string) => readFileSync(path.join(REPO_ROOT, "openapi", "released", `${name}.yaml`), "utf8");

/** base/<name>.yaml = the released spec; revision/<name>.yaml = it after `mutate`; returns the diff's result. */
let cases = 0;
async function diffAfter(name: string, mutate: (doc: Obj) => void): Promise<{ code: number; out: string }> {
  const dir = path.join(scratch, `case-${++cases}`);
  mkdirSync(path.join(dir, "base"), { recursive: true });
  mkdirSync(path.join(dir, "revision"));
  writeFileSync(path.join(dir, "base", `${name}.yaml`), released(name));
  const doc = parse(released(name)) as Obj;
  mutate(doc);
  writeFileSync(path.join(dir, "revision", `${name}.yaml`), stringify(doc, { lineWidth: 0 }));
  return runDiff(["--base", path.join(dir, "base"), "--revision", path.join(dir, "revision")]);
}

/** The released APIG version and the next major and minor, so these cases keep working after each release. */
const APIG_VERSION = String(((parse(released("apig")) as Obj).info as Obj).version);
const APIG_MAJOR = Number(APIG_VERSION.split(".")[0]);
const NEXT_MAJOR = `${APIG_MAJOR + 1}.0.0`;
const NEXT_MINOR = `${APIG_MAJOR}.${Number(APIG_VERSION.split(".")[1]) + 1}.0`;
const escapeDots = (v: string) => v.replaceAll(".", "\\.");

const schemas = (doc: Obj) => (doc.components as Obj).schemas as Record<string, Obj>;
const info = (doc: Obj) => doc.info as Obj;

/** A newly required request property: ElbIngressDetails now requires public_ips. */
const requirePublicIps = (doc: Obj) => {
  (schemas(doc).ElbIngressDetails as Obj).required = ["elb_id", "public_ips"];
};

/** IpDetail renamed to IpAddress, every $ref updated: the same API on the wire, other generated type names. */
const renameIpDetail = (doc: Obj) => {
  const all = schemas(doc);
  const renamed = Object.fromEntries(Object.entries(all).map(([k, v]) => [k === "IpDetail" ? "IpAddress" : k, v]));
  (doc.components as Obj).schemas = JSON.parse(
    JSON.stringify(renamed).replaceAll('"#/components/schemas/IpDetail"', '"#/components/schemas/IpAddress"'),
  ) as Obj;
};

describe.concurrent("npm run spec:diff", { timeout: 90_000 }, () => {
  it("passes on the working specs against openapi/released/", async () => {
    const r = await runDiff([]);
    expect(r.out).toContain("spec:diff passed");
    expect(r.code).toBe(0);
    for (const name of ["apig", "dds", "iam"]) expect(r.out).toMatch(new RegExp(`✔ ${name}: `));
  });

  it("passes on an unchanged copy (control)", async () => {
    const r = await diffAfter("apig", () => {});
    expect(r.out).toContain("✔ apig: 0 major, 0 minor, 0 patch");
    expect(r.code).toBe(0);
  });

  it("fails on a newly required request property without a major bump", async () => {
    const r = await diffAfter("apig", requirePublicIps);
    expect(r.out).toContain("required-properties-added");
    expect(r.out).toMatch(
      new RegExp(`need a major bump of info\\.version \\(${escapeDots(APIG_VERSION)} → ${escapeDots(NEXT_MAJOR)}\\), but it is ${escapeDots(APIG_VERSION)}`),
    );
    expect(r.code).toBe(1);
  });

  it("fails on the same change with only a minor bump", async () => {
    const r = await diffAfter("apig", (doc) => {
      requirePublicIps(doc);
      info(doc).version = NEXT_MINOR;
    });
    expect(r.out).toContain("required-properties-added");
    expect(r.code).toBe(1);
  });

  it("passes on the same change with a major bump", async () => {
    const r = await diffAfter("apig", (doc) => {
      requirePublicIps(doc);
      info(doc).version = NEXT_MAJOR;
    });
    expect(r.out).toContain("required-properties-added");
    expect(r.out).toContain("major bump: breaking changes allowed");
    expect(r.code).toBe(0);
  });

  it("fails on a renamed component schema, which Redocly alone rates a patch", async () => {
    const r = await diffAfter("apig", renameIpDetail);
    expect(r.out).toContain("Component schema `IpDetail` was renamed or removed");
    expect(r.out).toContain("component-schema-removed");
    expect(r.out).toMatch(/✖ apig: 1 major, 0 minor, \d+ patch/);
    expect(r.code).toBe(1);
  });

  it("passes on a renamed component schema with a major bump", async () => {
    const r = await diffAfter("apig", (doc) => {
      renameIpDetail(doc);
      info(doc).version = NEXT_MAJOR;
    });
    expect(r.code).toBe(0);
  });

  it("fails on a removed request enum value (DDS mode Single) without a major bump", async () => {
    const r = await diffAfter("dds", (doc) => {
      (schemas(doc).DdsInstanceMode as Obj).enum = ["Sharding", "ReplicaSet"];
    });
    expect(r.out).toContain("enum-values-removed");
    expect(r.code).toBe(1);
  });

  it("passes on an additive change (a new optional response property) without a bump", async () => {
    const r = await diffAfter("iam", (doc) => {
      ((schemas(doc).TokenUser as Obj).properties as Obj).nickname = { type: "string", description: "Display name.", maxLength: 64 };
    });
    expect(r.out).toMatch(/✔ iam: 0 major/);
    expect(r.code).toBe(0);
  });

  it("fails when info.version goes backwards", async () => {
    const r = await diffAfter("iam", (doc) => {
      info(doc).version = "0.9.0";
    });
    expect(r.out).toContain("info.version went backwards: 2.0.0 → 0.9.0");
    expect(r.code).toBe(1);
  });

  it("fails when a released spec is missing from the revision", async () => {
    const dir = path.join(scratch, "removed");
    mkdirSync(path.join(dir, "base"), { recursive: true });
    mkdirSync(path.join(dir, "revision"));
    writeFileSync(path.join(dir, "base", "dds.yaml"), released("dds"));
    const r = await runDiff(["--base", path.join(dir, "base"), "--revision", path.join(dir, "revision")]);
    expect(r.out).toContain("an API was removed");
    expect(r.code).toBe(1);
  });

  it("refuses unknown arguments with exit code 2", async () => {
    const r = await runDiff(["--bse", "x"]);
    expect(r.code).toBe(2);
  });
});
