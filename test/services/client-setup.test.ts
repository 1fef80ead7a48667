/**
 * createScopedClient, the base of the project-scoped clients (APIG, DDS): `auth` omitted means the default
 * credential chain, `projectId` omitted means one discovery by region, and bad input is refused before that
 * discovery's I/O as it would be before the request's.
 */
import { describe, expect, it } from "vitest";
import { operations } from "../../generated/operations/dds.js";
import { tokenAuth } from "../../src/auth/token.js";
import { ValidationError } from "../../src/errors.js";
import { createScopedClient } from "../../src/services/client-setup.js";
import { json, scriptedServers } from "../helpers/scripted-server.js";

const serve = scriptedServers();

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const DB = "9136fd2a9fcd405ea4674276ce36dae8in02";
const NODE = "52a4c096bb1f455d8d866956a959519eno02";
const projects = json(200, { projects: [{ id: PROJECT, name: "cn-north-4", domain_id: "d" }], links: { self: "x" } });

/** A DDS base client at `url` that discovers its project there too. */
const discovering = (url: string) =>
  createScopedClient("dds", { region: "cn-north-4", endpoint: url, iamEndpoint: url, auth: tokenAuth("tok"), maxRetries: 0, logLevel: "off" }, operations);

describe("createScopedClient", () => {
  it("reports a given project id as coming from the options, without any request", async () => {
    const requests: string[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      requests.push(String(input));
      return new Response("{}", { status: 500 });
    };
    const scoped = createScopedClient("dds", { projectId: PROJECT, region: "cn-north-4", auth: tokenAuth("tok"), fetch }, []);
    await expect(scoped.project()).resolves.toEqual({ projectId: PROJECT, source: "option" });
    expect(requests).toEqual([]);
  });

  it("uses the default credential chain when auth is omitted, and the given strategy otherwise", () => {
    const chained = createScopedClient("apig", { projectId: PROJECT, region: "cn-north-4" }, []);
    expect(chained.options.auth?.kind).toBe("default");
    const token = tokenAuth("tok");
    expect(createScopedClient("apig", { projectId: PROJECT, region: "cn-north-4", auth: token }, []).options.auth).toBe(token);
  });

  it("discovers the project once, then sends every request with it", async () => {
    const server = await serve(projects);
    const scoped = discovering(server.url);
    expect(scoped.options.projectId).toBeUndefined();
    await expect(scoped.project()).resolves.toEqual({ projectId: PROJECT, source: "iam" });
    await expect(scoped.project()).resolves.toEqual({ projectId: PROJECT, source: "iam" });
    expect(scoped.options.projectId).toBe(PROJECT);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /v3/projects?name=cn-north-4"]);
  });

  it("checks the inputs of the operation about to be sent before the lookup, all but the project id it awaits", async () => {
    const server = await serve(projects);
    const scoped = discovering(server.url);
    const input = { operationId: "UnbindPublicGateway", path: { instance_id: "..", node_id: NODE } };
    const err = await scoped.project(undefined, input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path)).toEqual(["instance_id"]);
    expect(server.requests).toHaveLength(0);
    // Good inputs go on to the lookup.
    await expect(scoped.project(undefined, { ...input, path: { instance_id: DB, node_id: NODE } })).resolves.toMatchObject({ projectId: PROJECT });
    expect(server.requests).toHaveLength(1);
  });
});
