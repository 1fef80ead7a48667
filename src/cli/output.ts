import { ApiError, HuaweiCloudError, ValidationError } from "../errors.js";
import { JobFailedError, WaitTimeoutError } from "../wait/errors.js";
import { EXIT } from "./exit-codes.js";
import { anythingSent } from "./traffic.js";
import { UsageError } from "./usage-error.js";

/** Where the CLI writes; injectable so tests and the demo can capture it. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
}

// What a terminal may act on rather than print: C0 controls (ESC starts CSI/OSC/DCS sequences, BEL ends OSC, CR
// overwrites the line), DEL, C1 controls (U+009B is an 8-bit CSI, U+009D an OSC), and the bidi controls and
// line/paragraph separators that reorder or break what the operator reads.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters stripped before text reaches a terminal
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, newline and tab included
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
// The same outside C0, which JSON.stringify already writes as \u00XX (ESC as \u001b) or \n-style escapes.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const SHORT: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeChar(c: string): string {
  const n = c.charCodeAt(0);
  return SHORT[c] ?? (n <= 0xff ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`);
}

/**
 * Text safe to write to a terminal or a plain log: every control or escape sequence introducer, DEL, C1 control
 * and bidi control is shown as a visible escape (ESC as `\x1b`, U+009B as `\x9b`, U+202E as `\u202e`), so text a
 * server chose (error messages, names, statuses, request ids) can neither repaint nor retitle the terminal.
 * `multiline` keeps `\n` and `\t` (for our own multi-line output); otherwise they are escaped too, so one record
 * stays on one line.
 */
export function terminalText(text: string, multiline = false): string {
  return text.replace(multiline ? UNSAFE_MULTILINE : UNSAFE_LINE, escapeChar);
}

/**
 * `JSON.stringify` (2-space indent) whose text also escapes DEL, C1 and bidi controls as `\uXXXX`: they only occur
 * inside strings, where the escape parses back to the same value, so the output stays exact and terminal-safe.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Prints a result: JSON only with `--json`, else the human form. `human` is given the value as its JSON form with
 * every string made terminal-safe on one line, so a server's newline cannot forge a line such as "Done: …"; it
 * should read server fields from that copy only (it has no methods). Its text is made terminal-safe again.
 */
export function printResult<T>(io: Io, json: boolean, value: T, human: (shown: T) => string): void {
  if (json) {
    io.stdout.write(`${jsonText(value)}\n`);
    return;
  }
  const shown = JSON.parse(JSON.stringify(value) ?? "null", (_key, v: unknown) => (typeof v === "string" ? terminalText(v) : v)) as T;
  io.stdout.write(`${terminalText(human(shown), true)}\n`);
}

/** Prints one informational line on stderr (never with `--json`'s results), made terminal-safe. */
export function printNote(io: Io, line: string): void {
  io.stderr.write(`${terminalText(line)}\n`);
}

/**
 * Prints an error as class, code, message and request id (never headers or bodies, which could carry secrets)
 * and returns the exit code it maps to.
 */
export function reportError(io: Io, json: boolean, err: unknown): number {
  const code = exitCodeFor(err, anythingSent(io));
  const e = err instanceof Error ? err : new Error(String(err));
  const fields: Record<string, unknown> = { error: e.name, message: e.message };
  if (err instanceof ApiError) Object.assign(fields, { status: err.status, code: err.code, requestId: err.requestId });
  if (err instanceof ValidationError) Object.assign(fields, { issues: err.issues, totalIssues: err.totalIssues });
  if (err instanceof JobFailedError) Object.assign(fields, { status: err.status, reason: err.reason });
  if (err instanceof WaitTimeoutError) Object.assign(fields, { maxWaitMs: err.maxWaitMs, lastReason: err.lastReason });
  if (json) {
    io.stdout.write(`${jsonText(fields)}\n`);
  } else {
    const parts = [`${e.name}`];
    if (err instanceof ApiError) parts.push(`${err.status}${err.code ? ` ${err.code}` : ""}`);
    let line = `error: ${parts.join(" ")}: ${e.message}`;
    if (err instanceof ApiError && err.requestId) line += ` (request id ${err.requestId})`;
    // Our usage messages (parseArgs' included) may span lines; everything else may carry server text: one line.
    io.stderr.write(`${terminalText(line, err instanceof UsageError)}\n`);
    if (err instanceof UsageError && err.help) io.stderr.write(`\n${terminalText(err.help, true)}\n`);
    if (!(err instanceof HuaweiCloudError) && !(err instanceof UsageError) && io.env.HWGW_DEBUG) io.stderr.write(`${terminalText(e.stack ?? "", true)}\n`);
  }
  return code;
}

/**
 * The README's table: 2 only while nothing was sent (a bad flag, or the SDK's `ValidationError` before any I/O);
 * once a request may have left, any failure that is not the wait's own is 1, so 2 never hides a change made.
 */
function exitCodeFor(err: unknown, sent: boolean): number {
  if (err instanceof UsageError || err instanceof ValidationError) return sent ? EXIT.apiError : EXIT.usage;
  if (err instanceof JobFailedError || err instanceof WaitTimeoutError) return EXIT.waitFailed;
  return EXIT.apiError;
}
