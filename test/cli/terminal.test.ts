import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { bundleCli, emulatorWithEnv } from "./cli-harness.js";
import { startHostileServer, type HostileServer } from "./hostile-server.js";

const GW = "6a7d71827fd54572b1f31aa9548fcc81";
const ELB = "85392b45-685c-4f77-b19a-14ad875b8190";
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

// A private tmux server (its own socket), so the test never touches a tmux session it did not start.
const socket = `hwgw-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });

/** Runs a shell script in a new tmux session and returns every screen captured until it prints EXIT=. */
async function screensOf(session: string, lines: string[]): Promise<string[]> {
  const script = path.join(dir, `${session}.sh`);
  writeFileSync(script, ["#!/bin/sh", ...lines, 'echo "EXIT=$?"', "sleep 60"].join("\n"), { mode: 0o755 });
  tmux("new-session", "-d", "-s", session, "-x", "110", "-y", "12", script);
  const screens: string[] = [];
  const deadline = Date.now() + 30_000;
  for (;;) {
    const screen = tmux("capture-pane", "-p", "-t", session);
    screens.push(screen);
    if (screen.includes("EXIT=") || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return screens;
}

let cli: Awaited<ReturnType<typeof bundleCli>>;
let emulator: Emulator;
let env: Record<string, string>;
let dir: string;
let hostile: HostileServer;
beforeAll(async () => {
  cli = await bundleCli();
  ({ emulator, env } = await emulatorWithEnv(2500));
  hostile = await startHostileServer();
  dir = mkdtempSync(path.join(tmpdir(), "hwgw-tty-"));
}, 60_000);
afterAll(async () => {
  try {
    tmux("kill-server");
  } catch {
    // already gone
  }
  await emulator?.stop();
  await hostile?.stop();
  cli?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("hwgw in a real terminal (tmux)", () => {
  it("redraws one live progress line while waiting and ends it cleanly", async () => {
    const exports = Object.entries(env).map(([k, v]) => `export ${k}='${v.replace(/'/g, "'\\''")}'`);
    const screens = await screensOf("t", [
      ...exports,
      `${JSON.stringify(process.execPath)} ${JSON.stringify(cli.file)} apig ingress deregister --instance ${GW} --elb ${ELB} --public-ip v4:192.0.2.10 --wait`,
    ]);
    const final = screens.at(-1) ?? "";
    expect(final).toContain("EXIT=0");
    expect(final).toMatch(/Done: gateway \S+ is Running/);
    // The progress line was live: a spinner with the gateway status, redrawn in place on a single line.
    const live = screens.filter((s) => SPINNER.test(s));
    expect(live.length).toBeGreaterThan(0);
    expect(live.some((s) => /gateway \S+: Updating/.test(s))).toBe(true);
    for (const s of live) expect(s.split("\n").filter((l) => SPINNER.test(l))).toHaveLength(1);
    // …and ended cleanly: no spinner or half-drawn progress left on the final screen.
    expect(final).not.toMatch(SPINNER);
    expect(final.split("\n").filter((l) => l.includes("still registered"))).toEqual([]);
  }, 60_000);

  it("a server's escape sequences neither clear the screen nor retitle the pane, in results or on the live line", async () => {
    const hwgw = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli.file)}`;
    const screens = await screensOf("h", [
      `export HWGW_ENDPOINT='${hostile.url}' HUAWEICLOUD_SDK_PROJECT_ID=05041fffa40025702f6dc009cc6f8f33 HWGW_TOKEN=emulator-token`,
      "echo MARKER-BEFORE",
      `${hwgw} apig instance show --instance ${GW}`,
      `${hwgw} apig ingress deregister --instance ${GW} --elb ${ELB} --public-ip v4:192.0.2.10 --wait --max-wait-ms 1500`,
    ]);
    const final = screens.at(-1) ?? "";
    expect(final).toContain("EXIT=3");
    expect(final).toContain("MARKER-BEFORE");
    expect(final).toMatch(/Gateway \S+ \(gw \\x1b\]0;pwned\\x07\\x1b\[2J/);
    expect(screens.some((s) => SPINNER.test(s) && s.includes("Updating\\x1b]0;pwned"))).toBe(true);
    expect(tmux("display-message", "-p", "-t", "h", "#{pane_title}")).not.toContain("pwned");
  }, 60_000);
});
