/**
 * The transport hands openapi-fetch a success answer over bytes it has already read (inside the attempt's timeout)
 * without building a body stream per call. Whatever a caller of `client.raw` does with that `Response`, it must
 * behave exactly like the plain `new Response(bytes, …)` the transport used to build: each scenario below runs the
 * same steps on both and compares every outcome, values and errors alike.
 */
import { describe, expect, it, vi } from "vitest";
import { levelFilteredLogger } from "../../src/client/logger.js";
import { createTransport } from "../../src/client/transport.js";

const enc = new TextEncoder();
const BOM = [0xef, 0xbb, 0xbf];

interface Answer {
  status?: number;
  statusText?: string;
  headers?: Record<string, string>;
  body: Uint8Array;
}

/** The transport's answer to a GET that `answer` serves. */
async function viaTransport(a: Answer, create: typeof createTransport = createTransport): Promise<Response> {
  const fetchImpl = (async () =>
    new Response(a.body.byteLength ? (a.body as Uint8Array<ArrayBuffer>) : null, { status: a.status ?? 200, statusText: a.statusText ?? "OK", headers: a.headers ?? {} })) as typeof fetch;
  const transport = create({
    fetch: fetchImpl,
    auth: undefined,
    projectId: undefined,
    maxRetries: 0,
    timeoutMs: 5_000,
    logger: levelFilteredLogger(undefined, "off"),
    userAgent: "hwc-gateways/test",
  });
  return transport("http://127.0.0.1:9/x", { method: "GET" });
}

/** What the transport built before: a plain Response over the bytes, length set, encoding dropped. */
function reference(a: Answer): Response {
  const headers = new Headers(a.headers ?? {});
  headers.delete("content-encoding");
  headers.set("content-length", String(a.body.byteLength));
  return new Response(a.body as Uint8Array<ArrayBuffer>, { status: a.status ?? 200, statusText: a.statusText ?? "OK", headers });
}

type Step = (r: Response, kept: { clone?: Response }) => unknown;

async function readAll(stream: ReadableStream<Uint8Array> | null): Promise<number[] | null> {
  if (!stream) return null;
  const out: number[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(...value);
  }
}

async function comparable(v: unknown): Promise<unknown> {
  if (v instanceof ArrayBuffer) return { arrayBuffer: [...new Uint8Array(v)] };
  if (v instanceof Uint8Array) return { bytes: [...v] };
  if (v instanceof Blob) return { blob: [...new Uint8Array(await v.arrayBuffer())], type: v.type };
  if (v instanceof ReadableStream) return { stream: true, locked: v.locked };
  if (v instanceof Headers) return { headers: [...v] };
  if (v instanceof Response) return { response: true, status: v.status, statusText: v.statusText, headers: [...v.headers], bodyUsed: v.bodyUsed };
  return v;
}

async function outcome(step: Step, r: Response, kept: { clone?: Response }): Promise<unknown> {
  try {
    return { value: await comparable(await step(r, kept)) };
  } catch (err) {
    return { error: err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err) };
  }
}

const steps = {
  json: (r) => r.json(),
  text: (r) => r.text(),
  arrayBuffer: (r) => r.arrayBuffer(),
  bytes: (r) => r.bytes(),
  blob: (r) => r.blob(),
  formData: (r) => r.formData(),
  bodyUsed: (r) => r.bodyUsed,
  body: (r) => r.body,
  sameBody: (r) => r.body === r.body,
  locked: (r) => r.body?.locked,
  readBody: (r) => readAll(r.body),
  lock: (r) => {
    r.body?.getReader();
    return "locked";
  },
  clone: (r, kept) => {
    kept.clone = r.clone();
    return kept.clone;
  },
  cloneText: (_r, kept) => kept.clone?.text(),
  cloneJson: (_r, kept) => kept.clone?.json(),
  cloneBody: (_r, kept) => readAll(kept.clone?.body ?? null),
  cloneBodyUsed: (_r, kept) => kept.clone?.bodyUsed,
  cloneIsResponse: (_r, kept) => kept.clone instanceof Response,
  setHeader: (r) => {
    r.headers.set("x-added", "1");
    return [...r.headers];
  },
  props: (r) => ({ status: r.status, statusText: r.statusText, ok: r.ok, type: r.type, url: r.url, redirected: r.redirected, headers: [...r.headers] }),
  isResponse: (r) => r instanceof Response,
} satisfies Record<string, Step>;
type StepName = keyof typeof steps;

