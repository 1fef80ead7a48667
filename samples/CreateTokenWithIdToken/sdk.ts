// Exchange an OIDC ID token (e.g. a CI job's or a workload's) for an unscoped IAM token.
// federatedCredentials() does this and the next step (temporary AK/SK) for you, refreshed before expiry.
import { readFileSync } from "node:fs";
import { AuthenticationError, createIamClient, regionalEndpoint } from "hwc-gateways";

const region = process.env.HUAWEICLOUD_SDK_REGION ?? "cn-north-4";
const iam = createIamClient({ endpoint: process.env.HWGW_ENDPOINT ?? regionalEndpoint("iam", region) });
const idToken = readFileSync(process.env.HUAWEICLOUD_SDK_ID_TOKEN_FILE!, "utf8").trim();

try {
  const { response } = await iam.raw.POST("/v3.0/OS-AUTH/id-token/tokens", {
    params: { header: { "X-Idp-Id": process.env.HUAWEICLOUD_SDK_IDP_ID! } },
    body: { auth: { id_token: { id: idToken } } },
  });
  // The token is a secret: hand it on (here to the environment of a child step), never log it.
  process.stdout.write(`export HWGW_TOKEN=${response.headers.get("X-Subject-Token")}\n`);
} catch (err) {
  if (!(err instanceof AuthenticationError)) throw err;
  console.error("IAM refused the identity provider or the ID token");
  process.exitCode = 1;
}
