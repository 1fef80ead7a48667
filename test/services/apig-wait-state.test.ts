import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { type ApigWaitState, parseApigWaitState } from "../../src/services/apig.js";
import { MAX_STATE_TEXT, WAIT_STATE_FORMAT } from "../../src/wait/state.js";

// What resumeWait accepts, checked field by field: a state from another process is untrusted input, and what
// passes here decides what the resumed wait polls for.

const ENDPOINT = "https://apig.cn-north-4.myhuaweicloud.com";
const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const GATEWAY = "6a7d71827fd54572b1f31aa9548fcc81";
const ELB = "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab";

type Ip = { elbId?: unknown; kind?: unknown; type?: unknown; ip?: unknown };

function state(ips: unknown[] = [{ elbId: ELB, kind: "public", type: "v4", ip: "192.0.2.10" }], extra: Record<string, unknown> = {}) {
  return {
    format: WAIT_STATE_FORMAT,
    service: "apig",
    operation: "deregisterIngressIps",
    endpoint: ENDPOINT,
    projectId: PROJECT,
    instanceId: GATEWAY,
    jobId: "JOB-a7c1241c33334490a3fdcd11102bcbda",
    startedAt: "2026-01-05T10:00:00.000Z",
    expect: { registered: false, ips },
    ...extra,
  };
}

const parse = (input: unknown): ApigWaitState => parseApigWaitState(input, ENDPOINT, PROJECT);

/** The issues `parse` throws, as `path keyword: message`. */
function issues(input: unknown): string[] {
  try {
    parse(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => `${i.path} ${i.keyword}: ${i.message}`);
  }
  throw new Error("accepted");
}

const oneIp = (ip: Ip) => issues(state([{ elbId: ELB, kind: "public", type: "v4", ip: "192.0.2.10", ...ip }]));

describe("parseApigWaitState: operation and expected end state", () => {
  it("a register state resumes as a register wait: registered true, so the wait looks for the addresses to appear", () => {
    const parsed = parse(state(undefined, { operation: "registerIngressIps", expect: { registered: true, ips: [] } }));
    expect(parsed.operation).toBe("registerIngressIps");
    expect(parsed.expect.registered).toBe(true);
  });

  it("a deregister state resumes with registered false", () => {
    const parsed = parse(state());
    expect(parsed.operation).toBe("deregisterIngressIps");
    expect(parsed.expect).toEqual({ registered: false, ips: [{ elbId: ELB, kind: "public", type: "v4", ip: "192.0.2.10" }] });
  });
});

describe("parseApigWaitState: jobId", () => {
  it("is informational: an empty one (a 202 without job_id) still resumes, and is kept", () => {
    expect(parse(state(undefined, { jobId: "" })).jobId).toBe("");
  });

  it("must be a string", () => {
    expect(issues(state(undefined, { jobId: 42 }))).toEqual(["state.jobId type: must be a string"]);
  });

  it(`may have ${MAX_STATE_TEXT} characters, not one more`, () => {
    expect(parse(state(undefined, { jobId: "J".repeat(MAX_STATE_TEXT) })).jobId).toHaveLength(MAX_STATE_TEXT);
    expect(issues(state(undefined, { jobId: "J".repeat(MAX_STATE_TEXT + 1) }))).toEqual([
      `state.jobId maxLength: must have at most ${MAX_STATE_TEXT} characters`,
    ]);
  });
});

