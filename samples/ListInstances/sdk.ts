// List a DDS instance's nodes and their public gateways.
import { akskAuth, createDdsClient, regionalEndpoint } from "hwc-gateways";

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

const { instances = [], total_count } = await dds.listInstances({
  id: process.env.DDS_INSTANCE_ID!,
  limit: 10,
});
console.log(`${total_count} instance(s)`);
for (const instance of instances) {
  for (const node of (instance.groups ?? []).flatMap((g) => g.nodes ?? [])) {
    const gateway = node.nat_gateway_id
      ? `public gateway ${node.nat_gateway_id}:${node.external_service_port}`
      : "no public gateway";
    console.log(`${instance.name} ${node.name} (${node.role}): ${gateway}`);
  }
}
