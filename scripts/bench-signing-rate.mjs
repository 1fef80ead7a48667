// Section 2 of scripts/bench.mjs: signatures per second, the SDK's `signRequest` against the official
// `AKSKSigner.sign` on the same request, neither given a date (both read the clock). Reported, not targeted.
import { createRequire } from "node:module";
import { AK, INSTANCE, PROJECT, SK } from "./bench-request.mjs";
import { interleaved } from "./bench-stats.mjs";

const require = createRequire(import.meta.url);
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials");
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");

/** `sdk` is dist/index.js. Returns per signer its µs per signature (`wall`) and signatures per second (`rate`). */
export async function measureSigning(sdk, { quick }) {
  console.log("bench: signing rate…");
  const signUrl = `https://apig.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/apigw/instances/${INSTANCE}`;
  const headers = { "X-Project-Id": PROJECT, "content-type": "application/json" };
  const creds = { accessKeyId: AK, secretAccessKey: SK };
  const officialCred = new BasicCredentials().withAk(AK).withSk(SK);
  const ours = await sdk.signRequest({ method: "GET", url: signUrl, headers, body: null }, creds);
  const theirs = AKSKSigner.sign({ endpoint: signUrl, method: "GET", headers: { ...headers }, queryParams: {} }, officialCred);
  if (!/^SDK-HMAC-SHA256 /.test(ours.Authorization ?? ours.authorization) || !/^SDK-HMAC-SHA256 /.test(theirs.Authorization))
    throw new Error("a signer produced no signature");
  const tasks = [
    { name: "signRequest (hwc-gateways)", run: () => sdk.signRequest({ method: "GET", url: signUrl, headers, body: null }, creds) },
    {
      name: "AKSKSigner.sign (official)",
      run: async () => AKSKSigner.sign({ endpoint: signUrl, method: "GET", headers: { ...headers }, queryParams: {} }, officialCred),
    },
  ];
  const r = await interleaved(tasks, quick ? { rounds: 5, batch: 500, warmup: 500 } : { rounds: 20, batch: 1_000, warmup: 2_000 });
  // µs per signature → signatures per second (per round, so the spread carries over).
  return new Map([...r].map(([name, v]) => [name, { wall: v.wall, rate: { median: 1e6 / v.wall.median, p25: 1e6 / v.wall.p75, p75: 1e6 / v.wall.p25 } }]));
}
