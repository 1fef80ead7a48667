// The code samples of every operation (samples/<operationId>/), as the API pages show them: every operation has
// them, every TypeScript sample type-checks against the public exports, and every sample runs against the
// emulator and does what it says: the emulator's log shows the operation answered 2xx, its state shows the change
// (addresses gone or present, gateway bound or unbound, token issued) and the output reports it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CODE_SAMPLE_LANGUAGES, SAMPLE_KINDS, SAMPLES_DIR, samplesOf, withCodeSamples } from "../../scripts/code-samples.mjs";
import { loadProjectSpec, SPEC_NAMES } from "../../scripts/spec-model.mjs";
import { defaultSeed, startEmulator, type Emulator, type EmulatorSnapshot, type RequestLogEntry } from "../../src/emulator/index.js";
import { prepareSamples, type SampleToolbox } from "./sample-runner.js";
import { IDENTITY_SCENARIOS, type Scenario } from "./identity-scenarios.js";
import { typecheckSamples } from "./typecheck.js";

const GW = "6a7d71827fd54572b1f31aa9548fcc81";
const ELB = "85392b45-685c-4f77-b19a-14ad875b8190";
const RS = "9136fd2a9fcd405ea4674276ce36dae8in02";
const PRIMARY = "52a4c096bb1f455d8d866956a959519eno02"; // bound to a public gateway in the seed
const SECONDARY = "7c3f1e2d9a8b4c5d6e7f8091a2b3c4d5no02"; // not bound
const NAT = "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f3c4b";
const EIP = "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d2a";

const operations = SPEC_NAMES.flatMap((spec) =>
  loadProjectSpec(spec)
    .operations()
    .map((o) => ({ spec, operationId: o.operationId as string })),
);
/** Operations hwgw has no command for: their pages show the SDK and curl only. */
const NO_CLI_COMMAND = new Set(["ListInstances", "CreateTokenByPassword", "KeystoneListProjects", "CreateTokenWithIdToken", "CreateTemporaryAccessKeyByToken"]);

type Kind = (typeof SAMPLE_KINDS)[number]["kind"];
const node = (s: EmulatorSnapshot, id: string) => s.instances.flatMap((i) => i.groups.flatMap((g) => g.nodes)).find((n) => n.id === id);
const publicIps = (s: EmulatorSnapshot) =>
  s.gateways
    .find((g) => g.id === GW)
    ?.elbs.find((e) => e.id === ELB)
    ?.addresses.public_ips.map((a) => a.ip);

