import { AbortError, CredentialsError, type CredentialSkip } from "../errors.js";
import { hideSecrets, type AuthContext } from "../options.js";
import { contextOf, isNotConfigured, type CredentialsStrategy, type RefreshOptions } from "./credentials.js";
import { environmentCredentials } from "./environment.js";
import { metadataCredentials, metadataDisabled, METADATA_DISABLED_ENV, type MetadataCredentialsOptions } from "./metadata.js";
import { podIdentityCredentials, type PodIdentityCredentialsOptions } from "./pod-identity.js";
import { profileCredentials, type ProfileCredentialsOptions } from "./profile.js";
import { sharedRenewal } from "./shared-renewal.js";

/** Options of {@link defaultCredentials}: each provider's own, passed on. */
export interface DefaultCredentialsOptions extends RefreshOptions {
  /** Where every provider reads its environment variables. @default process.env, read on the first call */
  env?: Record<string, string | undefined>;
  /** Options of the profile provider (file path, section). */
  profile?: Omit<ProfileCredentialsOptions, keyof RefreshOptions>;
  /** Options of the metadata provider, or `false` to leave it out (as `HUAWEICLOUD_SDK_METADATA_DISABLED=true`). */
  metadata?: Omit<MetadataCredentialsOptions, keyof RefreshOptions> | false;
  /** Options of the pod identity provider. */
  podIdentity?: Omit<PodIdentityCredentialsOptions, keyof RefreshOptions>;
}

/**
 * The default credential chain of the official SDKs, walked lazily on the first call: environment
 * ({@link environmentCredentials}), the credentials file ({@link profileCredentials}), the ECS metadata service
 * ({@link metadataCredentials}, unless `HUAWEICLOUD_SDK_METADATA_DISABLED` is set), pod identity
 * ({@link podIdentityCredentials}). A provider with nothing configured is skipped; one configured but failing (a
 * malformed profile, AK without SK) stops the chain. The first provider that supplies credentials is kept for the
 * client's life (its temporary credentials refreshed as it does). None: a `CredentialsError` whose `tried` names
 * every provider asked and why it gave nothing. The default `auth` of the APIG and DDS clients.
 */
export function defaultCredentials(options: DefaultCredentialsOptions = {}): CredentialsStrategy {
  const refresh = {
    ...(options?.refreshBeforeMs === undefined ? {} : { refreshBeforeMs: options.refreshBeforeMs }),
    ...(options?.env ? { env: options.env } : {}),
  };
  const metadataOptions = options?.metadata;
  const providers: [string, () => CredentialsStrategy | string][] = [
    ["environment", () => environmentCredentials(refresh)],
    ["profile", () => profileCredentials({ ...options?.profile, ...refresh })],
    [
      "metadata",
      () =>
        metadataOptions === false
          ? "left out (metadata: false)"
          : metadataDisabled(options?.env)
            ? `turned off by ${METADATA_DISABLED_ENV}`
            : metadataCredentials({ ...metadataOptions, ...refresh }),
    ],
    ["podIdentity", () => podIdentityCredentials({ ...options?.podIdentity, ...refresh })],
  ];
  let chosen: CredentialsStrategy | undefined;
  const choose = sharedRenewal(async (context: AuthContext, signal) => {
    const tried: CredentialSkip[] = [];
    for (const [name, make] of providers) {
      const provider = make();
      if (typeof provider === "string") {
        tried.push({ provider: name, reason: provider });
        continue;
      }
      try {
        await provider.describe({ ...context, signal });
        context.logger.debug(`credentials from the ${name} provider`);
        chosen = provider;
        return provider;
      } catch (err) {
        if (err instanceof AbortError) throw err;
        const message = err instanceof Error ? err.message : String(err);
        tried.push({ provider: name, reason: message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message });
        // Configured but broken: stop here rather than fall through to another identity.
        if (!isNotConfigured(err)) throw new CredentialsError(`the ${name} provider is configured but failed`, tried, { cause: err });
      }
    }
    throw new CredentialsError("no credentials found by the default chain", tried);
  }, "the default credential chain");
  const provider = (context: AuthContext) => (chosen ? Promise.resolve(chosen) : choose(context, context.signal));

  const strategy: CredentialsStrategy = {
    kind: "default",
    async authenticate(request, context) {
      await (await provider(context)).authenticate(request, context);
    },
    async onUnauthorized(request, context) {
      return (await provider(context)).onUnauthorized?.(request, context) ?? false;
    },
    async describe(context) {
      return (await provider(contextOf(context))).describe(context);
    },
  };
  return hideSecrets(strategy, "default");
}
