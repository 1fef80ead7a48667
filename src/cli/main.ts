import { parseArgs } from "node:util";
import type { Command } from "./command.js";
import { apigCommands } from "./commands/apig.js";
import { authCommands } from "./commands/auth.js";
import { ddsCommands } from "./commands/dds.js";
import { demoCommands } from "./commands/demo.js";
import { emulatorCommands } from "./commands/emulator.js";
import { EXIT } from "./exit-codes.js";
import { reportError, type Io } from "./output.js";
import { UsageError } from "./usage-error.js";

const COMMANDS: Command[] = [...apigCommands, ...ddsCommands, ...authCommands, ...emulatorCommands, ...demoCommands];

/** Top-level help: every command with its one-line summary. */
export function rootHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(" ").length));
  return `hwgw — Huawei Cloud APIG ingress IPs and DDS public gateways from the terminal

Usage: hwgw <command> [flags]   (hwgw <command> --help for its flags and an example)

Commands:
${COMMANDS.map((c) => `  ${c.path.join(" ").padEnd(width)}  ${c.summary}`).join("\n")}

Exit codes: 0 done, 1 API error, 2 usage error, 3 wait failed or timed out.

Example:
  HUAWEICLOUD_SDK_AK=… HUAWEICLOUD_SDK_SK=… HUAWEICLOUD_SDK_PROJECT_ID=… \\
  hwgw apig ingress deregister --region cn-north-4 --instance ID --elb ID --public-ip v4:192.0.2.10 --wait`;
}

/** Runs `hwgw` with `argv` (without node and script) and returns the exit code. Never calls process.exit. */
export async function main(argv: readonly string[], io: Io, signal: AbortSignal): Promise<number> {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith("-")) break;
    words.push(a);
  }
  const rest = argv.slice(words.length);
  const json = rest.includes("--json");
  try {
    if (words.length === 0) {
      if (rest.length === 0 || rest.includes("--help") || rest.includes("-h")) {
        io.stdout.write(`${rootHelp()}\n`);
        return rest.length === 0 ? EXIT.usage : EXIT.ok;
      }
      throw new UsageError(`unknown flag ${rest[0]}`, rootHelp());
    }
    const command = COMMANDS.find((c) => c.path.length === words.length && c.path.every((w, i) => w === words[i]));
    if (!command) {
      const prefix = COMMANDS.filter((c) => words.every((w, i) => c.path[i] === w));
      const help = prefix.length
        ? `Commands under "${words.join(" ")}":\n${prefix.map((c) => `  hwgw ${c.path.join(" ")}  ${c.summary}`).join("\n")}`
        : rootHelp();
      if (prefix.length && (rest.includes("--help") || rest.includes("-h"))) {
        io.stdout.write(`${help}\n`);
        return EXIT.ok;
      }
      throw new UsageError(prefix.length ? `"hwgw ${words.join(" ")}" needs a subcommand` : `unknown command "${words.join(" ")}"`, help);
    }
    let flags: Record<string, string | boolean | string[] | undefined>;
    try {
      flags = parseArgs({ args: [...rest], options: command.options, strict: true, allowPositionals: false }).values as typeof flags;
    } catch (err) {
      throw new UsageError((err as Error).message.replace(/\. To specify a positional.*$/s, ""), command.help);
    }
    if (flags.help) {
      io.stdout.write(`${command.help}\n`);
      return EXIT.ok;
    }
    return await command.run(flags, io, signal);
  } catch (err) {
    return reportError(io, json, err);
  }
}
