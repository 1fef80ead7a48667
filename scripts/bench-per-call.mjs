// Sections 1 and 5 of scripts/bench.mjs: per-call cost of every client against an immediate loopback answer and
// against one that comes after DELAY_MS, and heap growth over 10 000 calls (against the immediate server).
import { spawn } from "node:child_process";
import path from "node:path";
import { clientsFor, officialGet } from "./bench-clients.mjs";
import { INSTANCE } from "./bench-request.mjs";
import { interleaved } from "./bench-stats.mjs";

const root = path.resolve(import.meta.dirname, "..");
export const DELAY_MS = 5;

// The servers: scripts/bench-server.mjs in a child process (its work is not the client's), answering at once or
// after a delay. It exits when this process closes its stdin, so it cannot outlive the bench.
async function startServer(delayMs = 0) {
  const child = spawn(process.execPath, [path.join(root, "scripts", "bench-server.mjs"), "--delay-ms", String(delayMs)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  process.on("exit", () => child.exitCode === null && child.kill("SIGKILL"));
  const port = await new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").once("data", (d) => resolve(Number(String(d).trim())));
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(undefined);
      child.once("exit", resolve);
      child.stdin.end();
      setTimeout(() => child.kill("SIGKILL"), 2_000).unref();
    });
  return { url: `http://127.0.0.1:${port}`, stop, child };
}

/** heapUsed after 10 000 calls (2 000 with `quick`), measured after forced GCs before, halfway and after. */
async function memory(name, call, { quick, gc }) {
  const N = quick ? 2_000 : 10_000;
  for (let i = 0; i < 500; i++) await call();
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const before = heap();
  for (let i = 0; i < N / 2; i++) await call();
  const half = heap();
  for (let i = 0; i < N / 2; i++) await call();
  const after = heap();
  return { name, calls: N, before, half, after };
}

/** `sdk` is dist/index.js; `gc` the forced GC of --expose-gc. Returns `{ perCall, memory }` for the report. */
export async function measurePerCall(sdk, { quick, gc }) {
  const results = { perCall: [] };
  {
    const server = await startServer(0);
    try {
      const { tasks, apig, official } = clientsFor(sdk, server.url);
      console.log(`bench: per-call cost over loopback (${tasks.length} clients, interleaved rounds)…`);
      const rounds = quick ? { rounds: 5, batch: 50, warmup: 50 } : { rounds: 20, batch: 100, warmup: 300 };
      results.perCall.push({
        server: "loopback, immediate answer",
        delayMs: 0,
        ...rounds,
        names: tasks.map((t) => t.name),
        r: await interleaved(tasks, rounds),
      });

      // Memory after 10 000 calls (same server; SDK and, for context, the official core)
      console.log("bench: memory over 10 000 calls…");
      results.memory = [
        await memory("hwc-gateways", () => apig.getInstance(INSTANCE), { quick, gc }),
        await memory("official core", () => officialGet(official), { quick, gc }),
      ];
    } finally {
      await server.stop();
    }
  }
  {
    const server = await startServer(DELAY_MS);
    try {
      const { tasks } = clientsFor(sdk, server.url);
      console.log(`bench: per-call cost against a server answering after ${DELAY_MS} ms…`);
      // Each call now waits ≥ 5 ms, so fewer calls per round keep the section near half a minute.
      const rounds = quick ? { rounds: 5, batch: 10, warmup: 20 } : { rounds: 20, batch: 40, warmup: 50 };
      results.perCall.push({
        server: `loopback, answer after ${DELAY_MS} ms`,
        delayMs: DELAY_MS,
        ...rounds,
        names: tasks.map((t) => t.name),
        r: await interleaved(tasks, rounds),
      });
    } finally {
      await server.stop();
    }
  }
  return results;
}
