/**
 * Layer 1 self-test: the spec gates can fail. Each case mutates one spec IN MEMORY (the working tree is never
 * touched) and writes it into a throw-away copy of the lint setup (see `lintSandbox`), where the three gates run:
 *   - Redocly lint with the repository's redocly.yaml,
 *   - Spectral with the repository's .spectral.yaml,
 *   - the Ajv example check of test/spec/examples.test.ts (`exampleProblems`).
 * A case passes when every gate it names reports a finding from the expected rules, proving the finding is about
 * the mutation and not some unrelated breakage of the sandbox. An untouched copy in the same kind of sandbox must
 * pass all three gates (control), so "caught" cannot come from a broken harness.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { lintSandbox, redoclyLint, REPO_ROOT, spectralLint } from "./lint-runner.js";
import { resolvePointer } from "../../scripts/spec-model.mjs";
import { asObj, exampleProblems, SPEC_NAMES, type Obj, type SpecName } from "./example-gate.js";

type Gate = "redocly" | "spectral" | "ajv";

interface Mutation {
  name: string;
  spec: SpecName;
  mutate: (doc: Obj) => void;
  /** For each gate that must catch it: rule ids (Redocly, Spectral) or message fragments (Ajv), any of which counts. */
  caughtBy: Partial<Record<Gate, string[]>>;
}

/** Follows a JSON pointer (`#/a/b~1c`) to an object inside `doc`. */
const at = (doc: Obj, pointer: string): Obj => asObj(resolvePointer(doc, pointer), pointer);

const SCHEMAS = "#/components/schemas";
const JOB_EXAMPLE = "#/components/responses/IngressIpsAccepted/content/application~1json/examples/jobAssigned/value";
const REQUEST_EXAMPLE = "#/components/requestBodies/IngressIps/content/application~1json/examples/singlePublicIpv4/value";

const MUTATIONS: Mutation[] = [
  {
    name: "a property listed in `required` is dropped from `properties` (ElbIngressDetails.elb_id)",
    spec: "apig",
    mutate: (doc) => {
      delete at(doc, `${SCHEMAS}/ElbIngressDetails/properties`).elb_id;
    },
    caughtBy: { redocly: ["no-required-schema-properties-undefined"] },
  },
  {
    // Response fields are all optional (the official models say so); request fields keep their `required`.
    name: "a required field is dropped from a request example (ingress request without elbs)",
    spec: "apig",
    mutate: (doc) => {
      delete at(doc, REQUEST_EXAMPLE).elbs;
    },
    caughtBy: { redocly: ["no-invalid-media-type-examples"], spectral: ["oas3-valid-media-example"], ajv: ["must have required property 'elbs'"] },
  },
  {
    name: "an example breaks a length rule (job_id of 35 characters)",
    spec: "apig",
    mutate: (doc) => {
      const example = at(doc, JOB_EXAMPLE);
      example.job_id = String(example.job_id).slice(0, 35);
    },
    caughtBy: { redocly: ["no-invalid-media-type-examples"], spectral: ["oas3-valid-media-example"], ajv: ["/job_id must NOT have fewer than 36 characters"] },
  },
  {
    name: "an example uses a value outside its enum (status: running)",
    spec: "apig",
    mutate: (doc) => {
      at(doc, "#/paths/~1v2~1{project_id}~1apigw~1instances~1{instance_id}/get/responses/200/content/application~1json/examples/running/value").status =
        "running";
    },
    caughtBy: {
      redocly: ["no-invalid-media-type-examples"],
      spectral: ["oas3-valid-media-example"],
      ajv: ["/status must be equal to one of the allowed values"],
    },
  },
  {
    name: "a schema example contradicts its if/then/else (v4 with an IPv6 literal)",
    spec: "apig",
    mutate: (doc) => {
      const examples = at(doc, `${SCHEMAS}/IpDetail`).examples as Obj[];
      examples[0] = { type: "v4", ip: "2001:db8::10" };
    },
    caughtBy: { redocly: ["no-invalid-schema-examples"], ajv: ['/ip must match format "ipv4"'] },
  },
  {
    name: "a parameter example breaks its pattern (project_id with a slash)",
    spec: "apig",
    mutate: (doc) => {
      at(doc, "#/components/parameters/ProjectId").example = "a/b";
    },
    caughtBy: { redocly: ["no-invalid-parameter-examples"], ajv: ['must match pattern "^[^/]+$"'] },
  },
  {
    name: "a type is misspelled in a request schema (type: strng)",
    spec: "apig",
    mutate: (doc) => {
      at(doc, `${SCHEMAS}/ElbIngressDetails/properties/elb_id`).type = "strng";
    },
    caughtBy: { redocly: ["struct"], spectral: ["oas3-schema"], ajv: ["schema does not compile"] },
  },
  {
    name: "a type is misspelled on an object schema (type: obj)",
    spec: "apig",
    mutate: (doc) => {
      at(doc, `${SCHEMAS}/IngressIpsRequest`).type = "obj";
    },
    caughtBy: { redocly: ["struct"], spectral: ["oas3-schema"], ajv: ["schema does not compile"] },
  },
  {
    name: "a type is misspelled in another spec (DDS external_service_port: type: integr)",
    spec: "dds",
    mutate: (doc) => {
      at(doc, `${SCHEMAS}/BindPublicGatewayRequest/properties/external_service_port`).type = "integr";
    },
    caughtBy: { redocly: ["struct"], spectral: ["oas3-schema"], ajv: ["schema does not compile"] },
  },
  {
    // Response schemas require nothing (the official models mark no response field required), so the example gate
    // is tested with a field of the wrong type instead of a missing one.
    name: "a DDS response example carries a field of the wrong type (ListInstances total_count as a string)",
    spec: "dds",
    mutate: (doc) => {
      at(doc, "#/paths/~1v3~1{project_id}~1instances/get/responses/200/content/application~1json/examples/bound/value").total_count = "1";
    },
    caughtBy: { redocly: ["no-invalid-media-type-examples"], spectral: ["oas3-valid-media-example"], ajv: ["must be integer"] },
  },
  {
    name: "a string loses its maxLength (ApigError.error_msg unbounded)",
    spec: "apig",
    mutate: (doc) => {
      delete at(doc, `${SCHEMAS}/ApigError/properties/error_msg`).maxLength;
    },
    caughtBy: { spectral: ["owasp:api4:2023-string-limit"] },
  },
  {
    name: "a write operation loses its security (DDS BindPublicGateway)",
    spec: "dds",
    mutate: (doc) => {
      delete at(doc, "#/paths/~1v3~1{project_id}~1instances~1{instance_id}~1nodes~1{node_id}~1public-gateway/post").security;
    },
    caughtBy: { spectral: ["owasp:api2:2023-write-restricted"] },
  },
  {
    name: "a $ref points at a component that does not exist (IAM PasswordUsr)",
    spec: "iam",
    mutate: (doc) => {
      at(doc, `${SCHEMAS}/PasswordCredentials/properties/user`).$ref = "#/components/schemas/PasswordUsr";
    },
    caughtBy: { redocly: ["no-unresolved-refs"], spectral: ["invalid-ref"] },
  },
  {
    name: "an operation loses every 4xx answer (IAM CreateTokenByPassword)",
    spec: "iam",
    mutate: (doc) => {
      const responses = at(doc, "#/paths/~1v3~1auth~1tokens/post/responses");
      for (const code of Object.keys(responses)) if (code.startsWith("4")) delete responses[code];
    },
    caughtBy: { redocly: ["operation-4xx-response"], spectral: ["owasp:api8:2023-define-error-responses-401"] },
  },
];

