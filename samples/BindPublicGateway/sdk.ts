// Bind a public gateway to a DDS node (a DNAT rule EIP:port → node), then wait until
// the node shows it.
import {
  akskAuth,
  BadRequestError,
  createDdsClient,
  JobFailedError,
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
const instanceId = process.env.DDS_INSTANCE_ID!;
const nodeId = process.env.DDS_NODE_ID!;

try {
  // Not retried after a 5xx or a timeout: the bind may have happened,
  // so read the node before trying again.
  const bound = await dds.bindPublicGateway(instanceId, nodeId, {
    nat_gateway_id: process.env.DDS_NAT_GATEWAY_ID!,
    public_ip_id: process.env.DDS_PUBLIC_IP_ID!,
    external_service_port: 8635,
  });
  const { node } = await bound.wait({ maxWaitMs: 5 * 60_000 });
  const { nat_gateway_id, external_service_port } = node;
  console.log(
    `${node.name} is reachable through NAT gateway ${nat_gateway_id} on port ${external_service_port}`,
  );
} catch (err) {
  if (err instanceof BadRequestError) {
    // e.g. DBS.200004: the node already has a public gateway;
    // DBS.200075: the NAT gateway is in another VPC or subnet.
    console.error(`refused: ${err.code} ${err.message}`);
  } else if (err instanceof JobFailedError || err instanceof WaitTimeoutError) {
    console.error(`not bound: ${err.message}`);
  } else {
    throw err;
  }
  process.exitCode = 1;
}
