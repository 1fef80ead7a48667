import type { CredentialsInfo, CredentialsStrategy } from "../../auth/credentials.js";
import { projectDiscovery } from "../../auth/project-discovery.js";
import { regionalEndpoint } from "../../options.js";
import type { Command } from "../command.js";
import { checkedClientOptions, GLOBAL_HELP, GLOBAL_OPTIONS } from "../config.js";
import { EXIT } from "../exit-codes.js";
import { printResult } from "../output.js";

const help = `hwgw auth show

Shows which credential provider supplies the credentials (the default chain's order: environment, profile file,
ECS metadata service, pod identity; or --token), when temporary credentials expire, and the project id with its
source (--project, the environment, the profile, or the IAM lookup by region). Never prints a secret.

${GLOBAL_HELP}

Example:
  HUAWEICLOUD_SDK_AK=… HUAWEICLOUD_SDK_SK=… hwgw auth show --region cn-north-4`;

const silent = { error() {}, warn() {}, info() {}, debug() {} };

/** What `auth show` prints: no secret, by construction (only these fields are read). */
interface AuthShown {
  provider: string;
  temporary: boolean;
  expiresAt: string | null;
  projectId: string;
  projectSource: string;
}

export const authCommands: Command[] = [
  {
    path: ["auth", "show"],
    summary: "show where credentials and the project id come from",
    help,
    options: { ...GLOBAL_OPTIONS },
    async run(flags, io, signal) {
      const options = await checkedClientOptions(flags, io, help, signal);
      const strategy = options.auth as Partial<CredentialsStrategy>;
      const info: CredentialsInfo | undefined = strategy.describe ? await strategy.describe.call(options.auth, { signal }) : undefined;
      const provider = info?.provider ?? (flags.token !== undefined ? "token (--token)" : "token (HWGW_TOKEN)");
      let project: { projectId: string; source: string };
      if (options.projectId) project = { projectId: options.projectId, source: flags.project !== undefined ? "--project" : "HUAWEICLOUD_SDK_PROJECT_ID" };
      else {
        const region = options.region as string;
        const discover = projectDiscovery({
          region,
          iamEndpoint: options.iamEndpoint ?? regionalEndpoint("iam", region),
          allowInsecureHttp: options.allowInsecureHttp === true,
          auth: options.auth,
          fetch: options.fetch as typeof fetch,
          logger: silent,
          ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
          ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
        });
        const found = await discover(signal);
        project = { projectId: found.projectId, source: found.source === "iam" ? `IAM lookup of the project named ${region}` : found.source };
      }
      const shown: AuthShown = {
        provider,
        temporary: info?.expiresAt !== undefined,
        expiresAt: info?.expiresAt ?? null,
        projectId: project.projectId,
        projectSource: project.source,
      };
      printResult(io, flags.json === true, shown, (s) =>
        [`credentials: ${s.provider}${s.temporary ? `, temporary, expire ${s.expiresAt}` : ""}`, `project id:  ${s.projectId} (from ${s.projectSource})`].join(
          "\n",
        ),
      );
      return EXIT.ok;
    },
  },
];
