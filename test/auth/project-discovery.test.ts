import { describe, expect, it } from "vitest";
import { akskAuth } from "../../src/auth/aksk.js";
import { tokenAuth } from "../../src/auth/token.js";
import { ProjectDiscoveryError, ValidationError } from "../../src/errors.js";
import { createApigClient } from "../../src/services/apig.js";
import { createDdsClient } from "../../src/services/dds.js";
import { json, scriptedServers } from "../helpers/scripted-server.js";

const start = scriptedServers();
const projects = (...ids: string[]) => ({ projects: ids.map((id) => ({ id, name: "cn-north-4", domain_id: "d" })), links: { self: "x" } });
const instances = json(200, { instances: [], total_count: 0 });
const client = (url: string, auth = akskAuth({ accessKeyId: "AKDISCOVER", secretAccessKey: "discovery-secret-key" })) =>
  createDdsClient({ region: "cn-north-4", endpoint: url, iamEndpoint: url, auth, maxRetries: 0, logLevel: "off" });

describe("project id discovery", () => {
  it("looks the region's project up once, signed without X-Project-Id, for concurrent calls, then sends it", async () => {
    const server = await start(json(200, projects("p-found")), instances);
    const dds = client(server.url);
    await Promise.all([dds.listInstances(), dds.listInstances(), dds.listInstances()]);
    const [lookup, ...calls] = server.requests;
    expect(lookup).toMatchObject({ method: "GET", url: "/v3/projects?name=cn-north-4" });
    expect(lookup?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=AKDISCOVER,/);
    expect(lookup?.headers["x-project-id"]).toBeUndefined();
    expect(calls.map((r) => r.url)).toEqual(Array(3).fill("/v3/p-found/instances"));
    expect(calls.every((r) => r.headers["x-project-id"] === "p-found")).toBe(true);
    await dds.listInstances();
    expect(server.requests.filter((r) => r.url.startsWith("/v3/projects"))).toHaveLength(1);
  });

  it("says when the region has no project, and tries again on the next call", async () => {
    const server = await start(json(200, projects()), json(200, projects("p-later")), instances);
    const dds = client(server.url, tokenAuth("tok"));
    const err = (await dds.listInstances().catch((e: unknown) => e)) as ProjectDiscoveryError;
    expect(err).toBeInstanceOf(ProjectDiscoveryError);
    expect(err.message).toBe("IAM lists no project named cn-north-4: give projectId");
    expect(err).toMatchObject({ region: "cn-north-4", projectIds: [] });
    await dds.listInstances();
    expect(server.requests.at(-1)?.url).toBe("/v3/p-later/instances");
  });

  it("refuses to choose among several projects", async () => {
    const server = await start(json(200, projects("p-1", "p-2")));
    const err = (await client(server.url)
      .listInstances()
      .catch((e: unknown) => e)) as ProjectDiscoveryError;
    expect(err.message).toBe("IAM lists 2 projects (p-1, p-2) named cn-north-4: give projectId");
    expect(err.projectIds).toEqual(["p-1", "p-2"]);
  });

  it("wraps an IAM refusal, its typed error kept as the cause", async () => {
    const server = await start(json(403, { error: { code: 403, message: "forbidden" } }));
    const err = (await client(server.url)
      .listInstances()
      .catch((e: unknown) => e)) as ProjectDiscoveryError;
    expect(err).toBeInstanceOf(ProjectDiscoveryError);
    expect(err.cause).toMatchObject({ name: "PermissionDeniedError", status: 403 });
  });

  it("refuses bad input before the discovery's I/O, naming the field, and discovers for good input", async () => {
    const server = await start(json(200, projects("p-found")), json(202, { instance_id: "i", message: "ok", job_id: "JOB-1" }));
    const auth = akskAuth({ accessKeyId: "AKDISCOVER", secretAccessKey: "discovery-secret-key" });
    const apig = createApigClient({ region: "cn-north-4", endpoint: server.url, iamEndpoint: server.url, auth, maxRetries: 0, logLevel: "off" });
    const dds = client(server.url, auth);
    const bad = [
      apig.deregisterIngressIps("gw-1", { elbs: [{ elb_id: "not-a-uuid", ingress_ip_ids: [] }] } as never),
      apig.getInstance("../etc"),
      dds.unbindPublicGateway("db/1", "node-1"),
      dds.bindPublicGateway("db-1", "node-1", { nat_gateway_id: "nat", public_ip_id: "eip", external_service_port: -1 } as never),
      dds.listInstances({ limit: -5 }),
    ];
    const errors = await Promise.all(
      bad.map((p) =>
        p.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    for (const err of errors) expect(err).toBeInstanceOf(ValidationError);
    expect((errors[0] as ValidationError).issues.map((i) => i.path).join(" ")).toMatch(/elbs\[0\]/);
    expect((errors[1] as ValidationError).issues.map((i) => i.path)).toContain("instance_id");
    expect((errors[3] as ValidationError).issues.map((i) => i.path).join(" ")).toMatch(/external_service_port/);
    expect((errors[4] as ValidationError).issues.map((i) => i.path).join(" ")).toMatch(/limit/);
    expect(errors.some((e) => (e as ValidationError).issues.some((i) => i.path.includes("project_id")))).toBe(false);
    expect(server.requests).toHaveLength(0);

    await apig.deregisterIngressIps("gw-1", { elbs: [{ elb_id: "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab" }] } as never);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /v3/projects?name=cn-north-4",
      "PUT /v2/p-found/apigw/instances/gw-1/ingress-unregister",
    ]);
  });
});
