// The package as a consumer installs it: `npm pack`, then two fresh projects outside this repository that install
// the tarball as a user would (its dependency openapi-fetch from the npm cache when it is there, else the registry):
// - ESM TypeScript (`module`/`moduleResolution: NodeNext`, strict, no @types/node): typed usage compiles, wrong
//   field names and enum values are compile errors, and the compiled code calls each service;
// - CommonJS JavaScript: `require("hwc-gateways")`, type-checked with checkJs against the `.d.cts` types, and run.
// The services are a node:http stub on 127.0.0.1 answering with the specs' own examples (openapi/*.yaml).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, ensureBuilt, hasCli, hasEmulator, installTarball as install, pack, run, tempDir } from "./helpers.js";

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const GATEWAY = "6a7d71827fd54572b1f31aa9548fcc81";
const ELB = "85392b45-685c-4f77-b19a-14ad875b8190";
const DDS_INSTANCE = "9136fd2a9fcd405ea4674276ce36dae8in02";
const DDS_NODE = "1f6d6e9d9a8f4c2ba5d2b2cde35b4d1cno02";
const SUBJECT_TOKEN = "MIIDkgYJKoZIhvcNAQcCoII-consumer-test-token";

// ---------------------------------------------------------------------------------------------------------------
// A stub of the three services answering each operation with the first example of its success response.

// biome-ignore lint/suspicious/noExplicitAny: spec documents are walked field by field without a schema type
type Obj = Record<string, any>;
interface Route {
  spec: string;
  operationId: string;
  method: string;
  pattern: RegExp;
  status: number;
  example: unknown;
}

function loadRoutes(): Route[] {
  const routes: Route[] = [];
  for (const spec of ["apig", "dds", "iam"]) {
    const doc = parse(readFileSync(at("openapi", `${spec}.yaml`), "utf8")) as Obj;
    const deref = (o: Obj): Obj =>
      typeof o?.$ref === "string"
        ? deref(
            o.$ref
              .slice(2)
              .split("/")
              .reduce((n: Obj, k: string) => n[k], doc),
          )
        : o;
    for (const [p, item] of Object.entries(doc.paths as Obj)) {
      for (const [method, op] of Object.entries(item as Obj)) {
        if (!op?.operationId) continue;
        const [status, response] = Object.entries(op.responses as Obj).find(([code]) => code.startsWith("2")) ?? [];
        if (!status) continue;
        const media = deref(response).content?.["application/json"];
        const first = media?.examples ? deref(Object.values(media.examples as Obj)[0]).value : media?.example;
        const pattern = new RegExp(`^${p.replace(/\{[^}]+\}/g, "[^/]+")}(?:\\?.*)?$`);
        routes.push({ spec, operationId: op.operationId, method: method.toUpperCase(), pattern, status: Number(status), example: first });
      }
    }
  }
  return routes;
}