describe("parseApigWaitState: expect.ips items", () => {
  it("an item that is not an object is named by its index", () => {
    expect(issues(state([42]))).toEqual(["state.expect.ips[0] type: must be an object"]);
    expect(issues(state([{ elbId: ELB, kind: "public", type: "v4", ip: "192.0.2.10" }, null]))).toEqual(["state.expect.ips[1] type: must be an object"]);
  });

  it("elbId must be a string of 1–64 characters", () => {
    const message = "state.expect.ips[0].elbId type: must be a string of 1–64 characters";
    expect(oneIp({ elbId: 42 })).toEqual([message]);
    expect(oneIp({ elbId: ["x"] })).toEqual([message]);
    expect(oneIp({ elbId: "" })).toEqual([message]);
    expect(oneIp({ elbId: "e".repeat(65) })).toEqual([message]);
    expect(parse(state([{ elbId: "e".repeat(64), kind: "public", type: "v4", ip: "192.0.2.10" }])).expect.ips[0]?.elbId).toHaveLength(64);
  });

  it("ip must be an address of the item's type, with a format issue naming the version", () => {
    expect(oneIp({ type: "v4", ip: "2001:db8::1" })).toEqual(["state.expect.ips[0].ip format: must be an IPv4 address"]);
    expect(oneIp({ type: "v6", ip: "192.0.2.1" })).toEqual(["state.expect.ips[0].ip format: must be an IPv6 address"]);
    expect(oneIp({ type: "v6", ip: "not an address" })).toEqual(["state.expect.ips[0].ip format: must be an IPv6 address"]);
  });

  it("ip must be a string: a number or an array holding an address is refused (not thrown on, not stringified)", () => {
    expect(oneIp({ type: "v6", ip: 42 })).toEqual(["state.expect.ips[0].ip format: must be an IPv6 address"]);
    expect(oneIp({ type: "v4", ip: ["192.0.2.1"] })).toEqual(["state.expect.ips[0].ip format: must be an IPv4 address"]);
    expect(oneIp({ type: "v6", ip: ["2001:db8::1"] })).toEqual(["state.expect.ips[0].ip format: must be an IPv6 address"]);
  });

  it("the longest IPv6 text (45 characters) is accepted", () => {
    const longest = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";
    expect(longest).toHaveLength(45);
    expect(parse(state([{ elbId: ELB, kind: "private", type: "v6", ip: longest }])).expect.ips[0]?.ip).toBe(longest);
  });

  it("more than 45 characters is refused, even when the URL parser would accept it (it drops tabs and newlines)", () => {
    const padded = `2001:db8::1${"\t".repeat(40)}`;
    expect(URL.canParse(`http://[${padded}]/`)).toBe(true);
    expect(oneIp({ type: "v6", ip: padded })).toEqual(["state.expect.ips[0].ip format: must be an IPv6 address"]);
    expect(oneIp({ type: "v6", ip: `2001:db8::${"\n".repeat(36)}1` })).toEqual(["state.expect.ips[0].ip format: must be an IPv6 address"]);
    expect(oneIp({ type: "v4", ip: "1".repeat(46) })).toEqual(["state.expect.ips[0].ip format: must be an IPv4 address"]);
  });

  it("IPv6 text that only parses as a URL with a path or zone after it is refused", () => {
    // `http://[::1]/[]/` is a valid URL (host ::1, path /[]/): the parser alone would accept these
    for (const ip of ["::1]/[", "::1]/", "2001:db8::1]/x/[", "fe80::1%25eth0"]) {
      expect(oneIp({ type: "v6", ip })).toEqual(["state.expect.ips[0].ip format: must be an IPv6 address"]);
    }
    expect(URL.canParse("http://[::1]/[]/")).toBe(true);
  });

  it("IPv6 needs a colon: text the URL parser reads as user info, host and query is refused", () => {
    // `http://[a@example.com?]/` is user `[a`, host example.com, query `]/`
    for (const ip of ["a@example.com?", "a@b#", "a@b\\"]) {
      expect(URL.canParse(`http://[${ip}]/`)).toBe(true);
      expect(oneIp({ type: "v6", ip })).toEqual(["state.expect.ips[0].ip format: must be an IPv6 address"]);
    }
  });

  it("an item with every field wrong lists each of them", () => {
    expect(issues(state([{ elbId: 7, kind: "elsewhere", type: "v5", ip: "x" }]))).toEqual([
      "state.expect.ips[0].elbId type: must be a string of 1–64 characters",
      "state.expect.ips[0].kind enum: must be public, private or global",
      "state.expect.ips[0].type enum: must be v4 or v6",
    ]);
  });
});
