// Turn an IAM token (HWGW_TOKEN, e.g. from CreateTokenWithIdToken) into a temporary AK/SK with its
// security token. akskAuth({ accessKeyId, secretAccessKey, securityToken }) then signs with them.
import { createIamClient, regionalEndpoint } from "hwc-gateways";

const region = process.env.HUAWEICLOUD_SDK_REGION ?? "cn-north-4";
const iam = createIamClient({ endpoint: process.env.HWGW_ENDPOINT ?? regionalEndpoint("iam", region) });

const { data } = await iam.raw.POST("/v3.0/OS-CREDENTIAL/securitytokens", {
  body: { auth: { identity: { methods: ["token"], token: { id: process.env.HWGW_TOKEN!, duration_seconds: 900 } } } },
});
const credential = data?.credential;
if (!credential) throw new Error("the answer has no credential");
// Secrets: hand them on to the next step's environment, never log them.
process.stdout.write(
  `export HUAWEICLOUD_SDK_AK=${credential.access} HUAWEICLOUD_SDK_SK=${credential.secret} HUAWEICLOUD_SDK_SECURITY_TOKEN=${credential.securitytoken}\n`,
);
console.error(`temporary credentials valid until ${credential.expires_at}`);
