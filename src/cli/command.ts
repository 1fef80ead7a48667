import type { Io } from "./output.js";

/** A `parseArgs` option spec. */
export type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;

/** One leaf command of `hwgw`, e.g. `apig ingress deregister`. */
export interface Command {
  /** Words that select it: `["apig", "ingress", "deregister"]`. */
  path: readonly string[];
  summary: string;
  /** Full `--help` text, with an example. */
  help: string;
  options: OptionSpec;
  run(flags: Record<string, string | boolean | string[] | undefined>, io: Io, signal: AbortSignal): Promise<number>;
}
