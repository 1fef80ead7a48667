import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { reportError, terminalText, type Io } from "../../src/cli/output.js";
import { createProgress } from "../../src/cli/progress.js";
import { trackingFetch } from "../../src/cli/traffic.js";
import { bundleCli, CHAIN_OFF_MACHINE, runCli } from "./cli-harness.js";
import { HOSTILE, startHostileServer, type HostileServer } from "./hostile-server.js";

const GW = "6a7d71827fd54572b1f31aa9548fcc81";
const ELB = "85392b45-685c-4f77-b19a-14ad875b8190";
const RS = "9136fd2a9fcd405ea4674276ce36dae8in02";
const NODE = "52a4c096bb1f455d8d866956a959519eno02";
const BIND = ["--nat-gateway", "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f3c4b", "--public-ip-id", "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d2a", "--port", "8635"];
const COMMANDS: Record<string, string[]> = {
  deregister: ["apig", "ingress", "deregister", "--instance", GW, "--elb", ELB, "--public-ip", "v4:192.0.2.10"],
  register: ["apig", "ingress", "register", "--instance", GW, "--elb", ELB, "--public-ip", "v4:192.0.2.10"],
  unbind: ["dds", "gateway", "unbind", "--instance", RS, "--node", NODE],
  bind: ["dds", "gateway", "bind", "--instance", RS, "--node", NODE, ...BIND],
};

// Anything a terminal could act on, other than the newline and tab our own multi-line output uses.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for the characters the CLI must strip
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

let cli: Awaited<ReturnType<typeof bundleCli>>;
let server: HostileServer;
let env: Record<string, string>;
beforeAll(async () => {
  cli = await bundleCli();
  server = await startHostileServer();
  env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/root",
    HWGW_ENDPOINT: server.url,
    HUAWEICLOUD_SDK_PROJECT_ID: "05041fffa40025702f6dc009cc6f8f33",
    HWGW_TOKEN: "emulator-token",
    ...CHAIN_OFF_MACHINE,
  };
}, 60_000);
afterAll(async () => {
  await server?.stop();
  cli?.dispose();
});
beforeEach(() => {
  server.mode = "ok";
  server.reset();
});

const run = (args: string[], extraEnv: Record<string, string> = {}) => runCli(cli.file, args, { ...env, ...extraEnv });
const expectTerminalSafe = (r: { stdout: string; stderr: string }) => {
  expect(r.stdout).not.toMatch(RAW_CONTROL);
  expect(r.stderr).not.toMatch(RAW_CONTROL);
  // a server's newline stays inside its field: no line of ours can be forged
  expect(r.stdout + r.stderr).not.toMatch(/^Done: forged/m);
};

describe("hwgw against a server answering with escape sequences", () => {
  it("shows instance_name and status escaped, visibly, in the human form", async () => {
    const r = await run(["apig", "instance", "show", "--instance", GW]);
    expect(r.code, r.stderr).toBe(0);
    expectTerminalSafe(r);
    expect(r.stdout).toContain(`gw \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x85\\x9d0;x\\x9c\\x7f\\u202eevil\\rX\\nDone: forged`);
    expect(r.stdout).toMatch(/^Gateway \S+ \(gw .*\): Updating\\x1b/m);
  });

  it("keeps --json exact: the same strings after JSON.parse, with ESC, C1, DEL and bidi written as \\u escapes", async () => {
    const r = await run(["apig", "instance", "show", "--instance", GW, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expectTerminalSafe(r);
    expect(r.stdout).toContain("\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u0085\\u009d0;x\\u009c\\u007f\\u202eevil\\rX\\nDone: forged");
    expect(JSON.parse(r.stdout)).toMatchObject({
      instance_name: `gw ${HOSTILE}`,
      status: `Updating${HOSTILE}`,
      publicips: [{ ip_address: `192.0.2.10${HOSTILE}` }],
    });
  });

  it("escapes error_code, error_msg and the request id on stderr, on one line; --json keeps them exact", async () => {
    server.mode = "error";
    const r = await run(["apig", "instance", "show", "--instance", GW]);
    expect(r.code).toBe(1);
    expectTerminalSafe(r);
    expect(r.stderr).toMatch(
      /^error: BadRequestError 400 APIG\.\\x1b\]0;pwned\\x07.*: bad \\x1b\]0;pwned.*\\rX\\nDone: forged \(request id req-\\x1b\]0;pwned.*\\nDone: forged\)\n$/,
    );
    const json = await run(["apig", "instance", "show", "--instance", GW, "--json"]);
    expect(json.code).toBe(1);
    expectTerminalSafe(json);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: "BadRequestError",
      status: 400,
      code: `APIG.${HOSTILE}`,
      message: `bad ${HOSTILE}`,
      requestId: `req-${HOSTILE}`,
    });
  });

  it("escapes the job id and the gateway status in plain progress lines", async () => {
    const r = await run([...COMMANDS.deregister!, "--wait", "--max-wait-ms", "1200"]);
    expectTerminalSafe(r);
    expect(r.stderr).toMatch(/^Job JOB-\\x1b\]0;pwned.*\\nDone: forged accepted; waiting/m);
    expect(r.stderr).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z gateway \S+: Updating\\x1b\]0;pwned/m);
    expect(r.code).toBe(3);
    expect(server.requests.filter((q) => q.startsWith("GET")).length).toBeGreaterThan(0);
  }, 30_000);

  it("escapes instance_name and node_name of a DDS answer", async () => {
    const r = await run(COMMANDS.unbind!);
    expect(r.code, r.stderr).toBe(0);
    expectTerminalSafe(r);
    expect(r.stdout).toContain("Unbound the public gateway of node node \\x1b]0;pwned");
  });

  it("escapes the status on the live terminal line; only its own \\r and clear-line sequences remain", () => {
    let written = "";
    const io: Io = { stdout: { write: () => true }, stderr: { write: (s: string) => (written += s), isTTY: true, columns: 400 }, env: {} };
    const progress = createProgress(io, `gateway ${GW}`);
    progress.update({ state: "retry", status: `Updating${HOSTILE}`, pending: [`192.0.2.10${HOSTILE}`], elapsedMs: 10, attempt: 1 } as never);
    progress.done();
    expect(written).toContain("Updating\\x1b]0;pwned");
    expect(written.replaceAll("\r\u001b[2K", "")).not.toMatch(RAW_CONTROL);
  });

  it("terminalText keeps newlines and tabs only where asked", () => {
    expect(terminalText("a\nb\tc\u001b")).toBe("a\\nb\\tc\\x1b");
    expect(terminalText("a\nb\tc\u001b", true)).toBe("a\nb\tc\\x1b");
    expect(terminalText("\u2066\u2069\u061c\u2028")).toBe("\\u2066\\u2069\\u061c\\u2028");
  });
});