const SCENARIOS: Record<string, Scenario> = {
  UnregisterIngressIps: {
    env: { APIG_INSTANCE_ID: GW, APIG_ELB_ID: ELB, APIG_PUBLIC_IP: "192.0.2.10" },
    output: {
      sdk: /is Running; 192\.0\.2\.10 deregistered$/m,
      cli: /^Done: gateway \S+ is Running; addresses deregistered$/m,
      curl: /^192\.0\.2\.10 deregistered$/m,
    },
    effect(before, after) {
      expect(publicIps(before)).toContain("192.0.2.10");
      expect(publicIps(after)).toEqual(publicIps(before)?.filter((ip) => ip !== "192.0.2.10"));
      expect(after.jobs).toMatchObject([{ instanceId: GW, action: "unregister", status: "Succeeded" }]);
      expect(after.gateways.find((g) => g.id === GW)?.status).toBe("Running");
    },
  },
  RegisterIngressIps: {
    env: { APIG_INSTANCE_ID: GW, APIG_ELB_ID: ELB, APIG_PUBLIC_IP: "192.0.2.20" },
    output: {
      sdk: /is Running; 192\.0\.2\.20 registered$/m,
      cli: /^Done: gateway \S+ is Running; addresses registered$/m,
      curl: /^192\.0\.2\.20 registered$/m,
    },
    effect(before, after) {
      expect(publicIps(before)).not.toContain("192.0.2.20");
      expect(publicIps(after)).toEqual([...(publicIps(before) ?? []), "192.0.2.20"]);
      expect(after.jobs).toMatchObject([{ instanceId: GW, action: "register", status: "Succeeded" }]);
    },
  },
  ShowInstance: {
    env: { APIG_INSTANCE_ID: GW },
    output: {
      sdk: /^apig-nlb-prod is Running \(instance_status 6\)\npublic {2}192\.0\.2\.10\n/m,
      cli: /^Gateway 6a7d71827fd54572b1f31aa9548fcc81 \(apig-nlb-prod\): Running\n[\s\S]*\n\{\n {2}"id": "6a7d71827fd54572b1f31aa9548fcc81"/m,
      curl: /^\{"id":"6a7d71827fd54572b1f31aa9548fcc81".*"status":"Running"/m,
    },
    effect(before, after) {
      expect(after.gateways).toEqual(before.gateways);
      expect(after.jobs).toEqual([]);
    },
  },
  UnbindPublicGateway: {
    env: { DDS_INSTANCE_ID: RS, DDS_NODE_ID: PRIMARY },
    output: {
      sdk: /^dds-4352_replica_node_1 has no public gateway$/m,
      cli: /^Done: node dds-4352_replica_node_1 of dds-4352 has no public gateway$/m,
      curl: /^node 52a4c096bb1f455d8d866956a959519eno02 has no public gateway$/m,
    },
    effect(before, after) {
      expect(node(before, PRIMARY)?.publicGateway).toBeDefined();
      expect(node(after, PRIMARY)?.publicGateway).toBeUndefined();
      expect(after.instances.find((i) => i.id === RS)?.actions).toEqual([]);
    },
  },
  BindPublicGateway: {
    env: { DDS_INSTANCE_ID: RS, DDS_NODE_ID: SECONDARY, DDS_NAT_GATEWAY_ID: NAT, DDS_PUBLIC_IP_ID: EIP },
    output: {
      sdk: new RegExp(`^dds-4352_replica_node_2 is reachable through NAT gateway ${NAT} on port 8635$`, "m"),
      cli: new RegExp(`^Done: node dds-4352_replica_node_2 of dds-4352 is reachable through NAT gateway ${NAT} on port 8635$`, "m"),
      curl: new RegExp(`^node ${SECONDARY} is bound to ${NAT}$`, "m"),
    },
    effect(before, after) {
      expect(node(before, SECONDARY)?.publicGateway).toBeUndefined();
      expect(node(after, SECONDARY)?.publicGateway).toEqual({ natGatewayId: NAT, publicIpId: EIP, externalServicePort: 8635 });
    },
  },
  ListInstances: {
    env: { DDS_INSTANCE_ID: RS },
    output: {
      sdk: /^1 instance\(s\)\ndds-4352 dds-4352_replica_node_1 \(Primary\): public gateway 3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f4c68:8635\ndds-4352 dds-4352_replica_node_2 \(Secondary\): no public gateway\n/m,
      cli: /^$/,
      curl: /^\{"instances":\[\{"id":"9136fd2a9fcd405ea4674276ce36dae8in02".*"total_count":1\}$/m,
    },
    effect(before, after) {
      expect(after.instances).toEqual(before.instances);
    },
  },
  CreateTokenByPassword: {
    env: {},
    output: { sdk: /^export HWGW_TOKEN=\S+$/m, cli: /^$/, curl: /^export HWGW_TOKEN=\S+$/m },
    async effect(before, after, run) {
      expect(after.tokens.issued).toBe(before.tokens.issued + 1);
      // The printed token is the one issued: the emulator accepts it on an APIG call.
      const token = /^export HWGW_TOKEN=(\S+)$/m.exec(run.stdout)?.[1] ?? "";
      const answer = await fetch(`${emulator.url}/v2/${emulator.projectId}/apigw/instances/${GW}`, { headers: { "X-Auth-Token": token } });
      expect(answer.status).toBe(200);
    },
  },
  ...IDENTITY_SCENARIOS,
};

describe("every operation has its samples", () => {
  it("finds the operations of every spec", () => {
    expect(operations.length).toBe(10);
  });

  it("the sample folders are exactly the operations", () => {
    const folders = readdirSync(SAMPLES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith("."))
      .map((d) => d.name);
    expect(folders.sort()).toEqual(operations.map((o) => o.operationId).sort());
    expect(Object.keys(SCENARIOS).sort()).toEqual(folders.sort());
  });

  it.each(operations)("$spec $operationId: TypeScript and curl, and the CLI unless hwgw has no command for it", ({ operationId }) => {
    const kinds = samplesOf(operationId).map((s) => s.kind);
    expect(kinds).toEqual(NO_CLI_COMMAND.has(operationId) ? ["sdk", "curl"] : ["sdk", "cli", "curl"]);
  });

  it.each(SPEC_NAMES)("withCodeSamples(%s) puts each operation's files into x-codeSamples of a copy, leaving the spec as it was", (spec) => {
    const doc = loadProjectSpec(spec).doc;
    const before = JSON.stringify(doc);
    const copy = withCodeSamples(doc, spec);
    expect(JSON.stringify(doc)).toBe(before);
    const rendered = loadProjectSpec(spec).operations();
    for (const op of rendered) {
      const withSamples = (copy.paths as Record<string, Record<string, { "x-codeSamples"?: unknown }>>)[op.path]?.[op.method.toLowerCase()];
      expect(withSamples?.["x-codeSamples"], op.operationId).toEqual(
        samplesOf(op.operationId as string).map(({ lang, label, source }) => ({ lang, label, source })),
      );
    }
  });

  it("every kind has its own lang, all listed for Redocly (which hides a sample whose lang it is not told to show)", () => {
    const langs = SAMPLE_KINDS.map((k) => k.lang);
    expect(new Set(langs).size).toBe(langs.length);
    expect(CODE_SAMPLE_LANGUAGES.map((l) => l.lang)).toEqual(langs);
  });

  it("samples/README.md lists every variable the samples read, and no other", () => {
    const read = new Set<string>();
    for (const { operationId } of operations) {
      for (const { source } of samplesOf(operationId)) {
        // A shell variable the script sets itself (ENDPOINT=…) is not read from the environment.
        const own = new Set([...source.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
        for (const m of source.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)|\$ENV\.([A-Z][A-Z0-9_]+)|\$\{?([A-Z][A-Z0-9_]+)/g)) {
          const name = (m[1] ?? m[2] ?? m[3]) as string;
          if (!own.has(name)) read.add(name);
        }
      }
    }
    read.delete("SECONDS"); // bash's clock, not configuration
    const table = readFileSync(path.join(SAMPLES_DIR, "README.md"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("| `"));
    const listed = new Set(table.flatMap((l) => [...(l.split("|")[1] ?? "").matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1] as string)));
    expect([...read].sort()).toEqual([...listed].sort());
  });

  it("withCodeSamples refuses an operation without samples, naming it", () => {
    const doc = { openapi: "3.1.0", paths: { "/x": { get: { operationId: "NoSuchOperation" } } } };
    expect(() => withCodeSamples(doc, "throwaway")).toThrow(/throwaway: GET \/x: no samples in samples\/NoSuchOperation\//);
  });

  it("the curl samples send the token header and say that AK/SK signing needs the SDK or a signer", () => {
    for (const { operationId } of operations) {
      const curl = samplesOf(operationId).find((s) => s.kind === "curl")?.source ?? "";
      if (operationId === "CreateTokenByPassword" || operationId === "CreateTokenWithIdToken") expect(curl).toMatch(/X-Subject-Token/);
      else {
        expect(curl, operationId).toMatch(/-H "X-Auth-Token: \$HWGW_TOKEN"/);
        expect(curl, operationId).toMatch(/AK\/SK signing [\s\S]*use the TypeScript SDK,\n# the hwgw CLI or the official Huawei Cloud signer/);
      }
    }
  });
});

describe("the TypeScript samples type-check against the public exports", () => {
  const { diagnostics, files } = typecheckSamples({ "broken.ts": 'import { deregister } from "hwc-gateways";\nawait deregister(1);\n' });
  const samples = files.filter((f) => f.endsWith("sdk.ts"));

  it("checks one sdk.ts per operation", () => {
    expect(samples.map((f) => path.basename(path.dirname(f))).sort()).toEqual(operations.map((o) => o.operationId).sort());
  });

  it.each(samples.map((f) => [path.relative(SAMPLES_DIR, f), f]))("%s", (_name, file) => {
    expect(diagnostics.get(file)).toEqual([]);
  });

  it("the check bites: a sample using a name the package does not export fails", () => {
    const broken = [...diagnostics].find(([f]) => f.endsWith("broken.ts"))?.[1];
    expect(broken?.join("\n")).toMatch(/TS2305 Module '"hwc-gateways"' has no exported member 'deregister'/);
  });
});

let emulator: Emulator;
let toolbox: SampleToolbox;
const log: RequestLogEntry[] = [];

describe("every sample runs against the emulator and does what it says", () => {
  beforeAll(async () => {
    toolbox = await prepareSamples(operations.map((o) => path.join(SAMPLES_DIR, o.operationId, "sdk.ts")));
    // Jobs and settling take long enough that the samples' waits see the change in progress first.
    emulator = await startEmulator({ port: 0, jobDelayMs: 800, ddsSettleMs: 400, onRequest: (e) => log.push(e) });
  }, 120_000);
  afterAll(async () => {
    await emulator?.stop();
    toolbox?.dispose();
  });
  beforeEach(() => {
    emulator?.reset();
    log.length = 0;
  });

  const runs = operations.flatMap(({ operationId }) => samplesOf(operationId).map((s) => ({ operationId, kind: s.kind, file: s.file })));

  it("runs every sample: 10 TypeScript, 5 CLI, 10 curl", () => {
    const count = (k: Kind) => runs.filter((r) => r.kind === k).length;
    expect([count("sdk"), count("cli"), count("curl")]).toEqual([10, 5, 10]);
  });

  it.each(runs)(
    "$operationId/$kind",
    async ({ operationId, kind, file }) => {
      const scenario = SCENARIOS[operationId];
      if (!scenario) throw new Error(`no scenario for ${operationId}`);
      const seed = defaultSeed();
      const user = seed.users?.[0];
      const key = seed.accessKeys?.[0];
      if (!user || !key) throw new Error("the default seed has no user or access key");
      const env = {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/root",
        HWGW_ENDPOINT: emulator.url,
        HUAWEICLOUD_SDK_PROJECT_ID: emulator.projectId,
        HUAWEICLOUD_SDK_AK: key.accessKeyId,
        HUAWEICLOUD_SDK_SK: key.secretAccessKey,
        HWGW_TOKEN: emulator.issueToken(),
        IAM_DOMAIN_NAME: user.domainName,
        IAM_USER_NAME: user.userName,
        IAM_PASSWORD: user.password,
        ...(typeof scenario.env === "function" ? scenario.env(emulator) : scenario.env),
      };
      const before = emulator.snapshot();
      const run = kind === "sdk" ? await toolbox.runTs(file, env) : await toolbox.runShell(file, env);
      const after = emulator.snapshot();
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch((typeof scenario.output === "function" ? scenario.output(emulator) : scenario.output)[kind]);
      // The sample called its operation, and every call it made succeeded.
      expect(log.filter((e) => e.operation === operationId && typeof e.status === "number" && e.status < 300).length).toBeGreaterThan(0);
      expect(log.filter((e) => e.status === "reset" || e.status >= 400)).toEqual([]);
      await scenario.effect(before, after, run, emulator);
    },
    60_000,
  );
});
