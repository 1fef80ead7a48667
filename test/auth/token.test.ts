/** tokenAuth's checks, exactly, and what it shows of itself. (Found by Stryker: strategies.test.ts checks paths.) */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { AbortError, ValidationError } from "../../src/errors.js";

function refusal(token: unknown): ValidationError {
  try {
    tokenAuth(token as string);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("accepted");
}

describe("tokenAuth", () => {
  it("refuses an empty token and one unsafe in a header, titled tokenAuth", () => {
    expect(refusal("").message).toBe("tokenAuth: auth.token must be a non-empty string");
    expect(refusal("").issues).toEqual([{ path: "auth.token", keyword: "minLength", message: "must be a non-empty string" }]);
    expect(refusal("a\r\nb").issues).toEqual([
      {
        path: "auth.token",
        keyword: "pattern",
        message: "must hold no control character (CR, LF, NUL, TAB, DEL…) and no character above U+00FF",
      },
    ]);
  });

  it("shows only its kind", () => {
    const auth = tokenAuth("MIIsecret");
    expect(inspect(auth)).toBe("[AuthStrategy token]");
    expect(JSON.stringify(auth)).toBe('{"kind":"token"}');
  });

  it("gives up on a token function that never settles when the caller aborts, saying what was aborted", async () => {
    const controller = new AbortController();
    const auth = tokenAuth(() => new Promise<string>(() => undefined));
    const request = { method: "GET", url: new URL("https://example.com/"), headers: new Headers(), body: undefined };
    const context = { fetch, projectId: undefined, signal: controller.signal, logger: console };
    const pending = auth.authenticate(request, context as never).catch((e: unknown) => e);
    controller.abort(new Error("user left"));
    const err = await pending;
    expect(err).toBeInstanceOf(AbortError);
    expect((err as Error).message).toBe("the token function was aborted: user left");
    expect(request.headers.has("X-Auth-Token")).toBe(false);
  });
});
