/** tokenAuth with a token function: the caller's signal bounds the wait, and a missing signal or context does not. */
import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import type { AuthContext } from "../../src/options.js";

const request = () => ({
  method: "GET",
  url: new URL("https://apig.cn-north-4.myhuaweicloud.com/v2/p/apigw/instances/i"),
  headers: new Headers(),
  body: undefined,
});

describe("tokenAuth with a token function", () => {
  it("sets the token when called without a context, as plain JavaScript may call a strategy", async () => {
    const req = request();
    await tokenAuth(async () => "rotated-token").authenticate(req, undefined as unknown as AuthContext);
    expect(req.headers.get("X-Auth-Token")).toBe("rotated-token");
  });

  it("sets the token when the context has no signal", async () => {
    const req = request();
    await tokenAuth(() => "plain-token").authenticate(req, { fetch, projectId: undefined, signal: undefined, logger: console });
    expect(req.headers.get("X-Auth-Token")).toBe("plain-token");
  });

  it("calls the function on every attempt, so a rotated token is sent next time", async () => {
    let n = 0;
    const auth = tokenAuth(() => `token-${++n}`);
    const [first, second] = [request(), request()];
    await auth.authenticate(first, {} as AuthContext);
    await auth.authenticate(second, {} as AuthContext);
    expect([first.headers.get("X-Auth-Token"), second.headers.get("X-Auth-Token")]).toEqual(["token-1", "token-2"]);
  });
});
