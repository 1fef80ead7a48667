import { createDdsClient } from "../../services/dds.js";
import type { Command } from "../command.js";
import { checkedClientOptions, GLOBAL_HELP, GLOBAL_OPTIONS, integer, waitOptions } from "../config.js";
import { EXIT } from "../exit-codes.js";
import { printResult } from "../output.js";
import { waitWithProgress } from "../progress.js";
import { required } from "./apig.js";

const unbindHelp = `hwgw dds gateway unbind --instance ID --node ID [--wait]

Unbinds the public gateway (DNAT rule) from a DB node (DELETE …/nodes/{node_id}/public-gateway). The API answers
200 without a job; with --wait, hwgw re-reads the node until it no longer shows the gateway.

  --instance ID          DB instance id
  --node ID              node id (a mongos of a cluster, or the primary/secondary of a replica set)
  --wait                 wait until the node shows no gateway
  --max-wait-ms N        with --wait: give up after N ms, 1–2147483647 (default 600000)

${GLOBAL_HELP}

Example:
  hwgw dds gateway unbind --region ap-southeast-1 --instance 9136fd2a9fcd405ea4674276ce36dae8in02 \\
    --node 52a4c096bb1f455d8d866956a959519eno02 --wait`;

const bindHelp = `hwgw dds gateway bind --instance ID --node ID --nat-gateway ID --public-ip-id ID --port N [--wait]

Binds a public gateway to a DB node (POST …/nodes/{node_id}/public-gateway): a DNAT rule on the NAT gateway maps
EIP:port to the node. With --wait, hwgw re-reads the node until it shows the gateway. Not retried after a server
error, because the bind may have happened.

  --instance ID          DB instance id
  --node ID              node id
  --nat-gateway ID       public NAT gateway id
  --public-ip-id ID      EIP id on that NAT gateway
  --port N               external service port, 1–65535
  --wait                 wait until the node shows the gateway
  --max-wait-ms N        with --wait: give up after N ms, 1–2147483647 (default 600000)

${GLOBAL_HELP}

Example:
  hwgw dds gateway bind --region ap-southeast-1 --instance 9136fd2a9fcd405ea4674276ce36dae8in02 \\
    --node 52a4c096bb1f455d8d866956a959519eno02 --nat-gateway 3f9c2b7e-6d41-4a8e-9b0c-5e7d1a2f3c4b \\
    --public-ip-id 8c1e5a3d-2b7f-4e90-a6d4-0f3b9c7e1d2a --port 8635 --wait`;

const WAIT_OPTIONS = { wait: { type: "boolean" }, "max-wait-ms": { type: "string" } } as const;

function gatewayCommand(verb: "bind" | "unbind"): Command {
  const help = verb === "bind" ? bindHelp : unbindHelp;
  return {
    path: ["dds", "gateway", verb],
    summary: `${verb} the public gateway of a DB node`,
    help,
    options: {
      ...GLOBAL_OPTIONS,
      ...WAIT_OPTIONS,
      instance: { type: "string" },
      node: { type: "string" },
      ...(verb === "bind" ? { "nat-gateway": { type: "string" }, "public-ip-id": { type: "string" }, port: { type: "string" } } : {}),
    },
    async run(flags, io, signal) {
      const instance = required(flags.instance, "--instance", help);
      const node = required(flags.node, "--node", help);
      const json = flags.json === true;
      // Every flag is read before the request: a mistake found after it would be reported as "nothing was sent".
      const binding =
        verb === "bind"
          ? {
              nat_gateway_id: required(flags["nat-gateway"], "--nat-gateway", help),
              public_ip_id: required(flags["public-ip-id"], "--public-ip-id", help),
              external_service_port: integer(required(flags.port, "--port", help), "--port", help, 1, 65535),
            }
          : undefined;
      const wait = waitOptions(flags, help);
      const dds = createDdsClient(await checkedClientOptions(flags, io, help, signal));
      const what = (r: { node_name?: string | undefined; instance_name?: string | undefined }) =>
        `node ${r.node_name ?? node} of ${r.instance_name ?? instance}`;
      const handle = binding ? await dds.bindPublicGateway(instance, node, binding, { signal }) : await dds.unbindPublicGateway(instance, node, { signal });
      if (!wait) {
        printResult(
          io,
          json,
          { result: handle },
          ({ result }) => `${verb === "bind" ? "Bound" : "Unbound"} the public gateway of ${what(result)} (not waited for)`,
        );
        return EXIT.ok;
      }
      const done = await waitWithProgress(io, `node ${node}`, (onProgress) => handle.wait({ signal, ...wait, onProgress }));
      printResult(io, json, { result: handle, node: done }, (v) =>
        verb === "bind"
          ? `Done: ${what(v.result)} is reachable through NAT gateway ${v.node.node.nat_gateway_id} on port ${v.node.node.external_service_port}`
          : `Done: ${what(v.result)} has no public gateway`,
      );
      return EXIT.ok;
    },
  };
}

/** The `hwgw dds …` commands. */
export const ddsCommands: Command[] = [gatewayCommand("unbind"), gatewayCommand("bind")];
