#!/usr/bin/env node
// The `hwgw` executable: wires process I/O, signals and the exit code to main().
import { main } from "./main.js";

const controller = new AbortController();
let interrupted = false;
const onSignal = () => {
  // First Ctrl-C cancels the wait and in-flight request cleanly; a second one exits at once.
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort(new Error("interrupted"));
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, controller.signal);
process.exitCode = interrupted && code !== 0 ? 130 : code;
process.off("SIGINT", onSignal);
process.off("SIGTERM", onSignal);
