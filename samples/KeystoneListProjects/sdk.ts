// Find the project id of a region. APIG and DDS clients given a region but no projectId do this
// once on their own (and cache it); call it yourself to show or store the id.
import { akskAuth, createIamClient, regionalEndpoint } from "hwc-gateways";

const region = process.env.HUAWEICLOUD_SDK_REGION ?? "cn-north-4";
const iam = createIamClient({
  // HWGW_ENDPOINT points the sample elsewhere, e.g. at the emulator (`hwgw emulator start`).
  endpoint: process.env.HWGW_ENDPOINT ?? regionalEndpoint("iam", region),
  auth: akskAuth({ accessKeyId: process.env.HUAWEICLOUD_SDK_AK!, secretAccessKey: process.env.HUAWEICLOUD_SDK_SK! }),
});

// A failed call throws a typed HuaweiCloudError (AuthenticationError for a wrong AK/SK, …).
const { data } = await iam.raw.GET("/v3/projects", { params: { query: { name: region } } });
const projects = data?.projects ?? [];
if (projects.length !== 1) {
  console.error(`${projects.length} projects named ${region}`);
  process.exitCode = 1;
}
for (const project of projects) console.log(`${project.name} ${project.id}`);
