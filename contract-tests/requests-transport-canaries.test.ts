/**
 * Canaries of layer 2 (requests.test.ts): requests that Prism answers with success but the recording transport
 * of support/recording-fetch.ts must reject, so a weakened transport check fails this file.
 */
import { describe, expect, inject, it } from "vitest";
import { signRequest } from "../src/auth/signer.js";
import { projectOf } from "./requests-fixtures.js";
import { ContractViolation, createRecordingFetch } from "./support/recording-fetch.js";
import { PRISM_AKSK, PRISM_TOKEN } from "./support/sdk-clients.js";
import { inputs } from "./support/sdk-inputs.js";
import { examplePath, findOperation, parameterExample, requestExample } from "./support/spec.js";
import type { ApiName } from "./support/spec-files.js";

describe("canaries: our transport rejects what Prism lets through", () => {
  /** Sends one request through a recorder; Prism must have answered success and our checks must have failed. */
  async function expectOnlyOursReject(
    send: (f: typeof fetch, prism: Record<ApiName, string>) => Promise<Response>,
    problem: RegExp,
    options: { verifyAksk?: typeof PRISM_AKSK } = {},
  ): Promise<void> {
    const prism = inject("prism");
    const recorder = createRecordingFetch({ prism, ...options });
    const error = await send(recorder.fetch, prism).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContractViolation);
    const [ex] = recorder.exchanges;
    expect(ex?.status, "Prism answered success: it did not see the problem").toBeGreaterThanOrEqual(200);
    expect(ex?.status).toBeLessThan(300);
    expect(ex?.violations, "Prism reported nothing").toEqual([]);
    expect(ex?.problems.join("\n")).toMatch(problem);
  }

  const showInstance = (prism: Record<ApiName, string>, suffix = "") => `${prism.apig}${examplePath(findOperation("ShowInstance"))}${suffix}`;

  it("an undocumented query parameter", async () => {
    await expectOnlyOursReject(
      (f, prism) => f(showInstance(prism, "?verbose=true"), { headers: { "x-auth-token": PRISM_TOKEN } }),
      /query parameter verbose is not documented/,
    );
  });

  it("an undocumented header", async () => {
    await expectOnlyOursReject(
      (f, prism) => f(showInstance(prism), { headers: { "x-auth-token": PRISM_TOKEN, "x-debug-trace": "1" } }),
      /header x-debug-trace is not documented/,
    );
  });

  it("a path parameter that is not percent-encoded", async () => {
    const op = findOperation("ShowInstance");
    await expectOnlyOursReject(
      (f, prism) =>
        f(`${prism.apig}${op.path.replace("{project_id}", String(parameterExample(op, "project_id"))).replace("{instance_id}", "gw:1")}`, {
          headers: { "x-auth-token": PRISM_TOKEN },
        }),
      /path parameter instance_id is not percent-encoded: sent gw:1, expected gw%3A1/,
    );
  });

  it("credentials sent to IAM's token operation, which documents none", async () => {
    await expectOnlyOursReject(
      (f, prism) =>
        f(`${prism.iam}/v3/auth/tokens`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-auth-token": PRISM_TOKEN },
          body: JSON.stringify(requestExample(findOperation("CreateTokenByPassword"))),
        }),
      /needs no credentials but the request carries x-auth-token/,
    );
  });

  it("an AK/SK signature that does not cover the body actually sent", async () => {
    await expectOnlyOursReject(
      async (f, prism) => {
        const url = `${prism.dds}${examplePath(findOperation("BindPublicGateway"))}`;
        const headers: Record<string, string> = { "content-type": "application/json", "x-project-id": String(projectOf("dds")) };
        const signed = await signRequest({ method: "POST", url, headers, body: JSON.stringify(inputs.bindBody) }, PRISM_AKSK);
        return f(url, { method: "POST", headers: { ...headers, ...signed }, body: JSON.stringify({ ...inputs.bindBody, external_service_port: 8636 }) });
      },
      /Authorization does not match a signature/,
      { verifyAksk: PRISM_AKSK },
    );
  });
});
