/**
 * An operation added to a spec becomes a typed, validated, retried call through `raw` after `npm run generate`,
 * with no hand-written code: a temporary copy of the DDS spec gets two new operations, the generator writes into a
 * temporary directory, and a client built on that table is driven against a scripted server.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import type { OperationEntry } from "../../generated/operation-types.js";
import { loadProjectSpec } from "../../scripts/spec-model.mjs";
import { tokenAuth } from "../../src/auth/token.js";
import { createBaseClient } from "../../src/internal/create.js";
import { ValidationError } from "../../src/errors.js";
import { json, scriptedServers, type ScriptedServer } from "../helpers/scripted-server.js";

const root = path.resolve(import.meta.dirname, "../..");
const serve = scriptedServers();
let server: ScriptedServer;
let dir: string;
let table: readonly OperationEntry[];
let tableModule: Record<string, unknown>;
let types: string;

const RESTART = "/v3/{project_id}/instances/{instance_id}/restart";
const STATUS = "/v3/{project_id}/instances/{instance_id}/restart-status";
const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const ids = { project_id: PROJECT, instance_id: "9136fd2a9fcd405ea4674276ce36dae8in02" };

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hwc-throwaway-spec-"));
  const specs = path.join(dir, "specs");
  const out = path.join(dir, "out");
  mkdirSync(specs);
  // A copy: the model's document is shared and read-only.
  const doc = structuredClone(loadProjectSpec("dds").doc) as { paths: Record<string, unknown> };
  const params = [{ $ref: "#/components/parameters/ProjectId" }, { $ref: "#/components/parameters/InstanceId" }];
  const answer = { "200": { description: "Accepted.", content: { "application/json": { schema: { type: "object" } } } } };
  doc.paths[RESTART] = {
    parameters: params,
    post: {
      operationId: "RestartInstance",
      summary: "Restart an instance",
      "x-hwc-retry": { safeToRepeat: false, busyErrorCodes: ["DBS.280001"] },
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              additionalProperties: false,
              required: ["target_id"],
              properties: { target_id: { type: "string", minLength: 1, maxLength: 64 } },
            },
          },
        },
      },
      responses: answer,
    },
  };
  doc.paths[STATUS] = {
    parameters: params,
    get: {
      operationId: "ShowRestartStatus",
      summary: "Show the restart status",
      "x-hwc-retry": { safeToRepeat: true, busyErrorCodes: [] },
      parameters: [{ name: "verbose", in: "query", required: false, schema: { type: "boolean" } }],
      responses: answer,
    },
  };
  writeFileSync(path.join(specs, "dds.yaml"), YAML.stringify(doc));
  const run = generate(specs, out);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  types = readFileSync(path.join(out, "dds.ts"), "utf8");
  // The generated modules are ESM; outside the project no package.json says so.
  writeFileSync(path.join(out, "package.json"), '{ "type": "module" }\n');
  return import(pathToFileURL(path.join(out, "operations", "dds.js")).href).then((m: { operations: readonly OperationEntry[] }) => {
    table = m.operations;
    tableModule = m;
  });
}, 120_000);

function generate(specs: string, out: string) {
  return spawnSync(process.execPath, [path.join(root, "scripts/generate.mjs"), "--specs", specs, "--out", out], { cwd: root, encoding: "utf8" });
}

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A DDS client on the generated table, as a service would build it, without any code for the new operations. */
function client() {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  // biome-ignore lint/suspicious/noExplicitAny: the throwaway spec's paths exist only in the generated copy, not at compile time
  return createBaseClient<any>("dds", { projectId: PROJECT, endpoint: server.url, auth: tokenAuth("t"), logLevel: "off" }, true, table).raw;
}

