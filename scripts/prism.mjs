// Starts and stops Prism mock/proxy servers on 127.0.0.1 with a free port.
// Shared by the vitest globalSetup and `npm start`, so both run Prism the same way.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const PRISM_ENTRY = path.join(path.dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");

// Prism runs under this watchdog: it exits as soon as our stdin pipe closes, so a mock never outlives the
// process that started it, even when that process is SIGKILLed and no teardown runs.
const WATCHDOG = `process.stdin.on("end",()=>process.exit(0));process.stdin.on("close",()=>process.exit(0));process.stdin.resume();require(process.argv[1]);`;

const READY_TIMEOUT_MS = 30_000;

/**
 * Starts `prism <mode> <args…> -h 127.0.0.1 -p 0 --errors` and resolves once it listens.
 * @param {{ mode?: "mock" | "proxy", spec: string, upstream?: string, extraArgs?: string[], name?: string }} opts
 * @returns {Promise<{ url: string, pid: number, output: () => string, stop: () => Promise<void> }>}
 */
export async function startPrism({ mode = "mock", spec, upstream, extraArgs = [], name = path.basename(spec) }) {
  const args = ["-e", WATCHDOG, PRISM_ENTRY, mode, spec];
  if (mode === "proxy") args.push(upstream);
  args.push("-h", "127.0.0.1", "-p", "0", "--errors", ...extraArgs);
  const child = spawn(process.execPath, args, {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  let log = "";
  const onData = (chunk) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);

  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    let timer;
    const killed = new Promise((resolve) => {
      timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve();
      }, 3000);
    });
    await Promise.race([exited, killed]);
    clearTimeout(timer);
    await exited;
  };

  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Prism (${name}) did not start within ${READY_TIMEOUT_MS} ms:\n${log}`)), READY_TIMEOUT_MS);
      const check = () => {
        const m = /listening on (http:\/\/\S+)/.exec(log);
        if (m) {
          clearTimeout(timer);
          child.stdout.off("data", check);
          child.stderr.off("data", check);
          resolve(m[1].replace(/\/$/, ""));
        }
      };
      child.stdout.on("data", check);
      child.stderr.on("data", check);
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`Prism (${name}) exited early (code ${code}, signal ${signal}):\n${log}`));
      });
    });
    await waitUntilAnswering(url);
    return { url, pid: child.pid, output: () => log, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function waitUntilAnswering(url) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      // Any HTTP answer (even 404 NO_PATH_MATCHED) proves the server is up.
      await fetch(`${url}/__ready`, { signal: AbortSignal.timeout(2000) });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The three specs the project mocks, by API name. */
export const SPECS = {
  apig: "openapi/apig.yaml",
  dds: "openapi/dds.yaml",
  iam: "openapi/iam.yaml",
};
