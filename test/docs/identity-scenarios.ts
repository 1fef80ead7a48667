// What the samples of the three identity operations (project lookup, ID-token exchange, temporary AK/SK) must
// print and what the emulator must show afterwards; samples.test.ts runs them with the other scenarios.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { SAMPLE_KINDS } from "../../scripts/code-samples.mjs";
import { akskAuth } from "../../src/auth/aksk.js";
import type { Emulator, EmulatorSnapshot } from "../../src/emulator/index.js";
import { createApigClient } from "../../src/services/apig.js";
import type { SampleRun } from "./sample-runner.js";

type Kind = (typeof SAMPLE_KINDS)[number]["kind"];

/** One operation's expectations: the environment its samples read, their output, and their effect. */
export interface Scenario {
  /** Environment the sample reads, on top of the credentials and endpoint (computed once the emulator runs). */
  env: Record<string, string> | ((emulator: Emulator) => Record<string, string>);
  /** The output shows the result (per kind of sample). */
  output: Record<Kind, RegExp> | ((emulator: Emulator) => Record<Kind, RegExp>);
  /** The emulator's state after the run shows the change. */
  effect(before: EmulatorSnapshot, after: EmulatorSnapshot, run: SampleRun, emulator: Emulator): void | Promise<void>;
}

const GW = "6a7d71827fd54572b1f31aa9548fcc81";

export const IDENTITY_SCENARIOS: Record<string, Scenario> = {
  KeystoneListProjects: {
    env: { HUAWEICLOUD_SDK_REGION: "cn-north-4" },
    output: (emulator) => {
      const listed = new RegExp(`^cn-north-4 ${emulator.projectId}$`, "m");
      return { sdk: listed, cli: /^$/, curl: listed };
    },
    effect(before, after) {
      expect(after.gateways).toEqual(before.gateways);
    },
  },
  CreateTokenWithIdToken: {
    env: (emulator) => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "hwc-idtoken-")), "id_token");
      writeFileSync(file, `${emulator.federation.idToken}\n`);
      return { HUAWEICLOUD_SDK_IDP_ID: emulator.federation.idpId, HUAWEICLOUD_SDK_ID_TOKEN_FILE: file };
    },
    output: { sdk: /^export HWGW_TOKEN=\S+$/m, cli: /^$/, curl: /^export HWGW_TOKEN=\S+$/m },
    async effect(before, after, run, emulator) {
      expect(after.tokens.issued).toBe(before.tokens.issued + 1);
      // The printed token is the one issued: the emulator exchanges it for temporary keys.
      const token = /^export HWGW_TOKEN=(\S+)$/m.exec(run.stdout)?.[1] ?? "";
      const answer = await fetch(`${emulator.url}/v3.0/OS-CREDENTIAL/securitytokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ auth: { identity: { methods: ["token"], token: { id: token } } } }),
      });
      expect(answer.status).toBe(201);
    },
  },
  CreateTemporaryAccessKeyByToken: {
    env: {},
    output: {
      sdk: /^export HUAWEICLOUD_SDK_AK=\S+ HUAWEICLOUD_SDK_SK=\S+ HUAWEICLOUD_SDK_SECURITY_TOKEN=\S+$/m,
      cli: /^$/,
      curl: /^export HUAWEICLOUD_SDK_AK=\S+ HUAWEICLOUD_SDK_SK=\S+ HUAWEICLOUD_SDK_SECURITY_TOKEN=\S+$/m,
    },
    async effect(_before, _after, run, emulator) {
      // The printed keys sign an APIG call the emulator accepts.
      const m = /HUAWEICLOUD_SDK_AK=(\S+) HUAWEICLOUD_SDK_SK=(\S+) HUAWEICLOUD_SDK_SECURITY_TOKEN=(\S+)$/m.exec(run.stdout);
      expect(m).not.toBeNull();
      const [, accessKeyId = "", secretAccessKey = "", securityToken = ""] = m ?? [];
      const apig = createApigClient({
        endpoint: emulator.url,
        projectId: emulator.projectId,
        auth: akskAuth({ accessKeyId, secretAccessKey, securityToken }),
        logLevel: "off",
      });
      expect((await apig.getInstance(GW)).id).toBe(GW);
    },
  },
};
