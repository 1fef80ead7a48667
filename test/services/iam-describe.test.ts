import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { createIamClient } from "../../src/services/iam.js";

describe("IAM client description", () => {
  it("names itself IamClient in JSON and util.inspect, with its endpoint and no secret", () => {
    const iam = createIamClient({ endpoint: "http://127.0.0.1:9", auth: tokenAuth("secret-token-value") });
    const summary = { client: "IamClient", endpoint: "http://127.0.0.1:9", auth: "token" };
    expect(JSON.parse(JSON.stringify(iam))).toEqual(summary);
    expect(inspect(iam)).toBe(`IamClient ${JSON.stringify(summary)}`);
    expect(`${inspect(iam)}${JSON.stringify(iam)}`).not.toContain("secret-token-value");
  });

  it("says auth none when created without credentials, as IAM token calls need none", () => {
    const iam = createIamClient({ endpoint: "http://127.0.0.1:9" });
    expect(inspect(iam)).toBe('IamClient {"client":"IamClient","endpoint":"http://127.0.0.1:9","auth":"none"}');
    expect(Object.keys(iam).sort()).toEqual(["createTokenByPassword", "raw"]);
  });
});
