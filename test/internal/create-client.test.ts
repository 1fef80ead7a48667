/**
 * What createBaseClient and describeClient add around openapi-fetch: a typed error for a body JSON cannot hold,
 * and a client view (inspect / JSON) that stays with the client and is not copied along with its methods.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { ValidationError } from "../../src/errors.js";
import { createApigClient } from "../../src/services/apig.js";

const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const ROUTE = "/v2/{project_id}/apigw/instances/{instance_id}/ingress-register";
const path = { project_id: PROJECT, instance_id: "eddc4d25480b4cd6b512f270a1b8b341" };

const apig = () => createApigClient({ projectId: PROJECT, endpoint: "http://127.0.0.1:9", auth: tokenAuth("tok-123456789"), logLevel: "off" });

describe("request bodies JSON cannot hold", () => {
  it.each([
    ["a BigInt", { elbs: [{ elb_id: 1n }] }],
    [
      "a cycle",
      (() => {
        const o: Record<string, unknown> = {};
        o.self = o;
        return o;
      })(),
    ],
  ])("%s is a ValidationError naming the body, before any request", async (_what, body) => {
    const err = await apig()
      .raw.PUT(ROUTE, { params: { path }, body: body as never })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toBe("body must be serialisable as JSON (no BigInt, no cycles)");
    expect((err as ValidationError).issues).toEqual([{ path: "body", keyword: "type", message: "must be serialisable as JSON (no BigInt, no cycles)" }]);
  });
});

describe("the client's description", () => {
  it("is its own: a copy of the client made by spreading inspects as its own fields, not as the client", () => {
    const client = apig();
    expect(inspect(client)).toMatch(/^ApigClient \{"client":"ApigClient"/);
    const copy = { ...client };
    expect(Object.getOwnPropertySymbols(copy)).not.toContain(Symbol.for("nodejs.util.inspect.custom"));
    expect(inspect(copy)).not.toMatch(/^ApigClient/);
    expect(Object.keys(copy)).toEqual(Object.keys(client));
  });
});
