// The clients scripts/bench.mjs compares per call: the same ShowInstance GET through this SDK, bare openapi-fetch
// (without and with the SDK's signRequest as middleware), plain fetch and the official Huawei Cloud core.
import { createRequire } from "node:module";
import createClient from "openapi-fetch";
import { AK, INSTANCE, PROJECT, ROUTE, SK } from "./bench-request.mjs";

const require = createRequire(import.meta.url);
const { ClientBuilder } = require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder");
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials");

const expectRunning = (status, who) => {
  if (status !== "Running") throw new Error(`${who}: unexpected answer ${JSON.stringify(status)}`);
};
export const officialGet = (official) =>
  official.sendRequest({ method: "GET", url: ROUTE, pathParams: { instance_id: INSTANCE }, queryParams: {}, headers: {}, contentType: "application/json" });

/**
 * The same GET through every client, all pointed at `url`; `sdk` is dist/index.js. The first task is this SDK, the
 * fourth plain fetch.
 */
export function clientsFor(sdk, url) {
  const apig = sdk.createApigClient({ projectId: PROJECT, endpoint: url, auth: sdk.akskAuth({ accessKeyId: AK, secretAccessKey: SK }) });
  const bare = createClient({ baseUrl: url });
  const bareSigned = createClient({ baseUrl: url });
  bareSigned.use({
    async onRequest({ request }) {
      const added = await sdk.signRequest(
        { method: request.method, url: request.url, headers: request.headers, body: null },
        { accessKeyId: AK, secretAccessKey: SK },
      );
      for (const [k, v] of Object.entries(added)) request.headers.set(k, v);
      return request;
    },
  });
  const official = new ClientBuilder((c) => c).withCredential(new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT)).withEndpoint(url).build();
  const path_ = { project_id: PROJECT, instance_id: INSTANCE };
  const tasks = [
    { name: "hwc-gateways (AK/SK, retries on)", run: async () => expectRunning((await apig.getInstance(INSTANCE)).status, "sdk") },
    {
      name: "bare openapi-fetch (same types, no auth)",
      run: async () => expectRunning((await bare.GET(ROUTE, { params: { path: path_ } })).data?.status, "openapi-fetch"),
    },
    {
      name: "openapi-fetch + signRequest middleware",
      run: async () => expectRunning((await bareSigned.GET(ROUTE, { params: { path: path_ } })).data?.status, "openapi-fetch+sign"),
    },
    {
      name: "plain fetch (no auth)",
      run: async () => {
        const res = await fetch(`${url}/v2/${PROJECT}/apigw/instances/${INSTANCE}`, { headers: { accept: "application/json" } });
        expectRunning((await res.json()).status, "fetch");
      },
    },
    { name: "official core (ClientBuilder/HcClient, AK/SK)", run: async () => expectRunning((await officialGet(official)).status, "official") },
  ];
  return { tasks, apig, official };
}
