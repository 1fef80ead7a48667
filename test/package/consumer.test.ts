// The package as a consumer installs it: `npm pack`, then two fresh projects outside this repository that install
// the tarball as a user would (its dependency openapi-fetch from the npm cache when it is there, else the registry):
// - ESM TypeScript (`module`/`moduleResolution: NodeNext`, strict, no @types/node): typed usage compiles, wrong
//   field names and enum values are compile errors, and the compiled code calls each service;
// - CommonJS JavaScript: `require("hwc-gateways")`, type-checked with checkJs against the `.d.cts` types, and run.
// The services are a node:http stub on 127.0.0.1 answering with the specs' own examples (consumer-stub.ts); the code
// the two projects compile and run is in consumer-sources.ts.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CJS_CLIENT, CJS_MAIN, ESM_BAD, ESM_OK, PROJECT } from "./consumer-sources.js";
import { loadRoutes, type Obj, type Route, startStub, SUBJECT_TOKEN } from "./consumer-stub.js";
import { at, ensureBuilt, hasCli, hasEmulator, installTarball as install, pack, run, tempDir } from "./helpers.js";

// The repository's TypeScript 5.9, run inside the consumer project so reported paths are relative to it.
const tsc = (dir: string, config = "tsconfig.json") =>
  run(process.execPath, [at("node_modules", "typescript", "bin", "tsc"), "-p", config, "--pretty", "false"], { cwd: dir, timeoutMs: 90_000 });

function writeFiles(dir: string, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

const compilerOptions = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2022", "DOM"],
  // No @types/node: the SDK's declarations must stand on web-standard types alone.
  types: [],
  strict: true,
  // The declarations shipped must themselves compile under a strict consumer's settings.
  skipLibCheck: false,
};

let work: string;
let tarball: string;
let routes: Route[];
let stub: Awaited<ReturnType<typeof startStub>>;

beforeAll(async () => {
  await ensureBuilt();
  work = tempDir("consumer");
  tarball = await pack(work);
  routes = loadRoutes();
  stub = await startStub(routes);
}, 460_000);

