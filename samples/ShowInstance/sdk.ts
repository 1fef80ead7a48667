// Show a dedicated gateway's status and ingress addresses.
import { akskAuth, createApigClient, NotFoundError, regionalEndpoint } from "hwc-gateways";

const region = process.env.HUAWEICLOUD_SDK_REGION ?? "cn-north-4";
const apig = createApigClient({
  // HWGW_ENDPOINT points the sample elsewhere, e.g. at the emulator (`hwgw emulator start`).
  endpoint: process.env.HWGW_ENDPOINT ?? regionalEndpoint("apig", region),
  projectId: process.env.HUAWEICLOUD_SDK_PROJECT_ID!,
  auth: akskAuth({
    accessKeyId: process.env.HUAWEICLOUD_SDK_AK!,
    secretAccessKey: process.env.HUAWEICLOUD_SDK_SK!,
  }),
});

try {
  const gateway = await apig.getInstance(process.env.APIG_INSTANCE_ID!);
  const { instance_name, status, instance_status } = gateway;
  console.log(`${instance_name} is ${status} (instance_status ${instance_status})`);
  for (const p of gateway.publicips ?? []) console.log(`public  ${p.ip_address ?? p.ipv6_address}`);
  for (const p of gateway.privateips ?? []) console.log(`private ${p.ip_address ?? p.ipv6_address}`);
} catch (err) {
  if (!(err instanceof NotFoundError)) throw err;
  console.error(`no such gateway (${err.code}, request ${err.requestId})`);
  process.exitCode = 1;
}
