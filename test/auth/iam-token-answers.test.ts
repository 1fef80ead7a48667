import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../src/errors.js";
import { createIamClient } from "../../src/services/iam.js";
import { json, scriptedServers } from "../helpers/scripted-server.js";

const serve = scriptedServers();
const body = {
  auth: {
    identity: { methods: ["password" as const], password: { user: { name: "u", password: "p", domain: { name: "d" } } } },
    scope: { project: { name: "cn-north-4" } },
  },
};

const answer = (token: unknown, headers: Record<string, string>) => json(201, { token }, headers);
const fail = async (response: ReturnType<typeof json>) => {
  const server = await serve(response);
  return createIamClient({ endpoint: server.url, maxRetries: 0 })
    .createTokenByPassword(body)
    .catch((e: unknown) => e);
};

describe("IAM token answers the SDK cannot use", () => {
  it("names a missing X-Subject-Token and keeps the request id", async () => {
    const err = await fail(answer({ expires_at: "2030-01-01T00:00:00Z" }, { "x-request-id": "req-1" }));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).toMatchObject({ status: 201, requestId: "req-1", message: "IAM answered 201 without an X-Subject-Token header (request id req-1)" });
  });

  it("names a token no header can carry (only a custom fetch can hand one over), without showing it", async () => {
    // A C1 control: Headers accept it, a request header cannot carry it on.
    const response = new Response(JSON.stringify({ token: { expires_at: "2030-01-01T00:00:00Z" } }), {
      status: 201,
      headers: { "content-type": "application/json", "x-request-id": "req-2", "x-subject-token": "MII\u0085secret" },
    });
    const err = await createIamClient({ endpoint: "http://127.0.0.1:9", maxRetries: 0, fetch: async () => response })
      .createTokenByPassword(body)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as Error).message).toBe("IAM answered 201 with an X-Subject-Token that no header can carry (request id req-2)");
    expect((err as Error).message).not.toContain("secret");
  });

  it("refuses an expires_at that is a number, even one Date.parse would read as a year", async () => {
    const err = await fail(answer({ expires_at: 2030 }, { "x-subject-token": "MIItoken", "x-request-id": "req-3" }));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).toMatchObject({ requestId: "req-3", message: "IAM answered 201 without a valid token.expires_at (request id req-3)" });
  });

  it("names the IAM client in the errors of its options", () => {
    expect(() => createIamClient({ endpoint: "ftp://127.0.0.1" })).toThrow(/^createIamClient/);
  });
});