describe("an operation added to a throwaway spec", () => {
  it("is in the generated table with its facts, and in the generated types", () => {
    const restart = table.find((o) => o.operationId === "RestartInstance");
    expect(restart).toMatchObject({
      api: "dds",
      method: "POST",
      path: RESTART,
      requestContentType: "application/json",
      bodyRequired: true,
      retry: { safeToRepeat: false, busyErrorCodes: ["DBS.280001"] },
    });
    expect(table.find((o) => o.operationId === "ShowRestartStatus")).toMatchObject({
      method: "GET",
      path: STATUS,
      query: { verbose: "boolean" },
      retry: { safeToRepeat: true },
    });
    expect(table.map((o) => o.operationId)).toEqual(expect.arrayContaining(["BindPublicGateway", "UnbindPublicGateway", "ListInstances"]));
    expect(types).toContain(`"${RESTART}": {`);
    expect(types).toContain("RestartInstance: {");
    // Each entry is also exported by its operationId, so a client that sends only some operations takes just those.
    expect(tableModule.RestartInstance).toBe(restart);
    expect(Object.keys(tableModule).sort()).toEqual([...table.map((o) => o.operationId), "operations"].sort());
  });

  it("fails the generation when an operationId cannot name its entry's export", () => {
    const specs = path.join(dir, "bad-specs");
    mkdirSync(specs);
    const doc = structuredClone(loadProjectSpec("dds").doc) as { paths: Record<string, Record<string, { operationId?: string }>> };
    (doc.paths[RESTART.replace("/restart", "/nodes/{node_id}/public-gateway")]?.delete as { operationId: string }).operationId = "Unbind-Public-Gateway";
    writeFileSync(path.join(specs, "dds.yaml"), YAML.stringify(doc));
    const run = generate(specs, path.join(dir, "bad-out"));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('(Unbind-Public-Gateway): the operationId must be a JavaScript identifier other than "operations"');
  });

  it("is validated before any I/O, naming the field", async () => {
    server = await serve(json(200, {}));
    const err = await client()
      .POST(RESTART, { params: { path: ids }, body: { target_id: "", extra: 1 } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/^RestartInstance: /);
    expect((err as ValidationError).issues.map((i) => i.path).sort()).toEqual(["extra", "target_id"]);
    const query = await client()
      .GET(STATUS, { params: { path: ids, query: { verbose: "yes" } } })
      .catch((e: unknown) => e);
    expect((query as ValidationError).issues).toMatchObject([{ path: "verbose", keyword: "type" }]);
    expect(server.requests).toHaveLength(0);
  });

  it("is retried as declared: not safe to repeat, so a 503 is final, but its busy code is retried", async () => {
    server = await serve(json(503, {}));
    const err = await client()
      .POST(RESTART, { params: { path: ids }, body: { target_id: "t1" } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, retryable: false });
    expect(server.requests).toHaveLength(1);
    await server.close();
    server = await serve(json(409, { error_code: "DBS.280001", error_msg: "busy" }), json(200, { ok: true }));
    const { data } = await client().POST(RESTART, { params: { path: ids }, body: { target_id: "t1" } });
    expect(data).toEqual({ ok: true });
    expect(server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ["POST", `/v3/${PROJECT}/instances/${ids.instance_id}/restart`, '{"target_id":"t1"}'],
      ["POST", `/v3/${PROJECT}/instances/${ids.instance_id}/restart`, '{"target_id":"t1"}'],
    ]);
  });

  it("a safe-to-repeat GET is retried after a 503, with its boolean query read back from the URL", async () => {
    server = await serve(json(503, {}), json(200, { status: "done" }));
    const { data } = await client().GET(STATUS, { params: { path: ids, query: { verbose: true } } });
    expect(data).toEqual({ status: "done" });
    expect(server.requests.map((r) => r.url)).toEqual([
      `/v3/${PROJECT}/instances/${ids.instance_id}/restart-status?verbose=true`,
      `/v3/${PROJECT}/instances/${ids.instance_id}/restart-status?verbose=true`,
    ]);
  });
});