interface GateFindings {
  redocly: string[];
  spectral: string[];
  ajv: string[];
}

const originals = Object.fromEntries(SPEC_NAMES.map((n) => [n, readFileSync(path.join(REPO_ROOT, "openapi", `${n}.yaml`), "utf8")])) as Record<
  SpecName,
  string
>;

interface Variant {
  key: string;
  spec: SpecName;
  text: string;
}

const findings = new Map<string, GateFindings>();

// One sandbox holds every variant as openapi/<spec>.<variant>.yaml, so each linter starts once for all of them.
beforeAll(async () => {
  const variants: Variant[] = [
    ...SPEC_NAMES.map((spec) => ({ key: `control-${spec}`, spec, text: originals[spec] })),
    ...MUTATIONS.map((m, i) => {
      const doc = asObj(parse(originals[m.spec]), m.spec);
      m.mutate(doc);
      const text = stringify(doc, { lineWidth: 0 });
      if (text === stringify(parse(originals[m.spec]), { lineWidth: 0 })) throw new Error(`mutation changed nothing: ${m.name}`);
      return { key: `m${String(i + 1).padStart(2, "0")}`, spec: m.spec, text };
    }),
  ];
  const fileOf = (v: Variant) => `openapi/${v.spec}.${v.key}.yaml`;
  const sandbox = lintSandbox(Object.fromEntries(variants.map((v) => [path.basename(fileOf(v)), v.text])));
  try {
    const files = variants.map(fileOf);
    const [redocly, spectral] = await Promise.all([redoclyLint(sandbox.root, files), spectralLint(sandbox.root, files)]);
    variants.forEach((v, i) => {
      findings.set(v.key, {
        redocly: (redocly[i]?.problems ?? []).map((p) => `${p.ruleId} ${p.pointer}: ${p.message}`),
        spectral: spectral.findings.filter((f) => f.source === fileOf(v) && f.severity <= 1).map((f) => `${f.code} ${f.path}: ${f.message}`),
        ajv: exampleProblems(v.spec, parse(v.text)),
      });
    });
  } finally {
    sandbox.dispose();
  }
}, 120_000);

describe("spec gates self-test", () => {
  for (const spec of SPEC_NAMES) {
    it(`control: an untouched ${spec}.yaml in the sandbox passes all three gates`, () => {
      expect(findings.get(`control-${spec}`)).toEqual({ redocly: [], spectral: [], ajv: [] });
    });
  }

  MUTATIONS.forEach((m, i) => {
    it(`catches: ${m.name}`, () => {
      const found = findings.get(`m${String(i + 1).padStart(2, "0")}`);
      expect(found, "gates did not run").toBeDefined();
      const f = found as GateFindings;
      const gatesNamed = Object.keys(m.caughtBy) as Gate[];
      expect(gatesNamed.length).toBeGreaterThan(0);
      for (const gate of gatesNamed) {
        const wanted = m.caughtBy[gate] ?? [];
        const hit = f[gate].some((line) => wanted.some((w) => line.includes(w)));
        expect(hit, `${gate} should report one of ${JSON.stringify(wanted)}; it reported:\n${f[gate].join("\n") || "(nothing)"}`).toBe(true);
      }
    });
  });
});
