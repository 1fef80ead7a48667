import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { parseApigWaitState, type ApigWaitState } from "../../src/services/apig.js";
import { WAIT_STATE_FORMAT } from "../../src/wait/state.js";
import { ELB, ENDPOINT, GATEWAY, JOB, PROJECT } from "./fake-cloud.js";

const parseWaitState = (input: unknown, t: { endpoint: string; projectId: string }) => parseApigWaitState(input, t.endpoint, t.projectId);
const target = { endpoint: ENDPOINT, projectId: PROJECT };
const valid: ApigWaitState = {
  format: WAIT_STATE_FORMAT,
  service: "apig",
  operation: "deregisterIngressIps",
  endpoint: ENDPOINT,
  projectId: PROJECT,
  instanceId: GATEWAY,
  jobId: JOB,
  startedAt: "2026-11-25T10:00:00.000Z",
  expect: { registered: false, ips: [{ elbId: ELB, kind: "private", type: "v6", ip: "2001:db8::10" }] },
};

const issuesOf = (input: unknown): string[] => {
  try {
    parseWaitState(input, target);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => `${i.path} ${i.keyword}`);
  }
  return [];
};

describe("parseWaitState", () => {
  it("round-trips a valid state, from an object or JSON text, keeping only known fields", () => {
    expect(parseWaitState(valid, target)).toEqual(valid);
    expect(parseWaitState(JSON.stringify({ ...valid, extra: "dropped", token: "x" }), target)).toEqual(valid);
  });

  it("accepts an endpoint written with a trailing slash or upper-case host", () => {
    expect(issuesOf({ ...valid, endpoint: "https://APIG.cn-north-4.myhuaweicloud.com/" })).toEqual([]);
  });

  it("names every problem at once", () => {
    expect(
      issuesOf({
        format: WAIT_STATE_FORMAT,
        service: "apig",
        operation: "deleteEverything",
        endpoint: 42,
        projectId: "",
        instanceId: "a/b",
        jobId: 7,
        startedAt: "2026-13-45",
        expect: { registered: "no", ips: [null, { elbId: "", kind: "public", type: "v9", ip: "1.2.3.4" }] },
      }),
    ).toEqual([
      "state.endpoint type",
      "state.projectId type",
      "state.instanceId pattern",
      "state.startedAt format",
      "state.operation enum",
      "state.jobId type",
      "state.expect.registered type",
      "state.expect.ips[0] type",
      "state.expect.ips[1].elbId type",
      "state.expect.ips[1].type enum",
    ]);
  });

  it("says what each shared check expects", () => {
    const messages = (input: unknown): string[] => {
      try {
        parseWaitState(input, target);
      } catch (e) {
        return (e as ValidationError).issues.map((i) => `${i.path}: ${i.message}`);
      }
      return [];
    };
    expect(messages({ ...valid, operation: "x", expect: { registered: 1, ips: {} } })).toEqual([
      "state.operation: must be registerIngressIps or deregisterIngressIps",
      "state.expect.registered: must be a boolean",
      "state.expect.ips: must be an array",
    ]);
    expect(messages({ ...valid, expect: { registered: true, ips: [{ ...valid.expect.ips[0], kind: "x" }] } })).toEqual([
      "state.expect.registered: must be false for deregisterIngressIps",
      "state.expect.ips[0].kind: must be public, private or global",
    ]);
    expect(messages({ ...valid, operation: "registerIngressIps", expect: { ...valid.expect, registered: false } })).toEqual([
      "state.expect.registered: must be true for registerIngressIps",
    ]);
  });

  it("bounds hostile input", () => {
    expect(issuesOf({ ...valid, instanceId: "x".repeat(10_000) })).toEqual(["state.instanceId maxLength"]);
    expect(issuesOf({ ...valid, expect: { registered: false, ips: Array.from({ length: 61 }, () => valid.expect.ips[0]) } })).toEqual([
      "state.expect.ips maxItems",
    ]);
  });

  it("property: never throws anything but ValidationError, whatever the input", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.string(), fc.record({ ...Object.fromEntries(Object.keys(valid).map((k) => [k, fc.jsonValue()])) }, { requiredKeys: [] })),
        (input) => {
          try {
            parseWaitState(input, target);
            return true;
          } catch (e) {
            return e instanceof ValidationError;
          }
        },
      ),
    );
  });
});
