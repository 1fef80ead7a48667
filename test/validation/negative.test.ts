/**
 * Layer 5, negative tests in the style of Schemathesis: for every SDK method, fast-check builds inputs that break
 * ONE schema keyword at one site (sites and keywords are found by walking the spec, see mutation-sites.ts). Each must
 * reject with `ValidationError` before any I/O (the injected fetch records zero calls), with an issue whose `path`
 * names the broken field (`elbs[0].elb_id`) and whose `keyword` and message fit the broken rule, and no issue outside
 * the broken value's enclosing object. Positive data too: random valid inputs never throw and reach fetch unchanged
 * (body JSON deep-equal, path parameters and query intact).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { ValidationError } from "../../src/errors.js";
import { createApigClient } from "../../src/services/apig.js";
import { createDdsClient } from "../../src/services/dds.js";
import { createIamClient } from "../../src/services/iam.js";
import { mutatedInput, type Mutated } from "./mutated-input.js";
import { mutationSites, type Keyword } from "./mutation-sites.js";
import { operationInput, validInput, type Schema } from "./schema-inputs.js";

type Input = Mutated["input"];
type Fetch = typeof fetch;

interface Operation {
  spec: "apig" | "dds" | "iam";
  operationId: string;
  call: (input: Input, fetch: Fetch) => Promise<unknown>;
  /** What the fake server answers; a valid answer of the operation. */
  answer: () => Response;
  /** The body the result must carry (the handle or result object exposes the answer's fields). */
  resultBody: (result: unknown) => unknown;
  /** The query the SDK sends when the caller passes none. */
  defaultQuery?: Record<string, unknown>;
}

const REGION = "cn-north-4";
// The regional endpoints given as endpoints, not as a region: with a region and no projectId the client would
// look the project up in IAM (issue 14) instead of refusing the missing project_id before any I/O.
const common = (fetch: Fetch, service: "apig" | "dds") => ({
  endpoint: `https://${service}.${REGION}.myhuaweicloud.com`,
  fetch,
  maxRetries: 0,
  auth: tokenAuth("test-token"),
});
const apig = (input: Input, fetch: Fetch) => createApigClient({ ...common(fetch, "apig"), projectId: input.path.project_id as string });
const dds = (input: Input, fetch: Fetch) => createDdsClient({ ...common(fetch, "dds"), projectId: input.path.project_id as string });
const iam = (fetch: Fetch) => createIamClient({ region: REGION, fetch, maxRetries: 0 });
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "x-request-id": "req-1", ...headers } });

const JOB = { instance_id: "6a7d71827fd54572b1f31aa9548fcc81", message: "JOB_ASSIGNED", job_id: "JOB-a7c1241c33334490a3fdcd11102bcbda" };
const GATEWAY = { id: "6a7d71827fd54572b1f31aa9548fcc81", instance_name: "gw", status: "Running", instance_status: 6 };
const NODE_ANSWER = { instance_id: "9136fd2a9fcd405ea4674276ce36dae8in02", node_id: "52a4c096bb1f455d8d866956a959519eno02" };
const TOKEN_BODY = { token: { expires_at: "2030-01-01T00:00:00.000000Z", methods: ["password"] } };
const asBody = (result: unknown) => result;

const OPERATIONS: Operation[] = [
  {
    spec: "apig",
    operationId: "RegisterIngressIps",
    call: (i, f) => apig(i, f).registerIngressIps(i.path.instance_id as string, i.body as never),
    answer: () => json(202, JOB),
    resultBody: asBody,
  },
  {
    spec: "apig",
    operationId: "UnregisterIngressIps",
    call: (i, f) => apig(i, f).deregisterIngressIps(i.path.instance_id as string, i.body as never),
    answer: () => json(202, JOB),
    resultBody: asBody,
  },
  {
    spec: "apig",
    operationId: "ShowInstance",
    call: (i, f) => apig(i, f).getInstance(i.path.instance_id as string),
    answer: () => json(200, GATEWAY),
    resultBody: asBody,
  },
  {
    spec: "dds",
    operationId: "BindPublicGateway",
    call: (i, f) => dds(i, f).bindPublicGateway(i.path.instance_id as string, i.path.node_id as string, i.body as never),
    answer: () => json(200, NODE_ANSWER),
    resultBody: asBody,
  },
  {
    spec: "dds",
    operationId: "UnbindPublicGateway",
    call: (i, f) => dds(i, f).unbindPublicGateway(i.path.instance_id as string, i.path.node_id as string),
    answer: () => json(200, NODE_ANSWER),
    resultBody: asBody,
  },
  {
    spec: "dds",
    operationId: "ListInstances",
    call: (i, f) => dds(i, f).listInstances(i.query as never),
    answer: () => json(200, { instances: [], total_count: 0 }),
    resultBody: asBody,
    defaultQuery: {},
  },
  {
    spec: "iam",
    operationId: "CreateTokenByPassword",
    call: (i, f) => iam(f).createTokenByPassword(i.body as never, i.query as never),
    answer: () => json(201, TOKEN_BODY, { "x-subject-token": "issued-token" }),
    resultBody: (r) => (r as { body: unknown }).body,
    defaultQuery: { nocatalog: true },
  },
];

interface Recorded {
  url: string;
  method: string;
  body: string | undefined;
}

function recordingFetch(answer: () => Response): { fetch: Fetch; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const fetch: Fetch = async (input, init) => {
    const body = init?.body;
    calls.push({
      url: typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
      method: init?.method ?? "GET",
      body: body === undefined || body === null ? undefined : typeof body === "string" ? body : new TextDecoder().decode(body as Uint8Array),
    });
    return answer();
  };
  return { fetch, calls };
}

