import type { IpDetail } from "../../services/apig.js";
import { createApigClient } from "../../services/apig.js";
import type { Command } from "../command.js";
import { checkedClientOptions, GLOBAL_HELP, GLOBAL_OPTIONS, waitOptions } from "../config.js";
import { EXIT } from "../exit-codes.js";
import { printNote, printResult } from "../output.js";
import { UsageError } from "../usage-error.js";
import { waitWithProgress } from "../progress.js";

const INGRESS_OPTIONS = {
  ...GLOBAL_OPTIONS,
  instance: { type: "string" },
  elb: { type: "string" },
  "public-ip": { type: "string", multiple: true },
  "private-ip": { type: "string", multiple: true },
  "global-eip": { type: "string", multiple: true },
  wait: { type: "boolean" },
  "max-wait-ms": { type: "string" },
} as const;

function ingressHelp(verb: "register" | "deregister"): string {
  return `hwgw apig ingress ${verb} --instance ID --elb ID [--public-ip v4:IP]… [--private-ip v4:IP|v6:IP]… [--global-eip v4:IP]… [--wait]

${verb === "register" ? "Registers" : "Deregisters"} ingress IP addresses of an NLB dedicated gateway (PUT …/ingress-${verb === "register" ? "register" : "unregister"}).
The API answers 202 with a job id; with --wait, hwgw follows the gateway until it is Running again and the
addresses are ${verb === "register" ? "listed" : "gone"}, showing progress on stderr.

  --instance ID          gateway (instance) id
  --elb ID               ELB in front of the gateway (32–36 characters)
  --public-ip V:IP       public ingress address, V is v4 or v6 (repeat up to 2 times)
  --private-ip V:IP      private ingress address (repeat up to 2 times)
  --global-eip V:IP      global EIP ingress address (repeat up to 2 times)
  --wait                 wait until the change is done
  --max-wait-ms N        with --wait: give up after N ms, 1–2147483647 (default 600000)

${GLOBAL_HELP}

Example:
  hwgw apig ingress ${verb} --region cn-north-4 --instance 6a7d71827fd54572b1f31aa9548fcc81 \\
    --elb 85392b45-685c-4f77-b19a-14ad875b8190 --public-ip v4:192.0.2.10 --wait`;
}

/** `v4:192.0.2.10`, `v6:2001:db8::1`, or a bare address whose version is inferred. */
export function parseIp(value: string, flag: string, help: string): IpDetail {
  const m = /^(v\d+):(.+)$/.exec(value);
  if (m) {
    if (m[1] === "v4" || m[1] === "v6") return { type: m[1], ip: m[2] as string };
    throw new UsageError(`${flag} takes v4:ADDRESS or v6:ADDRESS (got ${JSON.stringify(value)})`, help);
  }
  if (/^[0-9.]+$/.test(value)) return { type: "v4", ip: value };
  if (value.includes(":")) return { type: "v6", ip: value };
  throw new UsageError(`${flag} takes v4:ADDRESS or v6:ADDRESS (got ${JSON.stringify(value)})`, help);
}

function ingressCommand(verb: "register" | "deregister"): Command {
  const help = ingressHelp(verb);
  return {
    path: ["apig", "ingress", verb],
    summary: `${verb} ingress IP addresses of an NLB gateway`,
    help,
    options: INGRESS_OPTIONS,
    async run(flags, io, signal) {
      const instance = required(flags.instance, "--instance", help);
      const elbId = required(flags.elb, "--elb", help);
      const ips = (name: "public-ip" | "private-ip" | "global-eip") => ((flags[name] as string[] | undefined) ?? []).map((v) => parseIp(v, `--${name}`, help));
      const elb = {
        elb_id: elbId,
        ...(flags["public-ip"] ? { public_ips: ips("public-ip") } : {}),
        ...(flags["private-ip"] ? { private_ips: ips("private-ip") } : {}),
        ...(flags["global-eip"] ? { global_eips: ips("global-eip") } : {}),
      };
      if (!elb.public_ips && !elb.private_ips && !elb.global_eips) throw new UsageError("give at least one --public-ip, --private-ip or --global-eip", help);
      const json = flags.json === true;
      // Every flag is read before the PUT: a mistake found after it would be reported as "nothing was sent".
      const wait = waitOptions(flags, help);
      const apig = createApigClient(await checkedClientOptions(flags, io, help, signal));
      const body = { elbs: [elb] };
      const handle =
        verb === "register" ? await apig.registerIngressIps(instance, body, { signal }) : await apig.deregisterIngressIps(instance, body, { signal });
      if (!wait) {
        printResult(
          io,
          json,
          { job: handle },
          ({ job }) => `${verb === "register" ? "Registration" : "Deregistration"} accepted: job ${job.job_id ?? "(no job id)"} on gateway ${instance}`,
        );
        return EXIT.ok;
      }
      if (!json) printNote(io, `Job ${handle.job_id ?? "(no job id)"} accepted; waiting for gateway ${instance}…`);
      const done = await waitWithProgress(io, `gateway ${instance}`, (onProgress) => handle.wait({ signal, ...wait, onProgress }));
      printResult(
        io,
        json,
        { job: handle, instance: done },
        (v) => `Done: gateway ${v.instance.id} is ${v.instance.status}; ${verb === "register" ? "addresses registered" : "addresses deregistered"}`,
      );
      return EXIT.ok;
    },
  };
}

const showHelp = `hwgw apig instance show --instance ID

Shows a dedicated gateway's status and ingress addresses (GET …/apigw/instances/{instance_id}).

  --instance ID          gateway (instance) id

${GLOBAL_HELP}

Example:
  hwgw apig instance show --region cn-north-4 --instance 6a7d71827fd54572b1f31aa9548fcc81 --json`;

const show: Command = {
  path: ["apig", "instance", "show"],
  summary: "show a gateway's status and ingress addresses",
  help: showHelp,
  options: { ...GLOBAL_OPTIONS, instance: { type: "string" } },
  async run(flags, io, signal) {
    const instance = required(flags.instance, "--instance", showHelp);
    const apig = createApigClient(await checkedClientOptions(flags, io, showHelp, signal));
    const gw = await apig.getInstance(instance, { signal });
    printResult(io, flags.json === true, gw, (shown) => {
      const gw = shown;
      const lines = [`Gateway ${gw.id} (${gw.instance_name ?? "unnamed"}): ${gw.status}`];
      if (gw.ingress_ip) lines.push(`  ingress ip     ${gw.ingress_ip}`);
      if (gw.ingress_ip_v6) lines.push(`  ingress ip v6  ${gw.ingress_ip_v6}`);
      for (const p of gw.publicips ?? []) lines.push(`  public         ${[p.ip_address, p.ipv6_address].filter(Boolean).join(" ")}`);
      for (const p of gw.privateips ?? []) lines.push(`  private        ${[p.ip_address, p.ipv6_address].filter(Boolean).join(" ")}`);
      return lines.join("\n");
    });
    return EXIT.ok;
  },
};

/** The `hwgw apig …` commands. */
export const apigCommands: Command[] = [ingressCommand("deregister"), ingressCommand("register"), show];

/** The value of a required string flag. */
export function required(value: unknown, flag: string, help: string): string {
  if (typeof value !== "string" || value === "") throw new UsageError(`${flag} is required`, help);
  return value;
}
