// Which headers the signer signs and how it reads its inputs (header and body shapes, method, payload hash, token,
// date): each of these changes the signature, so equivalent inputs must sign alike and different ones must not.
import { describe, expect, it } from "vitest";
import { signRequest } from "../../src/auth/signer.js";
import { ValidationError } from "../../src/errors.js";
import { BACKENDS, CREDS, DATE_2026, authOf, on } from "./signer-fixtures.js";

describe("header selection and inputs", () => {
  const base = { method: "POST", url: "https://svc.example.com:8443/v1/things?b=2&a=1" } as const;
  const sel = (auth: string): string => /SignedHeaders=([^,]*)/.exec(auth)?.[1] ?? "";

  it("default set: signs request headers + host (with non-default port), skips proxy-mutable ones", async () => {
    const h = await signRequest(
      {
        ...base,
        headers: {
          "X-Project-Id": "p",
          "X-Custom": " padded value ",
          "Content-Type": "application/json",
          "content-type-options": "x",
          "User-Agent": "ua",
          "Content-Length": "2",
          "Accept-Encoding": "gzip",
          X_UNDERSCORE: "u",
          "X-Forwarded-For": "1.2.3.4",
          Authorization: "stale",
          Accept: "application/json",
        },
        body: "{}",
      },
      CREDS,
      { date: DATE_2026 },
    );
    expect(sel(authOf(h))).toBe("accept;host;x-custom;x-project-id;x-sdk-date");
    expect(Object.keys(h).sort()).toEqual(["Authorization", "X-Sdk-Date"]);
  });

  it("omits the default port from host", async () => {
    const https = await signRequest({ method: "GET", url: "https://h.example.com:443/x" }, CREDS, { date: DATE_2026 });
    const plain = await signRequest({ method: "GET", url: "https://h.example.com/x" }, CREDS, { date: DATE_2026 });
    expect(authOf(https)).toBe(authOf(plain));
    const other = await signRequest({ method: "GET", url: "https://h.example.com:8443/x" }, CREDS, {
      date: DATE_2026,
    });
    expect(authOf(other)).not.toBe(authOf(plain));
  });

  it.each(BACKENDS)("Headers, Record, string, Uint8Array and ArrayBuffer inputs agree; values are trimmed [$label]", ({ label }) =>
    on(label, async () => {
      const body = '{"k":"välue 😀"}';
      const bytes = new TextEncoder().encode(body);
      const opts = { date: DATE_2026 };
      const a = await signRequest({ ...base, headers: { "X-A": "  1 ", "x-b": "2" }, body }, CREDS, opts);
      const b = await signRequest({ ...base, headers: new Headers({ "x-a": "1", "X-B": "2" }), body: bytes }, CREDS, opts);
      const c = await signRequest({ ...base, headers: { "x-a": "1", "x-b": "2" }, body: bytes.slice().buffer }, CREDS, opts);
      const offset = new Uint8Array(bytes.length + 4);
      offset.set(bytes, 2);
      const d = await signRequest({ ...base, headers: { "x-a": "1", "x-b": "2" }, body: offset.subarray(2, 2 + bytes.length) }, CREDS, opts);
      const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
      shared.set(bytes);
      const e = await signRequest({ ...base, headers: { "x-a": "1", "x-b": "2" }, body: shared }, CREDS, opts);
      const f = await signRequest({ ...base, headers: { "x-a": "1", "x-b": "2" }, body: Buffer.from(body) }, CREDS, opts);
      // A Headers look-alike (other realm / polyfill) is read through forEach, not Object.entries.
      const foreign = new Headers({ "x-a": "1", "x-b": "2" });
      const headersLike = { forEach: foreign.forEach.bind(foreign), get: foreign.get.bind(foreign) } as unknown as Headers;
      const g = await signRequest({ ...base, headers: headersLike, body }, CREDS, opts);
      for (const other of [b, c, d, e, f, g]) expect(other).toEqual(a);
      const other = await signRequest({ ...base, headers: { "x-a": "1", "x-b": "2" }, body: `${body} ` }, CREDS, opts);
      expect(other).not.toEqual(a);
    }),
  );

  it("normalises the method like fetch: get → GET, but patch stays patch", async () => {
    const sign = (method: string) => signRequest({ ...base, method }, CREDS, { date: DATE_2026 });
    expect(await sign("get")).toEqual(await sign("GET"));
    expect(await sign("Delete")).toEqual(await sign("DELETE"));
    expect(await sign("patch")).not.toEqual(await sign("PATCH"));
  });

  it("X-Sdk-Content-Sha256 replaces the body hash", async () => {
    const headers = { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" };
    const one = await signRequest({ ...base, headers, body: "a" }, CREDS, { date: DATE_2026 });
    const two = await signRequest({ ...base, headers, body: "b" }, CREDS, { date: DATE_2026 });
    expect(one).toEqual(two);
    expect(sel(authOf(one))).toBe("host;x-sdk-content-sha256;x-sdk-date");
  });

  it("signedHeaders overrides the selection, always adds x-sdk-date, rejects absent headers", async () => {
    const h = await signRequest({ ...base, headers: { "Content-Type": "application/json", "X-Y": "1" } }, CREDS, {
      date: DATE_2026,
      signedHeaders: ["Content-Type", "HOST"],
    });
    expect(sel(authOf(h))).toBe("content-type;host;x-sdk-date");
    await expect(signRequest({ ...base }, CREDS, { date: DATE_2026, signedHeaders: ["x-missing"] })).rejects.toThrow(/x-missing/);
    await expect(signRequest({ ...base, headers: { Authorization: "x" } }, CREDS, { signedHeaders: ["authorization"] })).rejects.toThrow(ValidationError);
  });

  it("temporary credentials: returns and signs X-Security-Token", async () => {
    const creds = { ...CREDS, securityToken: "tok/+=" };
    const h = await signRequest({ ...base }, creds, { date: DATE_2026, signedHeaders: ["host"] });
    expect(h["X-Security-Token"]).toBe("tok/+=");
    expect(sel(authOf(h))).toBe("host;x-sdk-date;x-security-token");
    const other = await signRequest({ ...base }, { ...creds, securityToken: "tok2" }, { date: DATE_2026 });
    expect(authOf(other).split("Signature=")[1]).not.toBe(authOf(h).split("Signature=")[1]);
  });

  it("date precedence: opts.date > request X-Sdk-Date > clock; malformed header rejected", async () => {
    const headers = { "X-Sdk-Date": "20200608T023900Z" };
    expect((await signRequest({ ...base, headers }, CREDS))["X-Sdk-Date"]).toBe("20200608T023900Z");
    expect((await signRequest({ ...base, headers }, CREDS, { date: DATE_2026 }))["X-Sdk-Date"]).toBe("20260101T000000Z");
    await expect(signRequest({ ...base, headers: { "X-Sdk-Date": "2020-06-08" } }, CREDS)).rejects.toThrow(/x-sdk-date/);
  });

  it("rejects unusable inputs with TypeError", async () => {
    await expect(signRequest({ method: "GET", url: "/relative" }, CREDS)).rejects.toThrow(ValidationError);
    await expect(signRequest({ ...base, headers: { "x-a": "1\r\nx-b: 2" } }, CREDS)).rejects.toThrow(ValidationError);
    await expect(signRequest({ ...base }, { accessKeyId: "", secretAccessKey: "s" })).rejects.toThrow(ValidationError);
    await expect(signRequest({ ...base }, { accessKeyId: "a", secretAccessKey: "" })).rejects.toThrow(ValidationError);
    await expect(signRequest({ ...base, body: new Blob(["x"]) as unknown as string }, CREDS, { date: DATE_2026 })).rejects.toThrow(/UNSIGNED-PAYLOAD/);
  });
});
