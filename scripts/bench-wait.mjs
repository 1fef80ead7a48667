// `npm run bench:wait`: the operation-wait benchmark (the new, old and smithy schedules side by side: requests and
// lateness per job length and waits per resource; heap per sleeping wait with 10 000 concurrent waits). Runs test/bench/wait.run.ts through vitest, which executes the
// TypeScript sources directly, so no build step is needed. Prints tables; asserts nothing about timing.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const vitest = path.join(root, "node_modules", ".bin", "vitest");
const r = spawnSync(vitest, ["run", "--config", "vitest.bench.config.ts", "--reporter=verbose", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
