import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { bundleCli, emulatorWithEnv, runCli } from "./cli-harness.js";

const GW = "6a7d71827fd54572b1f31aa9548fcc81";
const ELB = "85392b45-685c-4f77-b19a-14ad875b8190";
const RS = "9136fd2a9fcd405ea4674276ce36dae8in02";
const PRIMARY = "52a4c096bb1f455d8d866956a959519eno02";

let cli: Awaited<ReturnType<typeof bundleCli>>;
let emulator: Emulator;
let env: Record<string, string>;
beforeAll(async () => {
  cli = await bundleCli();
  ({ emulator, env } = await emulatorWithEnv());
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
  cli?.dispose();
});

const run = (args: string[], extraEnv: Record<string, string> = {}) => runCli(cli.file, args, { ...env, ...extraEnv });

describe("hwgw as a plain process", () => {
  it.each([
    [[]],
    [["--help"]],
    [["apig", "ingress", "deregister", "--help"]],
    [["apig", "ingress", "register", "--help"]],
    [["apig", "instance", "show", "--help"]],
    [["dds", "gateway", "unbind", "--help"]],
    [["dds", "gateway", "bind", "--help"]],
    [["emulator", "start", "--help"]],
  ])("%j prints help with an example", async (args) => {
    const r = await run(args);
    expect(r.stdout).toMatch(/Example/);
    expect(r.code).toBe(args.length === 0 ? 2 : 0);
  });

  it("shows a gateway as JSON", async () => {
    const r = await run(["apig", "instance", "show", "--instance", GW, "--json"]);
    expect(r.code).toBe(0);
    const gw = JSON.parse(r.stdout);
    expect(gw).toMatchObject({ id: GW, status: "Running" });
    expect(r.stderr).toBe("");
  });

  it("deregisters and waits: plain timestamped progress lines on a non-terminal stderr, JSON result on stdout", async () => {
    const r = await run(["apig", "ingress", "deregister", "--instance", GW, "--elb", ELB, "--public-ip", "v4:192.0.2.11", "--wait", "--json"]);
    expect(r.stderr).not.toContain("\r");
    expect(r.stderr).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z gateway .*: Updating/m);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.job.job_id).toMatch(/^JOB-[0-9a-f]{32}$/);
    expect(out.instance.status).toBe("Running");
    expect(JSON.stringify(out.instance.publicips)).not.toContain("192.0.2.11");
    const back = await run(["apig", "ingress", "register", "--instance", GW, "--elb", ELB, "--public-ip", "192.0.2.11", "--wait"]);
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/^Done: gateway .* is Running/m);
  }, 60_000);

  it("unbinds and rebinds a DDS public gateway with --wait", async () => {
    const unbind = await run(["dds", "gateway", "unbind", "--instance", RS, "--node", PRIMARY, "--wait"]);
    expect(unbind.code, unbind.stderr).toBe(0);
    expect(unbind.stdout).toMatch(/has no public gateway/);
    const bind = await run([
      "dds",
      "gateway",
      "bind",
      "--instance",
      RS,
      "--node",
      PRIMARY,
      "--nat-gateway",
      "3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f3c4b",
      "--public-ip-id",
      "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d2a",
      "--port",
      "8635",
      "--wait",
      "--json",
    ]);
    expect(bind.code, bind.stderr).toBe(0);
    expect(JSON.parse(bind.stdout).node.node).toMatchObject({ id: PRIMARY, external_service_port: 8635 });
  }, 60_000);

  it("exit 1 on an API error, printing class, status, code, message and request id but no secret", async () => {
    const r = await run(["apig", "instance", "show", "--instance", "00000000000000000000000000000000"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: NotFoundError 404 APIC\.7302: .+ \(request id \S+\)$/m);
    expect(r.stderr + r.stdout).not.toContain(env.HUAWEICLOUD_SDK_SK);
    const json = await run(["apig", "instance", "show", "--instance", "00000000000000000000000000000000", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: "NotFoundError", status: 404, code: "APIC.7302" });
  });

  it.each([
    [["nope"], /unknown command/],
    [["apig", "instance", "show"], /--instance is required/],
    [["apig", "instance", "show", "--instance", GW, "--bogus"], /Unknown option '--bogus'/],
    [["apig", "ingress", "deregister", "--instance", GW, "--elb", ELB, "--public-ip", "v5:1.2.3.4"], /--public-ip takes v4:ADDRESS/],
    [["apig", "ingress", "deregister", "--instance", GW, "--elb", "short", "--public-ip", "v4:192.0.2.10"], /elbs\[0\]\.elb_id must have 32–36 characters/],
    [["demo", "--job-delay-ms", "abc"], /--job-delay-ms must be an integer from 0 to 2147483647/],
    [["demo", "--job-delay-ms", "99999999999999999999"], /--job-delay-ms must be an integer from 0 to 2147483647/],
    [["emulator", "start", "--port", "99999"], /--port must be an integer from 0 to 65535/],
    [["emulator", "start", "--seed", "/nonexistent/seed.json"], /UsageError: --seed: \/nonexistent\/seed\.json is invalid/],
  ])("exit 2 on a usage error: %j", async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("exit 2 without credentials", async () => {
    const r = await run(["apig", "instance", "show", "--instance", GW], { HUAWEICLOUD_SDK_AK: "", HUAWEICLOUD_SDK_SK: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no credentials/);
  });

  it("exit 3 when the wait times out", async () => {
    const r = await run([
      "apig",
      "ingress",
      "deregister",
      "--instance",
      GW,
      "--elb",
      ELB,
      "--public-ip",
      "v4:192.0.2.10",
      "--wait",
      "--max-wait-ms",
      "300",
      "--json",
    ]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: "WaitTimeoutError" });
    // let the emulator finish the job so later tests see a Running gateway
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await run(["apig", "ingress", "register", "--instance", GW, "--elb", ELB, "--public-ip", "v4:192.0.2.10", "--wait"]);
  }, 60_000);
});
