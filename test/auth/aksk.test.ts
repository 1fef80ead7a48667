/**
 * akskAuth's checks and what authenticate adds, exactly. (Found by Stryker: strategies.test.ts checks the paths
 * reported, the services' tests the signature, neither the messages nor X-Project-Id's rules.)
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { akskAuth } from "../../src/auth/aksk.js";
import { ValidationError } from "../../src/errors.js";
import type { AuthContext, AuthRequest } from "../../src/options.js";

const creds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const context = (projectId: string | undefined): AuthContext => ({
  fetch: (() => Promise.reject(new Error("no fetch expected"))) as typeof fetch,
  projectId,
  signal: undefined,
  logger: { error() {}, warn() {}, info() {}, debug() {} },
});
const request = (headers: Record<string, string> = {}): AuthRequest =>
  ({ method: "GET", url: new URL("https://dds.cn-north-4.myhuaweicloud.com/v3/p/instances"), headers: new Headers(headers), body: undefined }) as AuthRequest;

function refusal(c: unknown): ValidationError {
  try {
    akskAuth(c as never);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("accepted");
}

describe("akskAuth", () => {
  it("refuses an access key with whitespace, ',' or '=', titled akskAuth", () => {
    for (const accessKeyId of ["AK ID", "AK,ID", "AK=ID"]) {
      const e = refusal({ ...creds, accessKeyId });
      expect(e.issues).toEqual([{ path: "auth.accessKeyId", keyword: "pattern", message: "must hold no whitespace, ',' or '='" }]);
      expect(e.message).toBe("akskAuth: auth.accessKeyId must hold no whitespace, ',' or '='");
    }
  });

  it("reports the list-syntax pattern only when the key passed the text checks", () => {
    expect(refusal({ ...creds, accessKeyId: "" }).issues.map((i) => i.keyword)).toEqual(["minLength"]);
    // A control character is the header rule's issue alone, not also the list-syntax one.
    const control = refusal({ ...creds, accessKeyId: "AK\nID" }).issues;
    expect(control).toHaveLength(1);
    expect(control[0]?.message).toMatch(/^must hold no control character/);
  });

  it("adds X-Project-Id from the client, keeps one the request has, adds none without a project", async () => {
    const auth = akskAuth(creds);
    const withProject = request();
    await auth.authenticate(withProject, context("p1"));
    expect(withProject.headers.get("X-Project-Id")).toBe("p1");
    const own = request({ "X-Project-Id": "mine" });
    await auth.authenticate(own, context("p1"));
    expect(own.headers.get("X-Project-Id")).toBe("mine");
    const none = request();
    await auth.authenticate(none, context(undefined));
    expect(none.headers.has("X-Project-Id")).toBe(false);
    expect(none.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$/);
  });

  it("shows only its kind", () => {
    const auth = akskAuth(creds);
    expect(inspect(auth)).toBe("[AuthStrategy aksk]");
    expect(JSON.stringify(auth)).toBe('{"kind":"aksk"}');
  });
});
