// Deregister an ingress address of an NLB dedicated gateway, then wait until the gateway
// is Running without it.
import {
  akskAuth,
  ConflictError,
  createApigClient,
  JobFailedError,
  regionalEndpoint,
  WaitTimeoutError,
} from "hwc-gateways";

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
const ip = process.env.APIG_PUBLIC_IP!;

try {
  const job = await apig.deregisterIngressIps(process.env.APIG_INSTANCE_ID!, {
    elbs: [{ elb_id: process.env.APIG_ELB_ID!, public_ips: [{ type: "v4", ip }] }],
  });
  console.log(`job ${job.job_id} accepted`);
  // APIG has no job API: wait() polls ShowInstance until the gateway is Running
  // and no longer lists the address.
  const gateway = await job.wait({
    maxWaitMs: 10 * 60_000,
    onProgress: (e) => console.log(`${e.status} after ${e.elapsedMs} ms: ${e.pending.join("; ")}`),
  });
  console.log(`gateway ${gateway.id} is ${gateway.status}; ${ip} deregistered`);
} catch (err) {
  if (err instanceof ConflictError && err.code === "APIC.7712") {
    console.error("a billing order locks the gateway: pay or cancel it first");
  } else if (err instanceof JobFailedError) {
    console.error(`the change failed: ${err.reason}`);
  } else if (err instanceof WaitTimeoutError) {
    console.error(`not done after ${err.elapsedMs} ms: ${err.lastReason}`);
  } else {
    throw err;
  }
  process.exitCode = 1;
}
