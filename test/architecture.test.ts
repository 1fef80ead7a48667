// The folder direction of issue 11 (errors ← options ← internal ← auth, wait ← services ← index; emulator and
// cli outside), checked with dependency-cruiser and the rules in .dependency-cruiser.cjs, type imports included.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const configFile = path.join(root, ".dependency-cruiser.cjs");

async function cruiseTree(baseDir: string, targets: string[]): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(configFile);
  // The CLI reads options.tsConfig itself; through the API the parsed tsconfig is handed over explicitly.
  const tsConfig = extractTSConfig(path.join(root, "tsconfig.json"));
  const { output } = await cruise(targets, { ...options, baseDir, outputType: "json" }, {}, { tsConfig });
  return typeof output === "string" ? (JSON.parse(output) as ICruiseResult) : output;
}

function describeViolation(v: IViolation): string {
  const cycle = v.cycle?.length ? ` (cycle: ${[v.from, ...v.cycle.map((c) => c.name)].join(" → ")})` : "";
  return `${v.from} → ${v.to} [${v.rule.name}]${cycle}`;
}

describe("dependency rules (.dependency-cruiser.cjs)", () => {
  it("src/, contract-tests/ and scripts/ break none of them", async () => {
    const result = await cruiseTree(root, ["src", "contract-tests", "scripts"]);
    // A cruise that resolved nothing, or dropped type imports, would pass vacuously.
    expect(result.summary.totalCruised).toBeGreaterThan(50);
    const deps = result.modules.flatMap((m) => m.dependencies);
    expect(deps.some((d) => d.dependencyTypes.includes("type-only"))).toBe(true);
    expect(deps.filter((d) => d.couldNotResolve && d.dependencyTypes.includes("local")).map((d) => d.module)).toEqual([]);

    const violations = result.summary.violations.map(describeViolation);
    expect(violations, `dependency violations:\n  ${violations.join("\n  ")}\n`).toEqual([]);
  });

  describe("bite on a fixture tree", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hwc-arch-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const files: Record<string, string[]> = {
      // allowed: each layer on the ones below it, type imports included
      "src/errors.ts": ['import type { Leaf } from "./internal/leaf.js";'],
      "src/options.ts": ['import type { E } from "./errors.js";', 'import { leaf } from "./internal/leaf.js";'],
      "src/internal/leaf.ts": [],
      "src/internal/transport.ts": [
        'import type { E } from "../errors.js";',
        'import type { O } from "../options.js";',
        'import type { OperationEntry } from "../../generated/operation-types.js";',
      ],
      "src/internal/bad.ts": [
        'import type { A } from "../auth/leaf.js";',
        'import type { D } from "../../generated/dds.js";',
        'import { operations } from "../../generated/operations/dds.js";',
      ],
      "src/auth/leaf.ts": [],
      "src/auth/token.ts": ['import { send } from "../internal/transport.js";', 'import type { O } from "../options.js";'],
      "src/auth/password.ts": ['import { iam } from "../services/iam.js";', 'import type { W } from "../wait/leaf.js";'],
      "src/auth/iam-token.ts": [
        'import type { Paths } from "../../generated/iam.js";',
        'import { operations } from "../../generated/operations/iam.js";',
        'import type { D } from "../../generated/dds.js";',
        'import { v } from "../../generated/validators/iam/CreateTokenByPassword.js";',
      ],
      "src/wait/leaf.ts": [],
      "src/wait/waiter.ts": ['import { send } from "../internal/transport.js";'],
      "src/wait/bad.ts": [
        'import type { A } from "../auth/leaf.js";',
        'import type { I } from "../../generated/iam.js";',
        'import { operations } from "../../generated/operations/iam.js";',
      ],
      "src/wait/cycle-a.ts": ['import type { B } from "./cycle-b.js";'],
      // one cycle is one violation, reported on the edge where the cruise first closes it
      "src/wait/cycle-b.ts": ['import { a } from "./cycle-a.js";'],
      "src/services/iam.ts": [],
      "src/services/apig.ts": [
        'import { token } from "../auth/token.js";',
        'import { waiter } from "../wait/waiter.js";',
        'import type { Paths } from "../../generated/apig.js";',
        'import { operations } from "../../generated/operations/apig.js";',
        'import { send } from "../internal/transport.js";',
      ],
      "src/services/bad.ts": ['import type { I } from "../index.js";', 'import { c } from "../cli/leaf.js";'],
      "src/index.ts": ['import { apig } from "./services/apig.js";', 'import { e } from "./emulator/leaf.js";'],
      "src/emulator/leaf.ts": [],
      "src/emulator/server.ts": ['import { token } from "../auth/token.js";', 'import { iam } from "../services/iam.js";'],
      "src/emulator/bad.ts": ['import { c } from "../cli/leaf.js";'],
      "src/cli/leaf.ts": [],
      "src/cli/main.ts": ['import { s } from "../emulator/server.js";', 'import { apig } from "../index.js";'],
      "src/cli/bad.ts": ['import { leaf } from "../internal/leaf.js";'],
      "generated/operation-types.d.ts": [],
      "generated/operations/apig.js": ['const v = () => import("../validators/apig/ShowInstance.js");'],
      "generated/operations/dds.js": ['const v = () => import("../validators/dds/ListInstances.js");'],
      "generated/operations/iam.js": ['const v = () => import("../validators/iam/CreateTokenByPassword.js");'],
      "generated/validators/apig/ShowInstance.js": [],
      "generated/validators/dds/ListInstances.js": [],
      "generated/validators/iam/CreateTokenByPassword.js": [],
      "generated/apig.ts": [],
      "generated/dds.ts": [],
      "generated/iam.ts": [],
      "test/internal/transport.test.ts": ['import { send } from "../../src/internal/transport.js";'],
      "contract-tests/raw.test.ts": ['import { leaf } from "../src/internal/leaf.js";'],
      "scripts/tool.mjs": ['import { leaf } from "../src/internal/leaf.js";'],
    };
    for (const [file, imports] of Object.entries(files)) {
      mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
      writeFileSync(path.join(dir, file), [...imports, "export const x = 1;", ""].join("\n"));
    }

    it("flag exactly the forbidden imports, and every rule flags one", async () => {
      const result = await cruiseTree(dir, ["src", "generated", "test", "contract-tests", "scripts"]);
      expect(result.summary.totalCruised).toBe(Object.keys(files).length);
      const found = result.summary.violations.map((v) => `${v.from} → ${v.to} [${v.rule.name}]`).sort();
      const expected = [
        "src/wait/cycle-a.ts → src/wait/cycle-b.ts [no-circular]",
        "src/errors.ts → src/internal/leaf.ts [errors-imports-nothing]",
        "src/options.ts → src/internal/leaf.ts [options-only-errors]",
        "src/internal/bad.ts → src/auth/leaf.ts [internal-only-core]",
        "src/auth/password.ts → src/services/iam.ts [auth-only-core]",
        "src/auth/password.ts → src/wait/leaf.ts [auth-only-core]",
        "src/wait/bad.ts → src/auth/leaf.ts [wait-only-core]",
        "src/services/bad.ts → src/index.ts [services-not-index]",
        "src/services/bad.ts → src/cli/leaf.ts [runtime-not-emulator-or-cli]",
        "src/index.ts → src/emulator/leaf.ts [runtime-not-emulator-or-cli]",
        "src/emulator/bad.ts → src/cli/leaf.ts [emulator-not-cli]",
        "src/wait/bad.ts → generated/iam.ts [core-not-generated]",
        "src/wait/bad.ts → generated/operations/iam.js [core-not-generated]",
        "src/internal/bad.ts → generated/dds.ts [internal-only-operation-table]",
        "src/internal/bad.ts → generated/operations/dds.js [internal-only-operation-table]",
        "src/auth/iam-token.ts → generated/dds.ts [iam-token-only-iam-types]",
        "src/auth/iam-token.ts → generated/validators/iam/CreateTokenByPassword.js [iam-token-only-iam-types]",
        "contract-tests/raw.test.ts → src/internal/leaf.ts [internal-is-private]",
        "scripts/tool.mjs → src/internal/leaf.ts [internal-is-private]",
        "src/cli/bad.ts → src/internal/leaf.ts [emulator-and-cli-not-internal]",
      ].sort();
      expect(found).toEqual(expected);

      // A rule added to the config without a fixture import here is a rule nobody has seen fail.
      const options = await extractDepcruiseOptions(configFile);
      const ruleNames = (options.ruleSet?.forbidden ?? []).map((r) => r.name);
      expect(new Set(expected.map((e) => /\[(.+)\]$/.exec(e)?.[1]))).toEqual(new Set(ruleNames));
    });
  });
});
