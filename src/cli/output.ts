import { ApiError, HuaweiCloudError, ValidationError } from "../errors.js";
import { JobFailedError, WaitTimeoutError } from "../wait/errors.js";
import { EXIT } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

/** Where the CLI writes; injectable so tests and the demo can capture it. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
}

/** Prints a result: JSON only with `--json`, else the human form. */
export function printResult(io: Io, json: boolean, value: unknown, human: () => string): void {
  io.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/**
 * Prints an error as class, code, message and request id (never headers or bodies, which could carry secrets)
 * and returns the exit code it maps to.
 */
export function reportError(io: Io, json: boolean, err: unknown): number {
  const code = exitCodeFor(err);
  const e = err instanceof Error ? err : new Error(String(err));
  const fields: Record<string, unknown> = { error: e.name, message: e.message };
  if (err instanceof ApiError) Object.assign(fields, { status: err.status, code: err.code, requestId: err.requestId });
  if (err instanceof ValidationError) fields.issues = err.issues;
  if (err instanceof JobFailedError) Object.assign(fields, { status: err.status, reason: err.reason });
  if (err instanceof WaitTimeoutError) Object.assign(fields, { maxWaitMs: err.maxWaitMs, lastReason: err.lastReason });
  if (json) {
    io.stdout.write(`${JSON.stringify(fields, null, 2)}\n`);
  } else {
    const parts = [`${e.name}`];
    if (err instanceof ApiError) parts.push(`${err.status}${err.code ? ` ${err.code}` : ""}`);
    let line = `error: ${parts.join(" ")}: ${e.message}`;
    if (err instanceof ApiError && err.requestId) line += ` (request id ${err.requestId})`;
    io.stderr.write(`${line}\n`);
    if (err instanceof UsageError && err.help) io.stderr.write(`\n${err.help}\n`);
    if (!(err instanceof HuaweiCloudError) && !(err instanceof UsageError) && io.env.HWGW_DEBUG) io.stderr.write(`${e.stack}\n`);
  }
  return code;
}

function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError || err instanceof ValidationError) return EXIT.usage;
  if (err instanceof JobFailedError || err instanceof WaitTimeoutError) return EXIT.waitFailed;
  return EXIT.apiError;
}
