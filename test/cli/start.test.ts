import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("npm start", () => {
  it("runs the whole flow offline against the embedded emulator and exits 0", async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(root, "scripts/start.mjs"), "--job-delay-ms", "800"], { cwd: root, timeout: 90_000 }, (err, out, errOut) =>
        resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout: out, stderr: errOut }),
      );
    });
    expect(code, stderr).toBe(0);
    for (const step of [
      "1. APIG gateway before",
      "2. Deregister 192.0.2.10 and 192.0.2.11",
      "3. Register them back",
      "4. DDS node before",
      "5. Unbind",
      "6. Bind it again",
      "Final state",
    ]) {
      expect(stdout).toContain(step);
    }
    expect(stdout).toMatch(/2\. Deregister[\s\S]*done after[\s\S]*apig-nlb-prod: Running; (?![\s\S]*192\.0\.2\.1[01][\s\S]*3\. Register)/);
    expect(stdout).toMatch(/5\. Unbind[\s\S]*no public gateway/);
    // progress went to stderr as timestamped lines (not a terminal here)
    expect(stderr).toMatch(/Z gateway \S+: Updating/);
  }, 120_000);
});