afterAll(async () => {
  await stub?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const example = (operationId: string) => routes.find((r) => r.operationId === operationId)?.example;

function expectSpecAnswers(result: Obj) {
  expect(result.instance).toEqual(example("ShowInstance"));
  // Answers that start a job come back as handles: the spec's fields plus the SDK's own.
  expect(result.job).toMatchObject(example("UnregisterIngressIps") as Obj);
  expect(result.page).toEqual(example("ListInstances"));
  expect(result.unbound).toMatchObject(example("UnbindPublicGateway") as Obj);
  expect(result.tokenBody).toEqual(example("CreateTokenByPassword"));
  expect(result.token).toBe(SUBJECT_TOKEN);
  expect(result.notFound).toBe("NotFoundError 404 STUB.404");
}

function expectSignedCalls(since: number) {
  const calls = stub.seen.slice(since);
  expect(calls.map((c) => c.operationId)).toEqual([
    "ShowInstance",
    "UnregisterIngressIps",
    "ListInstances",
    "UnbindPublicGateway",
    "CreateTokenByPassword",
    "?",
  ]);
  for (const c of calls.filter((c) => c.operationId !== "CreateTokenByPassword")) {
    expect(c.headers.authorization, c.operationId).toMatch(/^SDK-HMAC-SHA256 Access=CONSUMER-AK, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    expect(c.headers["x-project-id"]).toBe(PROJECT);
  }
  // IAM password calls are not signed, and the password travels only in the body.
  const token = calls.find((c) => c.operationId === "CreateTokenByPassword");
  expect(token?.headers.authorization).toBeUndefined();
  expect(JSON.parse(token?.body ?? "{}").auth.identity.password.user.password).toBe("not-a-secret");
  expect(calls.find((c) => c.operationId === "ListInstances")?.url).toMatch(/[?&]mode=ReplicaSet(&|$)/);
}

describe("ESM TypeScript consumer (moduleResolution NodeNext)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = path.join(work, "esm-ts");
    writeFiles(dir, {
      "package.json": JSON.stringify({ name: "consumer-esm", private: true, type: "module" }),
      "src/ok.ts": ESM_OK,
      "bad/bad.ts": ESM_BAD,
      "run.mjs": `import { run } from "./out/ok.js";\nconsole.log(JSON.stringify(await run(process.argv[2])));\n`,
      "tsconfig.json": JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: "out", rootDir: "src" }, include: ["src"] }),
      // Only the errors in bad.ts matter here; the declarations themselves are checked by tsconfig.json.
      "tsconfig.bad.json": JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true, skipLibCheck: true }, include: ["bad"] }),
    });
    await install(dir, tarball);
  }, 120_000);

  it("type-checks and compiles typed usage", async () => {
    const r = await tsc(dir);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 90_000);

  it("rejects wrong field names, enum values and result types at compile time", async () => {
    const r = await tsc(dir, "tsconfig.bad.json");
    expect(r.status).not.toBe(0);
    const expected = ESM_BAD.split("\n").flatMap((line, i) => {
      const m = /\/\/ (TS\d+) (.+)$/.exec(line);
      return m ? [{ line: i + 1, code: m[1], mentions: m[2] }] : [];
    });
    const reported = [...(r.stdout + r.stderr).matchAll(/^bad\/bad\.ts\((\d+),\d+\): error (TS\d+): (.+)$/gm)].map((m) => ({
      line: Number(m[1]),
      code: m[2],
      message: m[3],
    }));
    expect(reported.map(({ line, code }) => ({ line, code }))).toEqual(expected.map(({ line, code }) => ({ line, code })));
    for (const [i, e] of expected.entries()) expect(reported[i]?.message).toContain(e.mentions);
  }, 90_000);

  it("calls each service through the compiled ESM build", async () => {
    const since = stub.seen.length;
    const r = await run(process.execPath, [path.join(dir, "run.mjs"), stub.url], { cwd: dir, timeoutMs: 30_000 });
    expect(r.stderr).toBe("");
    const result = JSON.parse(r.stdout) as Obj;
    expectSpecAnswers(result);
    expect(result.jobId).toBe((example("UnregisterIngressIps") as Obj).job_id);
    expectSignedCalls(since);
  }, 60_000);

  it("imports the emulator subpath", async (ctx) => {
    if (!hasEmulator()) return ctx.skip("src/emulator/index.ts does not exist");
    const r = await run(
      process.execPath,
      ["--input-type=module", "-e", `const m = await import("hwc-gateways/emulator"); console.log(typeof m.startEmulator);`],
      { cwd: dir },
    );
    expect(r.stdout.trim()).toBe("function");
  });

  it("installs a working hwgw executable", async (ctx) => {
    if (!hasCli()) return ctx.skip("src/cli/index.ts does not exist");
    const hwgw = path.join(dir, "node_modules", ".bin", "hwgw");
    expect(existsSync(hwgw)).toBe(true);
    // Runs through its shebang, as a user's shell would.
    const r = await run(hwgw, ["--help"], { cwd: dir, timeoutMs: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("hwgw");
  }, 60_000);
});

describe("CommonJS JavaScript consumer", () => {
  let dir: string;
  beforeAll(async () => {
    dir = path.join(work, "cjs-js");
    writeFiles(dir, {
      "package.json": JSON.stringify({ name: "consumer-cjs", private: true, type: "commonjs" }),
      "client.js": CJS_CLIENT,
      "main.js": CJS_MAIN,
      "tsconfig.json": JSON.stringify({
        compilerOptions: { ...compilerOptions, module: "Node16", moduleResolution: "Node16", allowJs: true, checkJs: true, noEmit: true, skipLibCheck: true },
        files: ["client.js"],
      }),
    });
    await install(dir, tarball);
  }, 120_000);

  it("type-checks require() usage against the CJS declarations", async () => {
    const r = await tsc(dir);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 90_000);

  it("calls each service through require()", async () => {
    const since = stub.seen.length;
    const r = await run(process.execPath, [path.join(dir, "main.js"), stub.url], { cwd: dir, timeoutMs: 30_000 });
    expect(r.stderr).toBe("");
    expectSpecAnswers(JSON.parse(r.stdout) as Obj);
    expectSignedCalls(since);
  }, 60_000);

  it("requires the emulator subpath", async (ctx) => {
    if (!hasEmulator()) return ctx.skip("src/emulator/index.ts does not exist");
    const r = await run(process.execPath, ["-e", `console.log(typeof require("hwc-gateways/emulator").startEmulator)`], { cwd: dir });
    expect(r.stdout.trim()).toBe("function");
  });
});
