// The consumer code the consumer tests install the tarball for: one call of each service, which the ESM and the
// CJS project make alike, typed usage that must compile, and lines that must not.

export const PROJECT = "05041fffa40025702f6dc009cc6f8f33";
const GATEWAY = "6a7d71827fd54572b1f31aa9548fcc81";
const ELB = "85392b45-685c-4f77-b19a-14ad875b8190";
const DDS_INSTANCE = "9136fd2a9fcd405ea4674276ce36dae8in02";
const DDS_NODE = "1f6d6e9d9a8f4c2ba5d2b2cde35b4d1cno02";

const CALLS = `
  const auth = akskAuth({ accessKeyId: "CONSUMER-AK", secretAccessKey: "consumer-sk" });
  const apig = createApigClient({ projectId: "${PROJECT}", endpoint, auth, maxRetries: 0 });
  const instance = await apig.getInstance("${GATEWAY}");
  const job = await apig.deregisterIngressIps("${GATEWAY}", { elbs: [{ elb_id: "${ELB}", public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] });
  const dds = createDdsClient({ projectId: "${PROJECT}", endpoint, auth, maxRetries: 0 });
  const page = await dds.listInstances({ mode: "ReplicaSet", limit: 10 });
  const unbound = await dds.unbindPublicGateway("${DDS_INSTANCE}", "${DDS_NODE}");
  const iam = createIamClient({ endpoint, maxRetries: 0 });
  const issued = await iam.createTokenByPassword({
    auth: {
      identity: { methods: ["password"], password: { user: { name: "IAM_USER", password: "not-a-secret", domain: { name: "ACCOUNT_NAME" } } } },
      scope: { project: { name: "cn-north-4" } },
    },
  });
  let notFound = "none";
  try {
    await createApigClient({ projectId: "${PROJECT}", endpoint: endpoint + "/nowhere", auth, maxRetries: 0 }).getInstance("${GATEWAY}");
  } catch (err) {
    notFound = err instanceof NotFoundError ? "NotFoundError " + err.status + " " + err.code : String(err);
  }
`;

export const ESM_OK = `import { akskAuth, createApigClient, createDdsClient, createIamClient, NotFoundError } from "hwc-gateways";
import type { IngressIpsJob, InstanceDetails, InstanceStatus, IssuedToken, ListInstancesResponse, UnbindPublicGatewayResponse } from "hwc-gateways";

// Own data fields only: the job answers are handles with methods (and a toJSON of their own).
const plain = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== "function"));

export async function run(endpoint: string) {
${CALLS}
  // The results carry the spec's types, not any: these annotations would not compile otherwise.
  // Response fields are optional, as in the official models: the types make the consumer say what it does without one.
  const typed: [InstanceDetails, InstanceStatus | undefined, IngressIpsJob, ListInstancesResponse, UnbindPublicGatewayResponse, IssuedToken] =
    [instance, instance.status, job, page, unbound, issued];
  const jobId: string = job.job_id ?? "(none)";
  const nodeCount: number = (page.instances ?? []).flatMap((i) => (i.groups ?? []).flatMap((g) => g.nodes ?? [])).length;
  return { instance, job: plain(job), jobId, nodeCount, page, unbound: plain(unbound), token: issued.token, tokenBody: issued.body, notFound, typed: typed.length };
}
`;

// Each line marked `// TSnnnn name` must fail with exactly that error code, and no other line may fail.
export const ESM_BAD = `import { createApigClient, createDdsClient, type IngressIpsRequest } from "hwc-gateways";

export const misspelt: IngressIpsRequest = { elbs: [{ elb_ids: "x" }] }; // TS2561 elb_ids
export const unknownField: IngressIpsRequest = { elbs: [{ elb_id: "x", loadbalancer: "y" }] }; // TS2353 loadbalancer
export const wrongEnum: IngressIpsRequest = { elbs: [{ elb_id: "x", public_ips: [{ type: "v5", ip: "192.0.2.1" }] }] }; // TS2322 "v5"
export const wrongOption = createApigClient({ projectID: "p", region: "cn-north-4" }); // TS2561 projectID
const dds = createDdsClient({ projectId: "p", region: "cn-north-4" });
export const wrongQuery = dds.listInstances({ mode: "Cluster" }); // TS2322 "Cluster"
export const wrongResult: number = (await dds.unbindPublicGateway("i", "n")).node_id; // TS2322 number
`;

export const CJS_CLIENT = `// @ts-check
const { akskAuth, createApigClient, createDdsClient, createIamClient, NotFoundError } = require("hwc-gateways");

/** Own data fields only: the job answers are handles with methods (and a toJSON of their own). @param {object} o */
const plain = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== "function"));

/** @param {string} endpoint */
async function run(endpoint) {
${CALLS}
  // The types come through require() (index.d.cts), so a wrong field is an error in JavaScript too.
  // @ts-expect-error 'elb_ids' does not exist in type 'ElbIngressDetails'
  const wrongField = () => apig.deregisterIngressIps("${GATEWAY}", { elbs: [{ elb_ids: "x" }] });
  void wrongField;
  return { instance, job: plain(job), page, unbound: plain(unbound), token: issued.token, tokenBody: issued.body, notFound };
}
module.exports = { run };
`;

export const CJS_MAIN = `const { run } = require("./client.js");
run(process.argv[2]).then((r) => console.log(JSON.stringify(r)), (err) => { console.error(err); process.exitCode = 1; });
`;
