import { SeedError, startEmulator } from "../../emulator/index.js";
import type { Command } from "../command.js";
import { integer, MAX_TIMER_MS } from "../config.js";
import { EXIT } from "../exit-codes.js";
import { printResult } from "../output.js";
import { UsageError } from "../usage-error.js";

const help = `hwgw emulator start [--port N] [--host ADDRESS] [--seed FILE] [--job-delay-ms N] [--json]

Runs the local emulator of APIG, DDS and IAM (stateful, offline) until Ctrl-C. Point hwgw or the SDK at it with
--endpoint / HWGW_ENDPOINT. Its fake credentials (IAM user, AK/SK) and starting state come from the seed (the
built-in default, the same as emulator/seed.default.json in the source repository, or --seed FILE).

  --port N               TCP port (default 0: a free one)
  --host ADDRESS         interface to bind (default 127.0.0.1)
  --seed FILE            starting state as JSON
  --job-delay-ms N       how long APIG ingress jobs take (default 3000)
  --json                 print {url, projectId} as JSON
  -h, --help             this help

Example:
  hwgw emulator start --port 8080 &
  HWGW_ENDPOINT=http://127.0.0.1:8080 HUAWEICLOUD_SDK_PROJECT_ID=05041fffa40025702f6dc009cc6f8f33 \\
  HUAWEICLOUD_SDK_AK=HWGWEMULATORDEMOAK01 HUAWEICLOUD_SDK_SK=… hwgw apig instance show --instance 6a7d71827fd54572b1f31aa9548fcc81`;

const start: Command = {
  path: ["emulator", "start"],
  summary: "run the local APIG/DDS/IAM emulator until Ctrl-C",
  help,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    seed: { type: "string" },
    "job-delay-ms": { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  async run(flags, io, signal) {
    const options = {
      port: flags.port !== undefined ? integer(flags.port as string, "--port", help, 0, 65535) : 0,
      ...(flags.host !== undefined ? { host: flags.host as string } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed as string } : {}),
      ...(flags["job-delay-ms"] !== undefined ? { jobDelayMs: integer(flags["job-delay-ms"] as string, "--job-delay-ms", help, 0, MAX_TIMER_MS) } : {}),
    };
    // A seed file that cannot be read or is invalid is bad configuration (exit 2), not a failure of the emulator.
    const emulator = await startEmulator(options).catch((err: unknown) => {
      throw err instanceof SeedError && flags.seed !== undefined ? new UsageError(`--seed: ${err.message}`, help) : err;
    });
    try {
      printResult(io, flags.json === true, { url: emulator.url, projectId: emulator.projectId }, () =>
        [
          `Emulator listening on ${emulator.url} (APIG, DDS, IAM and /__emulator/ admin routes)`,
          `  HWGW_ENDPOINT=${emulator.url}`,
          `  HUAWEICLOUD_SDK_PROJECT_ID=${emulator.projectId}`,
          "  credentials: the fake IAM users and AK/SK pairs of the seed",
          "Press Ctrl-C to stop.",
        ].join("\n"),
      );
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener("abort", () => resolve(), { once: true });
      });
      return EXIT.ok;
    } finally {
      await emulator.stop();
    }
  },
};

/** The `hwgw emulator …` commands. */
export const emulatorCommands: Command[] = [start];