/** What the message of an issue says for each keyword (see src/client/validate.ts and src/client/path-params.ts). */
const MESSAGE: Record<Keyword, RegExp> = {
  type: /^must be (a|an) /,
  enum: /^must be one of /,
  minLength: /characters$|^must not be empty$/,
  maxLength: /characters$/,
  pattern: /pattern|^must not contain/,
  format: /^must be an IPv[46] address$/,
  minimum: /^must be (from|at least) /,
  maximum: /^must be (from .* to|at most) /,
  minItems: /items$/,
  maxItems: /items$/,
  required: /^is required$/,
  additionalProperties: /^is not a known field$/,
  minProperties: /fewer than \d+ propert/,
};

/** `projectId` is a client option; the client checks it at creation under its option name. */
const ALIASES: Record<string, string[]> = { project_id: ["project_id", "projectId"] };

const inScope = (issuePath: string, scope: string) =>
  scope === "" || issuePath === scope || issuePath.startsWith(`${scope}.`) || issuePath.startsWith(`${scope}[`);

// Raise for a deeper local run: NEGATIVE_RUNS=200 POSITIVE_RUNS=1000 npx vitest run --project unit test/validation
const NEGATIVE_RUNS = Number(process.env.NEGATIVE_RUNS ?? 12);
const POSITIVE_RUNS = Number(process.env.POSITIVE_RUNS ?? 60);

for (const op of OPERATIONS) {
  const { schema, method, route } = operationInput(op.spec, op.operationId);
  const sites = mutationSites(schema);

  describe(`${op.operationId} (${method} ${route})`, () => {
    it("has mutation sites derived from the spec", () => {
      expect(sites.length).toBeGreaterThan(0);
    });

    for (const site of sites) {
      it(`rejects before I/O: ${site.label}`, async () => {
        await fc.assert(
          fc.asyncProperty(mutatedInput(schema, site), async (m) => {
            const { fetch, calls } = recordingFetch(op.answer);
            // Client creation throws synchronously (bad projectId), a call rejects: both count, both are before I/O.
            const error = await Promise.resolve()
              .then(() => op.call(m.input, fetch))
              .then(
                () => undefined,
                (e: unknown) => e,
              );
            expect(error, `accepted ${JSON.stringify(m.input)}`).toBeInstanceOf(ValidationError);
            expect(calls).toHaveLength(0);
            const issues = (error as ValidationError).issues;
            const paths = ALIASES[m.expectedPath] ?? [m.expectedPath];
            const hit = issues.find((i) => paths.includes(i.path) && i.keyword === site.keyword);
            expect(hit, `no ${site.keyword} issue at ${m.expectedPath}: ${JSON.stringify(issues)}`).toBeDefined();
            expect(hit?.message).toMatch(MESSAGE[site.keyword]);
            // The error message names the field too, so a log line alone says what to fix.
            expect((error as ValidationError).message).toContain(`${hit?.path} ${hit?.message}`);
            const scopes = ALIASES[m.scope] ?? [m.scope];
            const stray = issues.filter((i) => !scopes.some((s) => inScope(i.path, s)));
            expect(stray, `issues outside ${m.scope || "(root)"}`).toEqual([]);
          }),
          { numRuns: NEGATIVE_RUNS },
        );
      });
    }

    it("accepts random valid inputs and sends them unchanged", async () => {
      await fc.assert(
        fc.asyncProperty(validInput(schema) as fc.Arbitrary<Input>, async (input) => {
          const sent = structuredClone(input);
          const { fetch, calls } = recordingFetch(op.answer);
          const result = await op.call(input, fetch);
          expect(op.resultBody(result)).toMatchObject((await op.answer().json()) as Schema);
          expect(calls).toHaveLength(1);
          const call = calls[0] as Recorded;
          expect(call.method).toBe(method);
          const url = new URL(call.url);
          const expectedPath = route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(sent.path[name])));
          expect(url.pathname).toBe(expectedPath);
          const query = sent.query ?? op.defaultQuery ?? {};
          const expectedQuery = Object.fromEntries(
            Object.entries(query)
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, String(v)]),
          );
          expect(Object.fromEntries(url.searchParams)).toEqual(expectedQuery);
          if (sent.body === undefined) expect(call.body).toBeUndefined();
          else expect(JSON.parse(call.body ?? "null")).toEqual(sent.body);
          // The SDK must not have changed the caller's objects either.
          expect(input).toEqual(sent);
        }),
        { numRuns: POSITIVE_RUNS },
      );
    });
  });
}

describe("the mutation generator", () => {
  it("covers every keyword the brief names on the SDK's inputs", () => {
    const all = OPERATIONS.flatMap((op) => mutationSites(operationInput(op.spec, op.operationId).schema));
    const keywords = new Set(all.map((s) => s.keyword));
    for (const k of [
      "type",
      "enum",
      "minItems",
      "maxItems",
      "minLength",
      "maxLength",
      "format",
      "required",
      "additionalProperties",
      "minimum",
      "maximum",
    ] as const) {
      expect(keywords, k).toContain(k);
    }
    const labels = all.map((s) => s.label);
    expect(labels).toContain("body elbs[].elb_id maxLength");
    expect(labels).toContain("body elbs[].public_ips[].ip format ipv4 (then: type = v4)");
    expect(labels).toContain("body elbs[].private_ips[].ip format ipv6 (else: type = v6)");
    expect(labels).toContain("body external_service_port maximum");
    expect(labels).toContain("query limit minimum");
    expect(labels).toContain("body auth.identity.methods minItems");
  });
});
