/**
 * readWaitState itself, below the services: every issue it records with its exact path, keyword and message, and
 * the readers it hands a service. (Found by Stryker: the service-level tests checked paths and keywords only.)
 */
import { describe, expect, it } from "vitest";
import { ValidationError, type ValidationIssue } from "../../src/errors.js";
import { isRecord, MAX_STATE_TEXT, newWaitState, readWaitState, WAIT_STATE_FORMAT } from "../../src/wait/state.js";

const ENDPOINT = "https://apig.cn-north-4.myhuaweicloud.com";
const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const target = { service: "apig", operations: ["deregister", "register"], endpoint: ENDPOINT, projectId: PROJECT } as const;
const valid = {
  format: WAIT_STATE_FORMAT,
  service: "apig",
  operation: "deregister",
  endpoint: ENDPOINT,
  projectId: PROJECT,
  instanceId: "6a7d71827fd54572b1f31aa9548fcc81",
  startedAt: "2026-11-25T10:00:00.000Z",
  expect: {},
};

/** The ValidationError that reading `input` (and calling done) throws. */
function failure(input: unknown, read?: (r: ReturnType<typeof readWaitState<"apig", "deregister" | "register">>) => void): ValidationError {
  try {
    const r = readWaitState(input, target);
    read?.(r);
    r.done();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("no ValidationError");
}
const issues = (input: unknown, read?: Parameters<typeof failure>[1]): ValidationIssue[] => [...failure(input, read).issues];

describe("readWaitState", () => {
  it("reads a valid state: base fields from the client, expect as given", () => {
    const r = readWaitState(JSON.stringify(valid), target);
    expect(r.base).toEqual({ ...valid, expect: undefined, endpoint: ENDPOINT });
    expect(r.expect).toEqual({});
    expect(r.raw).toEqual(valid);
    expect(() => r.done()).not.toThrow();
  });

  it("refuses text that is not JSON, titled resumeWait, at state", () => {
    const e = failure("{not json");
    expect(e.message).toBe("resumeWait: state is not valid JSON");
    expect(e.issues).toEqual([{ path: "state", keyword: "format", message: "is not valid JSON" }]);
  });

  it("refuses a non-object, naming what it should be", () => {
    for (const input of [null, [valid], 42, "[]"]) {
      expect(issues(input)).toEqual([{ path: "state", keyword: "type", message: "must be an object (what handle.waitState() returned)" }]);
    }
  });

  it("names each wrong common field with its keyword and message", () => {
    expect(
      issues({
        ...valid,
        format: "other/1",
        service: "dds",
        endpoint: "https://elsewhere.example.com",
        projectId: "0123456789abcdef0123456789abcdef",
        startedAt: "yesterday",
        expect: [],
      }),
    ).toEqual([
      { path: "state.format", keyword: "const", message: `must be ${JSON.stringify(WAIT_STATE_FORMAT)}` },
      { path: "state.service", keyword: "const", message: 'must be "apig" for this client' },
      { path: "state.endpoint", keyword: "const", message: `is https://elsewhere.example.com, but this client talks to ${ENDPOINT}` },
      { path: "state.projectId", keyword: "const", message: "belongs to another project than this client's" },
      { path: "state.startedAt", keyword: "format", message: "must be an ISO 8601 date-time" },
      { path: "state.expect", keyword: "type", message: "must be an object" },
    ]);
  });

  it("wants startedAt to start with a full date and to parse", () => {
    const at = (startedAt: string) => issues({ ...valid, startedAt }, undefined).map((i) => i.path);
    expect(at("x2026-11-25T10:00:00Z")).toEqual(["state.startedAt"]); // anchored at the start
    expect(at("2026-11-25T99:99:99Z")).toEqual(["state.startedAt"]); // shaped right, does not parse
    expect(at("Nov 25 2026 10:00")).toEqual(["state.startedAt"]); // parses, not ISO
  });

  it("accepts the endpoint with trailing slashes, not with a different path", () => {
    expect(() => readWaitState({ ...valid, endpoint: `${ENDPOINT}//` }, target).done()).not.toThrow();
    expect(issues({ ...valid, endpoint: `${ENDPOINT}/x/` }).map((i) => i.path)).toEqual(["state.endpoint"]);
  });

  it("text: non-empty, at most MAX_STATE_TEXT characters", () => {
    const ok = { ...valid, endpoint: ENDPOINT };
    expect(issues({ ...ok, startedAt: "" })).toEqual([{ path: "state.startedAt", keyword: "type", message: "must be a non-empty string" }]);
    const r = readWaitState(valid, target);
    expect(r.text(".x", "a".repeat(MAX_STATE_TEXT))).toBe("a".repeat(MAX_STATE_TEXT));
    expect(r.text(".x", "a".repeat(MAX_STATE_TEXT + 1))).toBeUndefined();
    expect(() => r.done()).toThrow(`state.x must have at most ${MAX_STATE_TEXT} characters`);
  });

  it("id: a path parameter named after the path without its dot", () => {
    expect(issues(valid, (r) => expect(r.id(".instanceId", "a/b")).toBeUndefined())).toEqual([
      expect.objectContaining({ path: "state.instanceId", keyword: "pattern" }),
    ]);
    expect(failure(valid, (r) => r.id(".instanceId", "a/b")).message).toMatch(/^resumeWait: state\.instanceId /);
  });

  it("flag: a boolean, true for the first target operation and false for the others", () => {
    expect(issues(valid, (r) => r.flag(".f", "yes"))).toEqual([{ path: "state.f", keyword: "type", message: "must be a boolean" }]);
    expect(issues(valid, (r) => r.flag(".f", false))).toEqual([{ path: "state.f", keyword: "const", message: "must be true for deregister" }]);
    expect(issues({ ...valid, operation: "register" }, (r) => r.flag(".f", true))).toEqual([
      { path: "state.f", keyword: "const", message: "must be false for register" },
    ]);
    expect(() => readWaitState(valid, target).flag(".f", true)).not.toThrow();
  });

  it("list: an array of at most max items", () => {
    const r = readWaitState(valid, target);
    expect(r.list(".l", [1, 2], 2)).toEqual([1, 2]);
    expect(() => r.done()).not.toThrow();
    expect(issues(valid, (x) => x.list(".l", {}, 2))).toEqual([{ path: "state.l", keyword: "type", message: "must be an array" }]);
    expect(issues(valid, (x) => x.list(".l", [1, 2, 3], 2))).toEqual([{ path: "state.l", keyword: "maxItems", message: "must have at most 2 items" }]);
  });

  it("oneOf: lists the allowed values", () => {
    expect(issues({ ...valid, operation: "wipe" })).toEqual([{ path: "state.operation", keyword: "enum", message: "must be deregister or register" }]);
  });

  it("newWaitState writes the format tag and the start time in ISO 8601 UTC", () => {
    expect(newWaitState({ endpoint: ENDPOINT, projectId: PROJECT, instanceId: "i", startedAtMs: Date.UTC(2026, 0, 2, 3, 4, 5, 6) })).toEqual({
      format: WAIT_STATE_FORMAT,
      endpoint: ENDPOINT,
      projectId: PROJECT,
      instanceId: "i",
      startedAt: "2026-01-02T03:04:05.006Z",
    });
  });

  it("isRecord: plain objects only", () => {
    expect([{}, { a: 1 }].map(isRecord)).toEqual([true, true]);
    expect([null, [], "x", 1, undefined].map(isRecord)).toEqual([false, false, false, false, false]);
  });
});
