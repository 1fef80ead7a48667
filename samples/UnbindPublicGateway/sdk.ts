// Unbind the public gateway (DNAT rule) of a DDS node, then wait until the node no longer shows it.
import {
  akskAuth,
  createDdsClient,
  JobFailedError,
  PermissionDeniedError,
  regionalEndpoint,
  WaitTimeoutError,
} from "hwc-gateways";

const region = process.env.HUAWEICLOUD_SDK_REGION ?? "cn-north-4";
const dds = createDdsClient({
  // HWGW_ENDPOINT points the sample elsewhere, e.g. at the emulator (`hwgw emulator start`).
  endpoint: process.env.HWGW_ENDPOINT ?? regionalEndpoint("dds", region),
  projectId: process.env.HUAWEICLOUD_SDK_PROJECT_ID!,
  auth: akskAuth({
    accessKeyId: process.env.HUAWEICLOUD_SDK_AK!,
    secretAccessKey: process.env.HUAWEICLOUD_SDK_SK!,
  }),
});

try {
  // Answers 200 at once (a busy instance, 403 DBS.201015, is retried for you);
  // the rule may still be settling.
  const unbound = await dds.unbindPublicGateway(process.env.DDS_INSTANCE_ID!, process.env.DDS_NODE_ID!);
  console.log(`unbinding ${unbound.node_name} of ${unbound.instance_name}`);
  // wait() re-reads the node (ListInstances) until it shows no nat_gateway_id.
  const { node } = await unbound.wait({ maxWaitMs: 5 * 60_000 });
  console.log(`${node.name} has no public gateway`);
} catch (err) {
  if (err instanceof PermissionDeniedError) {
    console.error(`refused: ${err.code} ${err.message}`);
  } else if (err instanceof JobFailedError || err instanceof WaitTimeoutError) {
    console.error(`not unbound: ${err.message}`);
  } else {
    throw err;
  }
  process.exitCode = 1;
}
