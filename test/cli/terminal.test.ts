import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { bundleCli, emulatorWithEnv } from "./cli-harness.js";

const GW = "6a7d71827fd54572b1f31aa9548fcc81";
const ELB = "85392b45-685c-4f77-b19a-14ad875b8190";
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

// A private tmux server (its own socket), so the test never touches a tmux session it did not start.
const socket = `hwgw-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });

let cli: Awaited<ReturnType<typeof bundleCli>>;
let emulator: Emulator;
let env: Record<string, string>;
let dir: string;
beforeAll(async () => {
  cli = await bundleCli();
  ({ emulator, env } = await emulatorWithEnv(2500));
  dir = mkdtempSync(path.join(tmpdir(), "hwgw-tty-"));
}, 60_000);
afterAll(async () => {
  try {
    tmux("kill-server");
  } catch {
    // already gone
  }
  await emulator?.stop();
  cli?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("hwgw in a real terminal (tmux)", () => {
  it("redraws one live progress line while waiting and ends it cleanly", async () => {
    const script = path.join(dir, "run.sh");
    const exports = Object.entries(env).map(([k, v]) => `export ${k}='${v.replace(/'/g, "'\\''")}'`);
    writeFileSync(
      script,
      [
        "#!/bin/sh",
        ...exports,
        `${JSON.stringify(process.execPath)} ${JSON.stringify(cli.file)} apig ingress deregister --instance ${GW} --elb ${ELB} --public-ip v4:192.0.2.10 --wait`,
        'echo "EXIT=$?"',
        "sleep 60",
      ].join("\n"),
      { mode: 0o755 },
    );
    tmux("new-session", "-d", "-s", "t", "-x", "110", "-y", "12", script);
    const screens: string[] = [];
    const deadline = Date.now() + 30_000;
    for (;;) {
      const screen = tmux("capture-pane", "-p", "-t", "t");
      screens.push(screen);
      if (screen.includes("EXIT=") || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
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
});