describe("hwgw checks every flag before sending anything", () => {
  it.each(
    Object.keys(COMMANDS).flatMap((name) => [
      [name, ["--wait", "--max-wait-ms", "abc"]],
      [name, ["--wait", "--max-wait-ms", "0"]],
      [name, ["--wait", "--max-wait-ms", "2147483648"]],
      [name, ["--wait", "--max-wait-ms", "1.5"]],
      [name, ["--max-wait-ms", "5000"]],
    ]),
  )("%s %j: exit 2 and the server received nothing", async (name, extra) => {
    const r = await run([...COMMANDS[name]!, ...extra]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^error: UsageError: --max-wait-ms/);
    expect(server.requests).toEqual([]);
  });

  it.each([
    ["an invalid body (SDK validator)", [...COMMANDS.deregister!.slice(0, -1), "v4:999.1.1.1"], /ValidationError: .*ip must be an IPv4 address/],
    ["a bad path parameter", ["apig", "instance", "show", "--instance", "../x"], /ValidationError: .*instance_id/],
    ["bad client options", [...COMMANDS.unbind!, "--max-retries", "11"], /ValidationError: .*maxRetries/],
    ["an out-of-range port", [...COMMANDS.bind!.slice(0, -1), "70000"], /UsageError: --port must be an integer from 1 to 65535/],
    ["a zero --timeout-ms", [...COMMANDS.register!, "--timeout-ms", "0"], /UsageError: --timeout-ms/],
  ])("%s: exit 2, nothing sent", async (_what, args, message) => {
    const r = await run(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(server.requests).toEqual([]);
    const json = await run([...args, "--json"]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatch(/^(Validation|Usage)Error$/);
    expect(server.requests).toEqual([]);
  });

  it.each([
    ["HWGW_TOKEN", { HWGW_TOKEN: "tok\u0001en-SECRET" }, []],
    ["--token", {}, ["--token", "tök€n-SECRET"]],
    ["HUAWEICLOUD_SDK_SK", { HWGW_TOKEN: "", HUAWEICLOUD_SDK_AK: "AKAKAKAKAKAKAKAKAKAK", HUAWEICLOUD_SDK_SK: "sk\u007fSECRET" }, []],
  ])("a credential that cannot be a header value (%s): exit 2 naming it, value not shown, nothing sent", async (source, extraEnv, flags) => {
    const r = await run([...COMMANDS.deregister!, ...flags], extraEnv);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`UsageError: ${source} may hold printable ASCII characters only`);
    expect(r.stderr + r.stdout).not.toContain("SECRET");
    expect(server.requests).toEqual([]);
  });

  it("exit 1, not 2, for a ValidationError once a request was sent", async () => {
    const io: Io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {} };
    const err = new ValidationError([{ path: "maxWaitMs", message: "must be > 0", keyword: "exclusiveMinimum" }], "wait options");
    expect(reportError(io, false, err)).toBe(2);
    await trackingFetch(io, async () => new Response("{}"))("http://127.0.0.1:9/");
    expect(reportError(io, false, err)).toBe(1);
  });
});
