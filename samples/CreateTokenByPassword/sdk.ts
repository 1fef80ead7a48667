// Get an IAM token with a password. For APIG and DDS calls prefer passwordAuth(), which
// does this for you (cached, renewed before expires_at, renewed once on a 401).
import { AuthenticationError, createIamClient, regionalEndpoint } from "hwc-gateways";

const region = process.env.HUAWEICLOUD_SDK_REGION ?? "cn-north-4";
const iam = createIamClient({
  // HWGW_ENDPOINT points the sample elsewhere, e.g. at the emulator (`hwgw emulator start`).
  endpoint: process.env.HWGW_ENDPOINT ?? regionalEndpoint("iam", region),
});

try {
  const { token, expiresAt } = await iam.createTokenByPassword({
    auth: {
      identity: {
        methods: ["password"],
        password: {
          user: {
            name: process.env.IAM_USER_NAME!,
            password: process.env.IAM_PASSWORD!,
            domain: { name: process.env.IAM_DOMAIN_NAME! },
          },
        },
      },
      scope: { project: { name: region } },
    },
  });
  // The token is a secret: hand it on (here to the environment of a child step), never log it.
  process.stdout.write(`export HWGW_TOKEN=${token}\n`);
  console.error(`token valid until ${expiresAt}`);
} catch (err) {
  if (!(err instanceof AuthenticationError)) throw err;
  console.error(`wrong user name, password or account name (${err.code})`);
  process.exitCode = 1;
}
