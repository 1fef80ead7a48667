import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSeed, loadSeed, parseSeed, SeedError, startEmulator, type Seed } from "../../src/emulator/index.js";
import { emulator, raw, SEED, tokenClients } from "./support.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hwgw-seed-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const issuesOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof SeedError) return err.issues;
    throw err;
  }
  throw new Error("the seed was accepted");
};

describe("emulator seed", () => {
  it("ships a valid default seed with what the docs promise", () => {
    const seed = defaultSeed();
    expect(seed.projectId).toBe(SEED.project);
    expect(seed.apig?.gateways).toHaveLength(2);
    expect(seed.apig?.gateways.filter((g) => (g.loadbalancerProvider ?? "elb") === "elb")).toHaveLength(1);
    const publicIps = seed.apig?.gateways[0]?.elbs?.flatMap((e) => e.publicIps ?? []) ?? [];
    expect(publicIps.map((a) => a.ip)).toEqual(expect.arrayContaining(["192.0.2.10", "192.0.2.11"]));
    expect(publicIps.some((a) => a.type === "v6")).toBe(true);
    expect(seed.dds?.instances.map((i) => i.mode)).toEqual(["ReplicaSet", "Sharding"]);
    expect(seed.dds?.instances[0]?.groups[0]?.nodes.map((n) => n.role)).toEqual(["Primary", "Secondary", "Hidden"]);
    expect(seed.users).toHaveLength(1);
    expect(seed.accessKeys).toHaveLength(1);
    // Each call is a fresh copy.
    seed.projectId = "changed";
    expect(defaultSeed().projectId).toBe(SEED.project);
  });

  it("loads a seed file, also through startEmulator({ seed: path })", async () => {
    const file = path.join(dir, "small.json");
    const small: Seed = {
      projectId: "p1",
      region: "eu-west-101",
      users: [{ domainName: "d", userName: "u", password: "pw" }],
      apig: { gateways: [{ id: "a".repeat(32), name: "gw", elbs: [{ id: "b".repeat(36), privateIps: [{ type: "v6", ip: "fd00::1" }] }] }] },
    };
    await writeFile(file, JSON.stringify(small));
    expect(await loadSeed(file)).toEqual(small);
    const emu = await emulator({ seed: file });
    expect(emu.projectId).toBe("p1");
    const { apig } = tokenClients(emu);
    expect((await apig.getInstance("a".repeat(32))).privateips).toEqual([{ ipv6_address: "fd00::1" }]);
    expect(emu.snapshot().users).toEqual([{ domainName: "d", userName: "u", projects: [{ id: "p1", name: "eu-west-101" }] }]);
  });

  it("names the file when it cannot be read or is not JSON", async () => {
    const missing = path.join(dir, "missing.json");
    await expect(loadSeed(missing)).rejects.toThrow(
      new RegExp(`^${missing.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is invalid:\\n  - cannot read the file: ENOENT`),
    );
    const broken = path.join(dir, "broken.json");
    await writeFile(broken, "{ nope");
    const err = await loadSeed(broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SeedError);
    expect((err as SeedError).issues[0]).toMatch(/^not valid JSON: /);
    await expect(startEmulator({ seed: broken })).rejects.toBeInstanceOf(SeedError);
  });

  it("lists every problem with its path", () => {
    const issues = issuesOf(() =>
      parseSeed({
        region: 4,
        extra: true,
        users: [
          { domainName: "d", userName: "u" },
          { domainName: "d", userName: "u", password: "p" },
          { domainName: "d", userName: "u", password: "p" },
        ],
        accessKeys: [{ accessKeyId: "A K", secretAccessKey: "" }],
        apig: {
          gateways: [
            {
              id: "short",
              name: "gw",
              status: "Sleeping",
              ingressIp: "::1",
              elbs: [
                {
                  id: "c".repeat(32),
                  publicIps: [
                    { type: "v4", ip: "2001:db8::1" },
                    { type: "v6", ip: "2001:db8::1" },
                    { type: "v6", ip: "2001:0db8::0001" },
                  ],
                },
              ],
            },
            { id: "g".repeat(32), name: "lvs", loadbalancerProvider: "lvs", elbs: [{ id: "c".repeat(32) }] },
          ],
        },
        dds: {
          instances: [
            {
              id: "i1",
              name: "x",
              mode: "Cluster",
              status: "sleeping",
              groups: [
                {
                  type: "replica",
                  nodes: [
                    { id: "n1", name: "n", role: "Primary", publicGateway: { natGatewayId: "n", publicIpId: "e", externalServicePort: 70000 } },
                    { id: "n1", name: "m", role: "Secondary" },
                  ],
                },
              ],
            },
          ],
        },
      }),
    );
    expect(issues).toEqual([
      "extra: is not a known field",
      "projectId: is required",
      "region: must be a string",
      "users[0].password: is required",
      'users[1]: duplicate user "d/u" (first at users[0])',
      'users[2]: duplicate user "d/u" (first at users[0])',
      "accessKeys[0].accessKeyId: must not contain whitespace, ',' or '='",
      "accessKeys[0].secretAccessKey: must have 1–256 characters (has 0)",
      "apig.gateways[0].id: must have 32–36 characters (has 5)",
      `apig.gateways[0].status: must be one of ${issuesStatusList()}`,
      "apig.gateways[0].ingressIp: must be an IPv4 address",
      "apig.gateways[0].elbs[0].publicIps[0].ip: must be an IPv4 address (type is v4)",
      'apig.gateways[0].elbs[0].publicIps[2].ip: duplicate ingress address on this gateway "2001:db8::1" (first at apig.gateways[0].elbs[0].publicIps[1].ip)',
      'apig.gateways[1].elbs: must be empty when loadbalancerProvider is "lvs"',
      'apig.gateways[1].elbs[0].id: duplicate ELB id "cccccccccccccccccccccccccccccccc" (first at apig.gateways[0].elbs[0].id)',
      "dds.instances[0].mode: must be one of Sharding, ReplicaSet, Single",
      "dds.instances[0].status: must be one of normal, abnormal, creating, frozen, data_disk_full, createfail, enlargefail",
      "dds.instances[0].groups[0].nodes[0].publicGateway.externalServicePort: must be an integer from 1 to 65535",
      'dds.instances[0].groups[0].nodes[1].id: duplicate node id "n1" (first at dds.instances[0].groups[0].nodes[0].id)',
    ]);
  });

  it("refuses a seed that is not an object, and invalid credentials", async () => {
    expect(issuesOf(() => parseSeed([]))).toEqual(["(root): must be an object"]);
    await expect(emulator({ credentials: { users: [{ domainName: "", userName: "u", password: "p" }] } })).rejects.toThrow(
      /credentials is invalid:\n {2}- users\[0\]\.domainName: must have 1–64 characters/,
    );
  });

  it("refuses invalid start options", async () => {
    await expect(startEmulator({ port: -1 })).rejects.toThrow("port must be an integer");
    await expect(startEmulator({ jobDelayMs: -5 })).rejects.toThrow("jobDelayMs must be an integer");
    await expect(startEmulator({ tokenTtlMs: 1.5 })).rejects.toThrow("tokenTtlMs must be an integer");
  });

  it("POST /__emulator/reset accepts a new seed and refuses an invalid one", async () => {
    const emu = await emulator();
    const bad = await raw(emu, "POST", "/__emulator/reset", { body: { seed: { projectId: "" } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error_msg).toContain("projectId: must have 1–64 characters");
    const ok = await raw(emu, "POST", "/__emulator/reset", { body: { seed: { projectId: SEED.project, apig: { gateways: [] } } } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ gateways: [], instances: [] });
    expect(emu.state.gateways.size).toBe(0);
  });
});

function issuesStatusList(): string {
  return [
    "Creating",
    "CreateSuccess",
    "CreateFail",
    "Initing",
    "Registering",
    "Running",
    "InitingFailed",
    "RegisterFailed",
    "Installing",
    "InstallFailed",
    "Updating",
    "UpdateFailed",
    "Rollbacking",
    "RollbackSuccess",
    "RollbackFailed",
    "Deleting",
    "DeleteFailed",
    "Unregistering",
    "UnRegisterFailed",
    "CreateTimeout",
    "InitTimeout",
    "RegisterTimeout",
    "InstallTimeout",
    "UpdateTimeout",
    "RollbackTimeout",
    "DeleteTimeout",
    "UnregisterTimeout",
    "Starting",
    "Freezing",
    "Frozen",
    "Restarting",
    "RestartFail",
    "Unhealthy",
    "RestartTimeout",
    "Resizing",
    "ResizeFailed",
    "ResizeTimeout",
  ].join(", ");
}