interface Seen {
  operationId: string;
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

async function startStub(routes: Route[]) {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += String(chunk);
    const route = routes.find((r) => r.method === req.method && r.pattern.test(req.url ?? ""));
    seen.push({ operationId: route?.operationId ?? "?", method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
    const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": `req-${seen.length}` };
    if (!route) {
      res.writeHead(404, headers).end(JSON.stringify({ error_code: "STUB.404", error_msg: `no route for ${req.method} ${req.url}` }));
      return;
    }
    if (route.operationId === "CreateTokenByPassword") headers["x-subject-token"] = SUBJECT_TOKEN;
    res.writeHead(route.status, headers).end(JSON.stringify(route.example));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The consumer code. One call of each service; the ESM and the CJS project make the same calls.

const CALLS = `
  const auth = akskAuth({ accessKeyId: "CONSUMER-AK", secretAccessKey: "consumer-sk" });
  const apig = createApigClient({ projectId: "${PROJECT}", endpoint, auth, maxRetries: 0 });
  const instance = await apig.getInstance("${GATEWAY}");
  const job = await apig.deregisterIngressIps("${GATEWAY}", { elbs: [{ elb_id: "${ELB}", public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] });
  const dds = createDdsClient({ projectId: "${PROJECT}", endpoint, auth, maxRetries: 0 });
  const page = await dds.listInstances({ mode: "ReplicaSet", limit: 10 });
  const unbound = await dds.unbindPublicGateway("${DDS_INSTANCE}", "${DDS_NODE}");
  const iam = createIamClient({ endpoint, maxRetries: 0 });
  const issued = await iam.createTokenByPassword({
    auth: {
      identity: { methods: ["password"], password: { user: { name: "IAM_USER", password: "not-a-secret", domain: { name: "ACCOUNT_NAME" } } } },
      scope: { project: { name: "cn-north-4" } },
    },
  });
  let notFound = "none";
  try {
    await createApigClient({ projectId: "${PROJECT}", endpoint: endpoint + "/nowhere", auth, maxRetries: 0 }).getInstance("${GATEWAY}");
  } catch (err) {
    notFound = err instanceof NotFoundError ? "NotFoundError " + err.status + " " + err.code : String(err);
  }
`;

const ESM_OK = `import { akskAuth, createApigClient, createDdsClient, createIamClient, NotFoundError } from "hwc-gateways";
import type { IngressIpsJob, InstanceDetails, InstanceStatus, IssuedToken, ListInstancesResponse, UnbindPublicGatewayResponse } from "hwc-gateways";

// Own data fields only: the job answers are handles with methods (and a toJSON of their own).
const plain = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== "function"));

export async function run(endpoint: string) {
${CALLS}
  // The results carry the spec's types, not any: these annotations would not compile otherwise.
  // Response fields are optional, as in the official models: the types make the consumer say what it does without one.
  const typed: [InstanceDetails, InstanceStatus | undefined, IngressIpsJob, ListInstancesResponse, UnbindPublicGatewayResponse, IssuedToken] =
    [instance, instance.status, job, page, unbound, issued];
  const jobId: string = job.job_id ?? "(none)";
  const nodeCount: number = (page.instances ?? []).flatMap((i) => (i.groups ?? []).flatMap((g) => g.nodes ?? [])).length;
  return { instance, job: plain(job), jobId, nodeCount, page, unbound: plain(unbound), token: issued.token, tokenBody: issued.body, notFound, typed: typed.length };
}
`;

// Each line marked `// TSnnnn name` must fail with exactly that error code, and no other line may fail.
const ESM_BAD = `import { createApigClient, createDdsClient, type IngressIpsRequest } from "hwc-gateways";

export const misspelt: IngressIpsRequest = { elbs: [{ elb_ids: "x" }] }; // TS2561 elb_ids
export const unknownField: IngressIpsRequest = { elbs: [{ elb_id: "x", loadbalancer: "y" }] }; // TS2353 loadbalancer
export const wrongEnum: IngressIpsRequest = { elbs: [{ elb_id: "x", public_ips: [{ type: "v5", ip: "192.0.2.1" }] }] }; // TS2322 "v5"
export const wrongOption = createApigClient({ projectID: "p", region: "cn-north-4" }); // TS2561 projectID
const dds = createDdsClient({ projectId: "p", region: "cn-north-4" });
export const wrongQuery = dds.listInstances({ mode: "Cluster" }); // TS2322 "Cluster"
export const wrongResult: number = (await dds.unbindPublicGateway("i", "n")).node_id; // TS2322 number
`;

const CJS_CLIENT = `// @ts-check
const { akskAuth, createApigClient, createDdsClient, createIamClient, NotFoundError } = require("hwc-gateways");

/** Own data fields only: the job answers are handles with methods (and a toJSON of their own). @param {object} o */
const plain = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== "function"));

/** @param {string} endpoint */
async function run(endpoint) {
${CALLS}
  // The types come through require() (index.d.cts), so a wrong field is an error in JavaScript too.
  // @ts-expect-error 'elb_ids' does not exist in type 'ElbIngressDetails'
  const wrongField = () => apig.deregisterIngressIps("${GATEWAY}", { elbs: [{ elb_ids: "x" }] });
  void wrongField;
  return { instance, job: plain(job), page, unbound: plain(unbound), token: issued.token, tokenBody: issued.body, notFound };
}
module.exports = { run };
`;

const CJS_MAIN = `const { run } = require("./client.js");
run(process.argv[2]).then((r) => console.log(JSON.stringify(r)), (err) => { console.error(err); process.exitCode = 1; });
`;

// ---------------------------------------------------------------------------------------------------------------

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
