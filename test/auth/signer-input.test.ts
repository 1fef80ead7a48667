/**
 * signRequest's and formatSdkDate's input checks, exactly (path, keyword, message, title), and the header and body
 * rules whose slips would change a signature without failing the vectors in signer-vectors.test.ts. (Found by Stryker.)
 */
import { describe, expect, it } from "vitest";
import { formatSdkDate, signRequest } from "../../src/auth/signer.js";
import { ValidationError } from "../../src/errors.js";

const creds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const date = new Date(Date.UTC(2026, 10, 25, 10, 0, 0));
const URL_ = "https://apig.cn-north-4.myhuaweicloud.com/v2/p/apigw/instances/i";
type Req = Parameters<typeof signRequest>[0];
const req = (over: Partial<Req> = {}): Req => ({ method: "PUT", url: URL_, headers: {}, body: undefined, ...over }) as Req;

async function refusal(p: Promise<unknown>): Promise<ValidationError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return e as ValidationError;
}
const only = async (p: Promise<unknown>, path: string, message: string) => {
  const e = await refusal(p);
  expect(e.issues).toEqual([{ path, keyword: "format", message }]);
  expect(e.message).toBe(`signRequest: ${path} ${message}`);
};
const auth = async (r: Req, c = creds) => (await signRequest(r, c, { date })).Authorization;

describe("signRequest input", () => {
  it("refuses an access key with whitespace, ',' or '=' anywhere, or not a string", async () => {
    const msg = "must be a non-empty string without whitespace, ',', '=', control characters or characters above U+00FF";
    for (const accessKeyId of ["AK ID", "AK,ID", "AK=ID", " AKID", "AKID ", "", 5]) {
      await only(signRequest(req(), { ...creds, accessKeyId } as never, { date }), "accessKeyId", msg);
    }
  });

  it("refuses an empty or missing secret key, and a security token unsafe in a header", async () => {
    for (const secretAccessKey of ["", undefined]) {
      await only(signRequest(req(), { ...creds, secretAccessKey } as never, { date }), "secretAccessKey", "must be a non-empty string");
    }
    await only(
      signRequest(req(), { ...creds, securityToken: "a\nb" }, { date }),
      "securityToken",
      "must be a string without control characters or characters above U+00FF",
    );
  });

  it("refuses a security token that is not a string, even one whose text would be header-safe", async () => {
    const msg = "must be a string without control characters or characters above U+00FF";
    for (const securityToken of [123, true, {}]) await only(signRequest(req(), { ...creds, securityToken } as never, { date }), "securityToken", msg);
  });

  it("reads an object with forEach but no get as a record of headers, so its forEach key is a bad header", async () => {
    const headers = { "X-A": "1", forEach: (add: (value: string, name: string) => void) => add("2", "X-B") };
    await only(signRequest(req({ headers } as never), creds, { date }), "headers.forEach", "must have a string value");
  });

  it("refuses a relative URL", async () => {
    await only(signRequest(req({ url: "/v2/p" }), creds, { date }), "url", "must be an absolute URL");
  });

  it("refuses a header value that is not a string or holds CR, LF or NUL, naming the header", async () => {
    await only(signRequest(req({ headers: { "X-A": 5 } as never }), creds, { date }), "headers.X-A", "must have a string value");
    await only(signRequest(req({ headers: { "X-A": "a\r\nb" } }), creds, { date }), "headers.X-A", "must not contain CR, LF or NUL");
  });

  it("refuses a request's own X-Sdk-Date unless it is exactly YYYYMMDDTHHMMSSZ", async () => {
    for (const own of ["20261125T100000Zx", "x20261125T100000Z"]) {
      await only(signRequest(req({ headers: { "X-Sdk-Date": own } }), creds), "headers.x-sdk-date", "must look like YYYYMMDDTHHMMSSZ");
    }
    expect((await signRequest(req({ headers: { "X-Sdk-Date": "20261125T100000Z" } }), creds))["X-Sdk-Date"]).toBe("20261125T100000Z");
  });

  it("refuses a body it cannot hash, unless the request gives its own payload hash", async () => {
    const stream = { getReader() {} } as never;
    const e = await refusal(signRequest(req({ body: stream }), creds, { date }));
    expect(e.issues.map((i) => i.path)).toEqual(["body"]);
    await expect(signRequest(req({ body: stream, headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" } }), creds, { date })).resolves.toBeDefined();
  });

  it("joins repeated header names in a record as Headers would", async () => {
    const joined = await auth(req({ headers: { "X-A": "1", "x-a": "2" } }));
    expect(joined).toBe(await auth(req({ headers: { "x-a": "1, 2" } })));
    expect(joined).not.toBe(await auth(req({ headers: { "x-a": "2" } })));
  });

  it("signs the URL's host unless the request has its own Host", async () => {
    const plain = await auth(req());
    expect(plain).toContain("SignedHeaders=host;x-sdk-date,");
    const proxied = await auth(req({ headers: { Host: "proxy.example.com" } }));
    expect(proxied).toContain("SignedHeaders=host;x-sdk-date,");
    expect(proxied).not.toBe(plain);
    expect(await auth(req({ headers: { Host: "apig.cn-north-4.myhuaweicloud.com" } }))).toBe(plain);
  });
});

describe("formatSdkDate", () => {
  it("refuses an invalid date or a year outside 0000-9999, titled formatSdkDate", () => {
    for (const d of [new Date(Number.NaN), new Date(Date.UTC(10000, 0, 1)), new Date(Date.UTC(-1, 0, 1))]) {
      let e: unknown;
      try {
        formatSdkDate(d);
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues).toEqual([{ path: "date", keyword: "format", message: "must be a valid date within years 0000-9999" }]);
      expect((e as ValidationError).message).toBe("formatSdkDate: date must be a valid date within years 0000-9999");
    }
    expect(formatSdkDate(new Date(Date.UTC(2026, 10, 25, 10, 0, 0, 999)))).toBe("20261125T100000Z");
  });
});
