/** How the APIG and DDS clients name themselves and which endpoint they derive. */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { ValidationError } from "../../src/errors.js";
import { createApigClient } from "../../src/services/apig.js";
import { createDdsClient } from "../../src/services/dds.js";

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";

describe("APIG and DDS client descriptions", () => {
  it.each([
    ["APIG", "ApigClient", createApigClient],
    ["DDS", "DdsClient", createDdsClient],
  ] as const)("the %s client names itself %s in JSON and util.inspect, without its token", (_service, name, create) => {
    const client = create({ projectId: PROJECT, endpoint: "http://127.0.0.1:9", auth: tokenAuth("secret-token-value") });
    const summary = { client: name, endpoint: "http://127.0.0.1:9", projectId: PROJECT, auth: "token" };
    expect(JSON.parse(JSON.stringify(client))).toEqual(summary);
    expect(inspect(client)).toBe(`${name} ${JSON.stringify(summary)}`);
    expect(`${inspect(client)}${JSON.stringify(client)}`).not.toContain("secret-token-value");
  });

  it("the DDS client derives the dds endpoint of its region", () => {
    const dds = createDdsClient({ projectId: PROJECT, region: "cn-north-4", auth: tokenAuth("tok") });
    expect(JSON.parse(JSON.stringify(dds))).toMatchObject({ client: "DdsClient", endpoint: "https://dds.cn-north-4.myhuaweicloud.com" });
    const dublin = createDdsClient({ projectId: PROJECT, region: "eu-west-101", auth: tokenAuth("tok") });
    expect(JSON.parse(JSON.stringify(dublin))).toMatchObject({ endpoint: "https://dds.eu-west-101.myhuaweicloud.eu" });
  });

  it("the DDS client titles its option errors createDdsClient", () => {
    let error: unknown;
    try {
      createDdsClient({ projectId: PROJECT, auth: tokenAuth("tok") });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe("createDdsClient: region give region or endpoint");
  });
});
