import { describe, expect, it } from "vitest";
import { call, credentialOf, metadataToken, signedGet } from "./identity-support.js";
import { emulator, SEED } from "./support.js";

const ids = (json: Record<string, unknown> | undefined) => (json?.projects as { id: string }[] | undefined)?.map((p) => p.id);

describe("emulator: KeystoneListProjects", () => {
  it("lists the region's one seeded project, signed with AK/SK and no X-Project-Id (project discovery)", async () => {
    const emu = await emulator();
    const res = await signedGet(emu, "/v3/projects?name=cn-north-4", { accessKeyId: SEED.ak, secretAccessKey: SEED.sk });
    expect(res.status).toBe(200);
    expect(res.json.projects).toEqual([
      {
        id: SEED.project,
        name: "cn-north-4",
        domain_id: "d78cbac186b744899480f25bd022f468",
        parent_id: "d78cbac186b744899480f25bd022f468",
        is_domain: false,
        enabled: true,
        description: "",
        links: { self: `${emu.url}/v3/projects/${SEED.project}` },
      },
    ]);
    expect(res.json.links).toEqual({ self: `${emu.url}/v3/projects?name=cn-north-4`, previous: null, next: null });
  });

  it("accepts a token and temporary credentials from the metadata API; refuses a request without credentials (401 APIGW.0301)", async () => {
    const emu = await emulator();
    expect(ids((await call(emu, "GET", "/v3/projects?name=cn-north-4", { headers: { "X-Auth-Token": emu.issueToken() } })).json)).toEqual([SEED.project]);
    const c = credentialOf((await call(emu, "GET", "/openstack/latest/securitykey", { headers: { "X-Metadata-Token": await metadataToken(emu) } })).json);
    const signed = await signedGet(emu, "/v3/projects?name=cn-north-4", { accessKeyId: c.access, secretAccessKey: c.secret, securityToken: c.securitytoken });
    expect(ids(signed.json)).toEqual([SEED.project]);
    const unsigned = await call(emu, "GET", "/v3/projects?name=cn-north-4");
    expect(unsigned.status).toBe(401);
    expect(unsigned.json).toMatchObject({ error_code: "APIGW.0301" });
  });

  it("answers no project for an unknown region, and several when the seed has several of one name", async () => {
    const emu = await emulator({
      seed: {
        projectId: SEED.project,
        projects: [
          { id: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", name: "cn-north-4" },
          { id: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", name: "cn-north-4" },
          { id: "cccccccccccccccccccccccccccccccc", name: "ap-southeast-1" },
        ],
        accessKeys: [{ accessKeyId: SEED.ak, secretAccessKey: SEED.sk }],
      },
    });
    const creds = { accessKeyId: SEED.ak, secretAccessKey: SEED.sk };
    expect(ids((await signedGet(emu, "/v3/projects?name=cn-north-4", creds)).json)).toEqual([
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    ]);
    expect(ids((await signedGet(emu, "/v3/projects?name=xx-nowhere-1", creds)).json)).toEqual([]);
    expect(ids((await signedGet(emu, "/v3/projects", creds)).json)).toHaveLength(3);
    expect(ids((await signedGet(emu, "/v3/projects?page=2&per_page=1", creds)).json)).toEqual(["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"]);
  });

  it("answers no project when the seed lists none, and tests may change the projects at run time", async () => {
    const emu = await emulator({ seed: { projectId: SEED.project, projects: [], accessKeys: [{ accessKeyId: SEED.ak, secretAccessKey: SEED.sk }] } });
    const creds = { accessKeyId: SEED.ak, secretAccessKey: SEED.sk };
    expect(ids((await signedGet(emu, "/v3/projects?name=cn-north-4", creds)).json)).toEqual([]);
    emu.state.projects.push({ id: SEED.project, name: "cn-north-4" });
    expect(ids((await signedGet(emu, "/v3/projects?name=cn-north-4", creds)).json)).toEqual([SEED.project]);
  });

  it.each(["page=0", "per_page=5001", "page=x", "enabled=yes"])("answers 400 IAM.0007 for %s", async (query) => {
    const emu = await emulator();
    const res = await signedGet(emu, `/v3/projects?${query}`, { accessKeyId: SEED.ak, secretAccessKey: SEED.sk });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error_code: "IAM.0007" });
  });

  it("refuses a seed whose projects are malformed, naming the field", async () => {
    await expect(emulator({ seed: { projectId: SEED.project, projects: [{ id: "", name: "cn-north-4" }] } as never })).rejects.toThrow(/projects\[0\]\.id/);
  });
});
