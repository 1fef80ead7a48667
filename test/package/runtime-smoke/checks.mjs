// The runtime smoke checks, shared by every runtime of test/package/runtimes.json: cli.mjs runs them under Node,
// Bun and Deno, worker.mjs under workerd. They run inside a fresh project that installed the packed tarball, so
// `hwc-gateways` resolves as it does for a user. Plain ESM using only what every runtime has; they return facts
// and the test judges them (a failure then shows everything the runtime did, not just the first assertion).
import { AuthenticationError, ConnectionError, HuaweiCloudError, NotFoundError, ValidationError, akskAuth, createApigClient, signRequest } from "hwc-gateways";

const GATEWAY = "6a7d71827fd54572b1f31aa9548fcc81";
const MISSING_GATEWAY = "00000000000000000000000000000000";
const ELB = "85392b45-685c-4f77-b19a-14ad875b8190";
const IPS = [{ type: "v4", ip: "192.0.2.10" }];

/** What a caught error looks like, as the test compares it. */
const describe = (err) => ({
  name: err?.name,
  huaweiCloudError: err instanceof HuaweiCloudError,
  notFound: err instanceof NotFoundError,
  authentication: err instanceof AuthenticationError,
  connection: err instanceof ConnectionError,
  validation: err instanceof ValidationError,
  status: err?.status,
  code: err?.code,
  message: String(err?.message),
});

const caught = async (fn) => {
  try {
    await fn();
    return { thrown: false };
  } catch (err) {
    return describe(err);
  }
};

// Every field an ingress address can show in (as the SDK's own acceptor reads them), plus the status.
const listed = (d) => ({
  status: d.status,
  ips: [d.ingress_ip, d.ingress_ip_v6, ...[...(d.publicips ?? []), ...(d.privateips ?? [])].flatMap((e) => [e.ip_address, e.ipv6_address])]
    .filter(Boolean)
    .sort(),
});

/**
 * Runs every check against the emulator at `endpoint` and returns what happened.
 * `unreachable` is a loopback URL nothing listens on (and that Deno is given no permission for).
 * @param {{ runtime: string, endpoint: string, unreachable: string, projectId: string, accessKeyId: string, secretAccessKey: string }} args
 */
export async function smoke({ runtime, endpoint, unreachable, projectId, accessKeyId, secretAccessKey }) {
  // Which hash backend the signer picks here (it prefers node:crypto through process.getBuiltinModule): reported only.
  const nodeCrypto = (() => {
    try {
      return typeof globalThis.process?.getBuiltinModule?.("node:crypto")?.createHmac === "function";
    } catch {
      return false;
    }
  })();
  const out = { runtime, crypto: nodeCrypto ? "node:crypto" : "Web Crypto" };

  // The signer as a pure function, at a fixed time: the test compares it with the signature Node 20 computes.
  out.signature = (
    await signRequest(
      {
        method: "PUT",
        url: `https://apig.cn-north-4.myhuaweicloud.com/v2/${projectId}/apigw/instances/${GATEWAY}/ingress-unregister`,
        headers: { "content-type": "application/json" },
        body: '{"elbs":[]}',
      },
      { accessKeyId, secretAccessKey },
      { date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) },
    )
  ).Authorization;

  const apig = createApigClient({ projectId, endpoint, auth: akskAuth({ accessKeyId, secretAccessKey }), maxRetries: 0, logLevel: "off" });
  const body = { elbs: [{ elb_id: ELB, public_ips: IPS }] };

  out.before = listed(await apig.getInstance(GATEWAY));
  const job = await apig.deregisterIngressIps(GATEWAY, body);
  out.jobId = job.job_id;
  const after = await job.wait({ minDelayMs: 50, maxDelayMs: 200 });
  out.after = listed(after);
  out.afterFetched = listed(await apig.getInstance(GATEWAY));

  out.notFound = await caught(() => apig.getInstance(MISSING_GATEWAY));
  const forged = createApigClient({
    projectId,
    endpoint,
    auth: akskAuth({ accessKeyId, secretAccessKey: `${secretAccessKey}-wrong` }),
    maxRetries: 0,
    logLevel: "off",
  });
  out.badSignature = await caught(() => forged.getInstance(GATEWAY));
  const nowhere = createApigClient({ projectId, endpoint: unreachable, auth: akskAuth({ accessKeyId, secretAccessKey }), maxRetries: 0, logLevel: "off" });
  out.unreachable = await caught(() => nowhere.getInstance(GATEWAY));
  out.invalid = await caught(() => apig.deregisterIngressIps(GATEWAY, { elbs: [{ elb_id: "x", public_ips: IPS }] }));

  return out;
}
