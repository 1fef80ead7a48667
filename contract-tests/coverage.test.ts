/**
 * Layer 4, the mock is the spec, and everything in it is exercised.
 *
 * 1. Same files: the specs Prism is started with (`SPECS` of scripts/prism.mjs, read by the globalSetup) are the
 *    files the generated types and validators were generated from (sha256 in their headers), and the files these
 *    tests parse for their Ajv checks and matrices.
 * 2. Coverage: every operation × status × named example (enumerated from the YAML) has a responses.test.ts case,
 *    every operation runs through the SDK under each auth mode it accepts (requests.test.ts), and every public
 *    SDK method is in the registry both files use. The report is printed; anything uncovered fails.
 *
 * Vitest runs files in separate workers in no fixed order, so coverage is computed from the same case planners
 * the test files register their tests from (support/response-cases.ts, support/request-cases.ts, support/sdk.ts), not from records of a run
 * that may not have finished; a failing covered test fails the run on its own.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { casesByRow, planResponseCases, RESPONSES_FILE, RESPONSES_SUITE } from "./support/response-cases.js";
import { RAW_CLIENT_FILE, RAW_CLIENT_SUITE, rawClientTitle } from "./support/raw-client-titles.js";
import { REQUEST_CASES, REQUESTS_FILE, REQUESTS_SUITE, requestCaseTitle, requiredAuthModes } from "./support/request-cases.js";
import { responseMatrix, rowKey } from "./support/response-matrix.js";
import { POLLING_METHODS, publicMethods, SDK_METHODS } from "./support/sdk.js";
import { createClients, type AuthMode } from "./support/sdk-clients.js";
import { allOperations, spec } from "./support/spec.js";
import { API_NAMES, ROOT, sha256, SPEC_FILES } from "./support/spec-files.js";

const read = (rel: string) => readFileSync(path.join(ROOT, rel));
const headerSources = (rel: string): Map<string, string> => {
  const head = read(rel).toString("utf8").slice(0, 2000);
  return new Map([...head.matchAll(/^ \* Source: (\S+) \(sha256 ([0-9a-f]{64})\)$/gm)].map((m) => [m[1] as string, m[2] as string]));
};

describe("the mock is the spec: Prism, generator, validators and these tests read the same files", () => {
  it("every spec in openapi/ is mocked (SPECS of scripts/prism.mjs lists them all)", () => {
    const onDisk = readdirSync(path.join(ROOT, "openapi"))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => `openapi/${f}`)
      .sort();
    expect(Object.values(SPEC_FILES).sort()).toEqual(onDisk);
    expect(Object.keys(SPEC_FILES).sort()).toEqual([...API_NAMES].sort());
  });

  it("the globalSetup starts Prism on SPECS, and the generator generates from SPECS", () => {
    const setup = read("contract-tests/global-setup.ts").toString("utf8");
    expect(setup).toMatch(/import \{[^}]*\bSPECS\b[^}]*\} from "\.\.\/scripts\/prism\.mjs"/);
    expect(setup).toMatch(/spec: path\.join\(root, SPECS\[name\]\)/);
    const generate = read("scripts/generate.mjs").toString("utf8");
    expect(generate).toMatch(/import \{ SPECS \} from "\.\/prism\.mjs"/);
  });

  for (const api of API_NAMES) {
    it(`generated/${api}.ts names ${SPEC_FILES[api]} with the sha256 of the file Prism mocks`, () => {
      const hash = sha256(read(SPEC_FILES[api]));
      expect(Object.fromEntries(headerSources(`generated/${api}.ts`))).toEqual({ [SPEC_FILES[api]]: hash });
      expect(spec(api).sha256, "the bytes these tests parsed").toBe(hash);
    });
  }

  for (const api of API_NAMES) {
    it(`generated/operations/${api}.js, .d.ts and each operation's generated/validators/${api}/<operationId>.js, .d.ts name ${SPEC_FILES[api]} alone, with its sha256`, () => {
      const validators = readdirSync(path.join(ROOT, "generated", "validators", api)).sort();
      const operationIds = spec(api).operations.map((o) => o.operationId);
      expect(validators).toEqual(operationIds.flatMap((id) => [`${id}.d.ts`, `${id}.js`]).sort());
      const files = [`generated/operations/${api}.js`, `generated/operations/${api}.d.ts`, ...validators.map((f) => `generated/validators/${api}/${f}`)];
      const expected = { [SPEC_FILES[api]]: sha256(read(SPEC_FILES[api])) };
      for (const file of files) expect(Object.fromEntries(headerSources(file)), file).toEqual(expected);
    });
  }

  it("generated/operation-types.d.ts names every mocked spec with its sha256", () => {
    const expected = Object.fromEntries(Object.values(SPEC_FILES).map((f) => [f, sha256(read(f))]));
    expect(Object.fromEntries(headerSources("generated/operation-types.d.ts"))).toEqual(expected);
  });
});

describe("coverage: every operation, status code and named example is exercised", () => {
  // File and test title: titles are unique within each file (the describe blocks are in the files' own output).
  const full = (file: string, ...names: string[]) => `${path.basename(file)} › ${names[names.length - 1] ?? ""}`;

  it("responses: every operation × status × named example has a test (report printed)", () => {
    const rows = responseMatrix();
    const byRow = casesByRow(planResponseCases(rows));
    const lines: string[] = [];
    const uncovered: string[] = [];
    for (const row of rows) {
      const tests = (byRow.get(rowKey(row)) ?? []).map((c) => full(RESPONSES_FILE, RESPONSES_SUITE, c.title));
      if (row.servedByDefault) tests.push(full(RAW_CLIENT_FILE, RAW_CLIENT_SUITE, "valid requests get the spec's example", rawClientTitle(row.operationId)));
      if (!(byRow.get(rowKey(row)) ?? []).length) uncovered.push(`${row.api} ${rowKey(row)}`);
      lines.push(
        `${tests.length ? "✓" : "✗"} ${row.api.padEnd(4)} ${row.operationId.padEnd(22)} ${row.status.padEnd(7)} ${row.example.padEnd(22)} → ${tests.join(`\n${" ".repeat(64)}→ `) || "UNCOVERED"}`,
      );
    }
    console.log(
      [
        "",
        "Contract coverage: operation × status × example → covering test(s)",
        ...lines,
        `${rows.length - uncovered.length}/${rows.length} (operation, status, example) rows covered by ${planResponseCases(rows).length} response tests`,
        "",
      ].join("\n"),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(uncovered, "uncovered (operation, status, example)").toEqual([]);
  });

  it("requests: every operation runs through the SDK under each auth mode it accepts (report printed)", () => {
    const lines: string[] = [];
    const uncovered: string[] = [];
    for (const op of allOperations()) {
      for (const mode of requiredAuthModes(op)) {
        const tests = REQUEST_CASES.filter((rc) => rc.operationId === op.operationId && rc.authModes.includes(mode)).map((rc) =>
          full(REQUESTS_FILE, REQUESTS_SUITE, "every SDK method, every auth mode: no violations", requestCaseTitle(rc, mode)),
        );
        if (!tests.length) uncovered.push(`${op.operationId} with ${mode}`);
        lines.push(
          `${tests.length ? "✓" : "✗"} ${op.api.padEnd(4)} ${op.operationId.padEnd(22)} ${mode.padEnd(8)} → ${tests.join(`\n${" ".repeat(42)}→ `) || "UNCOVERED"}`,
        );
      }
    }
    console.log(["", "Request conformance: operation × auth mode → covering test(s)", ...lines, ""].join("\n"));
    expect(uncovered, "operations not exercised under an auth mode they accept").toEqual([]);
  });

  it("every public SDK method is in the registry, in requests.test.ts and in the response matrix", () => {
    const methods = publicMethods(createClients({ prism: inject("prism"), fetch: () => Promise.reject(new Error("no I/O here")), auth: "token" }));
    // raw-methods.ts entries are `client.raw` calls, not public methods.
    const registered = SDK_METHODS.filter((m) => !m.raw)
      .map((m) => m.name)
      .sort();
    const inRequests = new Set(REQUEST_CASES.map((rc) => rc.method));
    const modes = (name: string): AuthMode[] => [...new Set(REQUEST_CASES.filter((rc) => rc.method === name).flatMap((rc) => rc.authModes))];
    console.log(
      [
        "",
        "SDK methods → operation, auth modes in requests.test.ts",
        ...SDK_METHODS.map((m) => `  ${m.name.padEnd(28)} ${m.operationId.padEnd(22)} ${modes(m.name).join(", ")}`),
        "",
      ].join("\n"),
    );
    // Informational only: wait.test.ts belongs to the waiter work, which owns the results of resumed waits.
    let waitTests = "";
    try {
      waitTests = read("contract-tests/wait.test.ts").toString("utf8");
    } catch {
      // not written yet
    }
    for (const [m, op] of Object.entries(POLLING_METHODS)) {
      const [service, name] = m.split(".") as [string, string];
      const mentioned = new RegExp(`\\b${service}\\.${name}\\(`).test(waitTests);
      console.log(
        `  ${m.padEnd(28)} polls ${op}: requests checked here; results ${mentioned ? "in contract-tests/wait.test.ts" : "NOT exercised by contract-tests/wait.test.ts"}`,
      );
    }
    expect(
      methods.filter((m) => !registered.includes(m) && !(m in POLLING_METHODS)),
      "public methods in neither SDK_METHODS nor POLLING_METHODS (support/sdk.ts)",
    ).toEqual([]);
    expect(
      [...registered, ...Object.keys(POLLING_METHODS)].filter((m) => !methods.includes(m)),
      "registry names methods the clients do not have",
    ).toEqual([]);
    expect(
      methods.filter((m) => !inRequests.has(m)),
      "public methods without a request-conformance case",
    ).toEqual([]);
    const operations = new Set(allOperations().map((o) => o.operationId));
    expect(
      SDK_METHODS.filter((m) => !operations.has(m.operationId)).map((m) => m.name),
      "methods naming an operation the specs lack",
    ).toEqual([]);
  });

  it("the test files register their tests from these planners", () => {
    // A tripwire, not a proof: the files must iterate the planned cases instead of a hand-picked subset.
    const responses = read(RESPONSES_FILE).toString("utf8");
    expect(responses).toMatch(/const cases = planResponseCases\(\);/);
    expect(responses).toMatch(/for \(const c of cases\) \{\s*it\(c\.title,/);
    const requests = read(REQUESTS_FILE).toString("utf8");
    expect(requests).toMatch(/for \(const rc of REQUEST_CASES\) \{\s*for \(const mode of rc\.authModes\) \{\s*it\(requestCaseTitle\(rc, mode\),/);
  });
});
