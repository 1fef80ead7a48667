import { describe, expect, it } from "vitest";
import { akskAuth } from "../../src/auth/aksk.js";
import { tokenAuth } from "../../src/auth/token.js";
import { ValidationError } from "../../src/errors.js";
import type { AuthContext } from "../../src/options.js";

/** The issues `fn` throws as a ValidationError, as `path keyword` strings. */
function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).issues.map((i) => `${i.path} ${i.keyword}`);
  }
  throw new Error("accepted");
}

describe("strategy inputs are checked when the strategy is built", () => {
  it("tokenAuth: a non-empty token without CR or LF, or a function", () => {
    expect(issuesOf(() => tokenAuth(""))).toEqual(["auth.token minLength"]);
    expect(issuesOf(() => tokenAuth("t\r\nX-Evil: 1"))).toEqual(["auth.token pattern"]);
    expect(issuesOf(() => tokenAuth(42 as never))).toEqual(["auth.token minLength"]);
    expect(tokenAuth(() => "t").kind).toBe("token");
  });

  it("tokenAuth: what a token function returns is checked on every attempt", async () => {
    const request = { headers: new Headers() } as never;
    await expect(tokenAuth(() => "a\nb").authenticate(request, {} as AuthContext)).rejects.toThrow(ValidationError);
    await tokenAuth(async () => "fresh").authenticate(request, {} as AuthContext);
    expect((request as { headers: Headers }).headers.get("X-Auth-Token")).toBe("fresh");
  });

  it("akskAuth: every field reported at once, the security token only when given", () => {
    expect(issuesOf(() => akskAuth({ accessKeyId: "", secretAccessKey: "s\n", securityToken: "" }))).toEqual([
      "auth.accessKeyId minLength",
      "auth.secretAccessKey pattern",
      "auth.securityToken minLength",
    ]);
    expect(issuesOf(() => akskAuth(undefined as never))).toEqual(["auth.accessKeyId minLength", "auth.secretAccessKey minLength"]);
    expect(akskAuth({ accessKeyId: "AK", secretAccessKey: "SK" }).kind).toBe("aksk");
  });
});
