import { akskAuth } from "../../auth/aksk.js";
import { passwordAuth } from "../../auth/password.js";
import { defaultSeed, startEmulator } from "../../emulator/index.js";
import { createApigClient, type InstanceDetails } from "../../services/apig.js";
import { createDdsClient, type DdsNode } from "../../services/dds.js";
import type { Command } from "../command.js";
import { MAX_TIMER_MS, optionalInteger } from "../config.js";
import { EXIT } from "../exit-codes.js";
import { terminalText, type Io } from "../output.js";
import type { PollResult } from "../../wait/waiter.js";
import { waitWithProgress } from "../progress.js";
import { trackingFetch } from "../traffic.js";

const GATEWAY = "6a7d71827fd54572b1f31aa9548fcc81";
const ELB = "85392b45-685c-4f77-b19a-14ad875b8190";
const IPS = [
  { type: "v4", ip: "192.0.2.10" },
  { type: "v4", ip: "192.0.2.11" },
] as const;
const INSTANCE = "9136fd2a9fcd405ea4674276ce36dae8in02";
const NODE = "52a4c096bb1f455d8d866956a959519eno02";

const help = `hwgw demo [--job-delay-ms N]

Runs the whole flow offline against an embedded emulator (what \`npm start\` does): deregister two ingress IPs
of an APIG gateway and wait with progress, register them back, then unbind and rebind the public gateway of a
DDS node. APIG calls are signed with AK/SK; DDS calls use an IAM password token. Exits 0 when every step ends as
expected.

  --job-delay-ms N       how long each emulated APIG job takes (default 2500)

Example:
  hwgw demo`;

const demo: Command = {
  path: ["demo"],
  summary: "run the whole flow offline against an embedded emulator",
  help,
  options: { "job-delay-ms": { type: "string" }, help: { type: "boolean", short: "h" } },
  async run(flags, io, signal) {
    // Checked before the emulator starts: a bad value is a usage error (exit 2), like every other flag.
    const jobDelayMs = optionalInteger(flags["job-delay-ms"], "--job-delay-ms", help, 0, MAX_TIMER_MS) ?? 2500;
    const emulator = await startEmulator({ port: 0, jobDelayMs, ddsSettleMs: 1500 });
    const seed = defaultSeed();
    const key = seed.accessKeys?.[0];
    const user = seed.users?.[0];
    if (!key || !user) throw new Error("the default seed lacks an AK/SK pair or an IAM user");
    const say = (s: string) => io.stdout.write(`${terminalText(s, true)}\n`);
    try {
      say(`Emulator (APIG, DDS, IAM) running on ${emulator.url}, project ${emulator.projectId}\n`);
      const common = { endpoint: emulator.url, projectId: emulator.projectId, logLevel: "off" as const, fetch: trackingFetch(io) };
      const apig = createApigClient({ ...common, auth: akskAuth({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }) });
      const dds = createDdsClient({
        ...common,
        auth: passwordAuth({
          domainName: user.domainName,
          userName: user.userName,
          password: user.password,
          projectId: emulator.projectId,
          iamEndpoint: emulator.url,
        }),
      });
      const body = { elbs: [{ elb_id: ELB, public_ips: [...IPS] }] };

      say("1. APIG gateway before (AK/SK-signed ShowInstance):");
      say(describeGateway(await apig.getInstance(GATEWAY, { signal })));

      say(`\n2. Deregister ${IPS.map((i) => i.ip).join(" and ")} and wait:`);
      const out = await apig.deregisterIngressIps(GATEWAY, body, { signal });
      say(`   202 accepted, job ${out.job_id}`);
      const afterOut = await timed(io, `gateway ${GATEWAY}`, (onProgress) => out.wait({ signal, onProgress, minDelayMs: 500, maxDelayMs: 1000 }));
      say(describeGateway(afterOut));
      assert(
        IPS.every((i) => !mentions(afterOut, i.ip)),
        "the deregistered addresses are still listed",
      );

      say(`\n3. Register them back and wait:`);
      const back = await apig.registerIngressIps(GATEWAY, body, { signal });
      say(`   202 accepted, job ${back.job_id}`);
      const afterBack = await timed(io, `gateway ${GATEWAY}`, (onProgress) => back.wait({ signal, onProgress, minDelayMs: 500, maxDelayMs: 1000 }));
      say(describeGateway(afterBack));
      assert(
        IPS.every((i) => mentions(afterBack, i.ip)),
        "the registered addresses are missing",
      );

      say(`\n4. DDS node before (token from IAM with a password):`);
      const before = (await dds.getNode(INSTANCE, NODE, { signal })).node;
      say(describeNode(before));
      const binding = { nat_gateway_id: before.nat_gateway_id ?? "", external_service_port: before.external_service_port ?? 0 };

      say(`\n5. Unbind its public gateway and wait:`);
      const unbound = await dds.unbindPublicGateway(INSTANCE, NODE, { signal });
      say(`   200 OK from node ${unbound.node_name}`);
      const afterUnbind = await timed(io, `node ${NODE}`, (onProgress) => unbound.wait({ signal, onProgress, minDelayMs: 500, maxDelayMs: 1000 }));
      say(describeNode(afterUnbind.node));
      assert(!afterUnbind.node.nat_gateway_id, "the node still shows a NAT gateway");

      say(`\n6. Bind it again and wait:`);
      const bound = await dds.bindPublicGateway(
        INSTANCE,
        NODE,
        { nat_gateway_id: binding.nat_gateway_id, public_ip_id: "8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d25", external_service_port: binding.external_service_port },
        { signal },
      );
      say(`   200 OK, DNAT rule on ${bound.nat_gateway_id} port ${bound.external_service_port}`);
      const afterBind = await timed(io, `node ${NODE}`, (onProgress) => bound.wait({ signal, onProgress, minDelayMs: 500, maxDelayMs: 1000 }));
      say(describeNode(afterBind.node));
      assert(afterBind.node.nat_gateway_id === binding.nat_gateway_id, "the node does not show the NAT gateway");

      say("\nFinal state: the gateway has its ingress addresses and the node its public gateway, as at the start.");
      return EXIT.ok;
    } finally {
      await emulator.stop();
    }
  },
};

async function timed<T>(io: Io, label: string, wait: (onProgress: (poll: PollResult) => void) => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await waitWithProgress(io, label, wait);
  io.stdout.write(`   done after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

function describeGateway(gw: InstanceDetails): string {
  const ips = [
    ...(gw.publicips ?? []).map((p) => `public ${p.ip_address ?? p.ipv6_address}`),
    ...(gw.privateips ?? []).map((p) => `private ${p.ip_address ?? p.ipv6_address}`),
  ];
  return `   ${gw.instance_name ?? gw.id}: ${gw.status}; ${ips.join(", ") || "no ingress addresses"}`;
}

function mentions(gw: InstanceDetails, ip: string): boolean {
  return [...(gw.publicips ?? []), ...(gw.privateips ?? [])].some((p) => p.ip_address === ip || p.ipv6_address === ip);
}

function describeNode(node: DdsNode): string {
  return node.nat_gateway_id
    ? `   ${node.name} (${node.role}): public gateway ${node.nat_gateway_id}, port ${node.external_service_port}`
    : `   ${node.name} (${node.role}): no public gateway`;
}

function assert(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(`demo check failed: ${message}`);
}

/** The `hwgw demo` command. */
export const demoCommands: Command[] = [demo];
