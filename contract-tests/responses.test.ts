/**
 * Layer 3, responses are handled: for every operation × documented status × named example (enumerated from the
 * YAML at test time), every SDK method that calls the operation is run against Prism with
 * `Prefer: code=<c>, example=<name>` and must resolve with the example (2xx; handles may carry extras such as
 * `wait()`) or reject with the typed error for the status, carrying the example's `error_code`, its message and
 * the `X-Request-Id` Prism served. Clients run with `maxRetries: 0`, so a retryable answer is seen exactly once.
 */
import { describe, expect, inject, it } from "vitest";
import type { ApiError } from "../src/index.js";
import { createRecordingFetch, withHeaders } from "./support/recording-fetch.js";
import { expectedCode, expectedMessage, planResponseCases, RESPONSES_SUITE } from "./support/response-cases.js";
import { LoadedSpec } from "./support/loaded-spec.js";
import { GENERATED_EXAMPLE } from "./support/response-matrix.js";
import { createClients } from "./support/sdk-clients.js";
import { requestIdExample, spec } from "./support/spec.js";

const cases = planResponseCases();

describe(RESPONSES_SUITE, () => {
  it("plans at least one case per documented response", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    it(c.title, async () => {
      const prism = inject("prism");
      const loaded = spec(c.row.api);
      const response = loaded.operation(c.row.operationId).responses.find((r) => r.status === c.row.status);
      if (!response) throw new Error(`${c.row.operationId} has no ${c.row.status} response`);

      const recorder = createRecordingFetch({ prism });
      const clients = createClients({ prism, fetch: withHeaders(recorder.fetch, { Prefer: c.prefer }), auth: "token", maxRetries: 0 });
      const outcome = await c.method.call(clients).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );

      expect(recorder.problems(), "request or mock violations").toEqual([]);
      const exchanges = recorder.of(c.row.operationId);
      expect(exchanges, "attempts (maxRetries: 0)").toHaveLength(1);
      const served = exchanges[0]!;
      expect(served.status, "status Prism answered with").toBe(c.code);
      const documentedRequestId = requestIdExample(response);
      if (documentedRequestId !== undefined)
        expect(served.responseHeaders["x-request-id"], "X-Request-Id served from the spec's header example").toBe(documentedRequestId);

      if (c.errorClass === undefined) {
        if (!outcome.ok) throw outcome.error;
        if (c.row.example === GENERATED_EXAMPLE) return;
        const body = c.method.expectSuccess(outcome.value, c.row.value, served.responseHeaders);
        if (body !== undefined && response.schema) {
          expect(LoadedSpec.describe(loaded.validate(response.schema, body)), "typed result re-validated against the response schema").toEqual([]);
        }
        return;
      }

      expect(outcome.ok, "the call must reject").toBe(false);
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(c.errorClass);
      expect((error as object).constructor, "most specific class for the status").toBe(c.errorClass);
      const e = error as ApiError;
      expect(e.status).toBe(c.code);
      if (c.row.example === GENERATED_EXAMPLE) return;
      const bodyRequestId = (c.row.value as { request_id?: unknown } | undefined)?.request_id;
      expect({ code: e.code, message: e.message, requestId: e.requestId }).toEqual({
        code: expectedCode(c.row.value),
        message: expectedMessage(c.row.value),
        requestId: served.responseHeaders["x-request-id"] ?? (typeof bodyRequestId === "string" ? bodyRequestId : undefined),
      });
      expect(e.body, "parsed error body").toEqual(c.row.value);
    });
  }
});