const scenarios: StepName[][] = [
  ["props", "isResponse", "bodyUsed", "json", "bodyUsed", "json", "text", "locked", "body", "clone", "bodyUsed"],
  ["json", "body", "locked", "readBody", "arrayBuffer"],
  ["json", "clone"],
  ["text", "bodyUsed", "json", "text", "locked"],
  ["arrayBuffer", "bodyUsed", "json", "text"],
  ["bytes", "text"],
  ["blob", "json"],
  ["formData", "bodyUsed", "json"],
  ["sameBody", "bodyUsed", "json", "bodyUsed"],
  ["body", "locked", "bodyUsed", "readBody", "bodyUsed", "json", "clone"],
  ["lock", "bodyUsed", "locked", "json", "text", "clone"],
  ["clone", "cloneIsResponse", "bodyUsed", "cloneBodyUsed", "cloneJson", "cloneBodyUsed", "bodyUsed", "json", "cloneText"],
  ["clone", "json", "cloneBody", "clone", "cloneText"],
  ["body", "clone", "text", "cloneText", "bodyUsed"],
  ["body", "clone", "cloneBody", "readBody"],
  ["setHeader", "clone", "cloneText", "json"],
  ["clone", "setHeader", "cloneText", "props"],
];

const instance = { id: "6a7d71827fd54572b1f31aa9548fcc81", instance_name: "apig-nlb-prod", status: "Running", tags: ["é", "日本"] };
const answers: Record<string, Answer> = {
  "JSON": { headers: { "content-type": "application/json", "x-request-id": "r1" }, body: enc.encode(JSON.stringify(instance)) },
  "JSON with charset and gzip headers": {
    status: 202,
    statusText: "Accepted",
    headers: { "content-type": "application/json;charset=UTF-8", "content-encoding": "gzip", "content-length": "999" },
    body: enc.encode(JSON.stringify({ job_id: "JOB-1" })),
  },
  "JSON after a BOM": { headers: { "content-type": "application/json" }, body: new Uint8Array([...BOM, ...enc.encode('{"a":1}')]) },
  "problem+json": { headers: { "content-type": "application/problem+json" }, body: enc.encode('{"title":"t"}') },
  "a JSON scalar": { headers: { "content-type": "application/json" }, body: enc.encode('"text"') },
  "text/plain that is not JSON": { headers: { "content-type": "text/plain" }, body: enc.encode("plain words") },
  "no content type": { body: enc.encode('{"a":1}') },
  "text/plain with two BOMs": { headers: { "content-type": "text/plain" }, body: new Uint8Array([...BOM, ...BOM, ...enc.encode('{"a":1}')]) },
  "invalid UTF-8": { headers: { "content-type": "text/plain" }, body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
  "form data": { headers: { "content-type": "application/x-www-form-urlencoded" }, body: enc.encode("a=1&b=%C3%A9") },
};

describe("success answers behave like a plain Response over the same bytes", () => {
  for (const [name, answer] of Object.entries(answers)) {
    describe(name, () => {
      for (const scenario of scenarios) {
        it(scenario.join(" → "), async () => {
          const ours = await viaTransport(answer);
          const plain = reference(answer);
          const keptOurs = {};
          const keptPlain = {};
          for (const step of scenario) {
            const a = await outcome(steps[step], ours, keptOurs);
            const b = await outcome(steps[step], plain, keptPlain);
            expect({ step, outcome: a }).toEqual({ step, outcome: b });
          }
        });
      }
    });
  }

  it("the first json() is the value already checked, a fresh object equal to a parse of the body", async () => {
    const ours = await viaTransport(answers["JSON"] as Answer);
    const data: unknown = await ours.json();
    expect(data).toEqual(instance);
    await expect(ours.json()).rejects.toThrow(TypeError);
  });

  it("an empty 2xx body and a 204 are null-body answers, as before", async () => {
    for (const a of [{ body: new Uint8Array(0), headers: { "content-type": "application/json" } }, { status: 204, statusText: "No Content", body: new Uint8Array(0) }]) {
      const ours = await viaTransport(a);
      const plain = new Response(null, { status: a.status ?? 200, statusText: a.statusText ?? "OK", headers: { ...a.headers, "content-length": "0" } });
      for (const step of ["props", "body", "bodyUsed", "text", "json", "bodyUsed"] as const) {
        expect({ step, outcome: await outcome(steps[step], ours, {}) }).toEqual({ step, outcome: await outcome(steps[step], plain, {}) });
      }
    }
  });

  it("importing the transport needs no global Response; where Response#bytes is missing, the answer has none either", async () => {
    const saved = { Response: globalThis.Response, bytes: Object.getOwnPropertyDescriptor(Response.prototype, "bytes") };
    try {
      vi.resetModules();
      Reflect.deleteProperty(globalThis, "Response");
      const fresh = await import("../../src/client/transport.js");
      globalThis.Response = saved.Response;
      Reflect.deleteProperty(Response.prototype, "bytes");
      const ours = await viaTransport(answers["JSON"] as Answer, fresh.createTransport);
      expect("bytes" in ours).toBe(false);
      expect(await ours.json()).toEqual(instance);
    } finally {
      globalThis.Response = saved.Response;
      if (saved.bytes) Object.defineProperty(Response.prototype, "bytes", saved.bytes);
      vi.resetModules();
    }
    expect(typeof (await viaTransport(answers["JSON"] as Answer)).bytes).toBe("function");
  });
});
