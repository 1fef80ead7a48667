// The signer against the published test vectors (Go and Python SDKs, signing guide) and against vectors computed
// for this SDK's own operations, on both hash backends: a signature that drifts from these is refused by the gateway.
import { describe, expect, it } from "vitest";
import { EMPTY_BODY_SHA256, canonicalRequest } from "../../src/auth/canonical.js";
import { hmacSha256Hex, signRequest } from "../../src/auth/signer.js";
import { BACKENDS, CREDS, DATE_2026, authOf, sha256Hex, useBackend } from "./signer-fixtures.js";

describe.each(BACKENDS)("published test vectors (facts §3.4) [$label]", ({ label }) => {
  useBackend(label);
  const goHeaders = { "X-Sdk-Date": "20060102T150405Z", TEST_UNDERSCORE: "TEST_VALUE" };

  it("#1 GO: GET, signs only x-sdk-date", async () => {
    const h = await signRequest({ method: "GET", url: "https://example.huaweicloud.com/path?limit=1", headers: goHeaders }, CREDS, {
      signedHeaders: ["x-sdk-date"],
    });
    expect(authOf(h)).toBe(
      "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
    );
    expect(h["X-Sdk-Date"]).toBe("20060102T150405Z");
  });

  it("#2 GO: POST with JSON body ending in LF, content-type excluded", async () => {
    const h = await signRequest(
      {
        method: "POST",
        url: "https://example.huaweicloud.com/path?key=value",
        headers: { ...goHeaders, "Content-Type": "application/json" },
        body: '{"Name":"test","Id":1}\n',
      },
      CREDS,
      { signedHeaders: ["x-sdk-date"] },
    );
    expect(authOf(h)).toBe(
      "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
    );
  });

  const pyHeaders = { "X-Sdk-Date": "20200608T023900Z", TEST_UNDERSCORE: "TEST_VALUE" };

  it("#3 PY: GET, default selection gives host;x-sdk-date", async () => {
    const h = await signRequest({ method: "GET", url: "https://service.endpoint.myhuaweicloud.com/resources?size=1", headers: pyHeaders, body: "" }, CREDS);
    expect(authOf(h)).toBe(
      "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842",
    );
  });

  it("#4 PY: POST with JSON body (no LF)", async () => {
    const body = '{"name":"test","id":1}';
    expect(await sha256Hex(body)).toBe("8ed555081b9961769014bc1182c629bb0fe68d7b01c1fc1caab4dc791f377e8c");
    const h = await signRequest({ method: "POST", url: "https://service.endpoint.myhuaweicloud.com/resources?size=1", headers: pyHeaders, body }, CREDS);
    expect(authOf(h)).toBe(
      "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f",
    );
  });

  it("#5 signing guide: HMAC step", async () => {
    const sts = "SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a";
    expect(await hmacSha256Hex("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", sts)).toBe("7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
  });

  it("#1 intermediate canonical request and its hash", async () => {
    const cr = canonicalRequest({
      method: "GET",
      url: "https://example.huaweicloud.com/path?limit=1",
      headers: { "x-sdk-date": "20060102T150405Z" },
      signedHeaders: ["x-sdk-date"],
      payloadHash: EMPTY_BODY_SHA256,
    });
    expect(cr).toBe(`GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n${EMPTY_BODY_SHA256}`);
    expect(await sha256Hex(cr)).toBe("85c3b7730f308aee452b16138a42a914397e43a8f0d732dfa521c0ef2afa98a4");
  });

  it("#3 intermediate canonical request and its hash", async () => {
    const cr = canonicalRequest({
      method: "GET",
      url: new URL("https://service.endpoint.myhuaweicloud.com/resources?size=1"),
      headers: { host: "service.endpoint.myhuaweicloud.com", "x-sdk-date": "20200608T023900Z" },
      signedHeaders: ["x-sdk-date", "host"],
      payloadHash: EMPTY_BODY_SHA256,
    });
    expect(cr).toBe(`GET\n/resources/\nsize=1\nhost:service.endpoint.myhuaweicloud.com\nx-sdk-date:20200608T023900Z\n\nhost;x-sdk-date\n${EMPTY_BODY_SHA256}`);
    expect(await sha256Hex(cr)).toBe("de94dd1e1ccdb730b403ce35d7e14f7c7b04337f6def1c3a3a2ba936852b133f");
  });
});

describe.each(BACKENDS)("computed vectors for our operations (facts §3.4, host;x-project-id;x-sdk-date) [$label]", ({ label }) => {
  useBackend(label);
  const ddsProject = "0549b4a43100d4f32f51c01c2fe4acdb";
  const expectAuth = (h: Record<string, string>, sig: string): void => {
    expect(authOf(h)).toBe(`SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-project-id;x-sdk-date, Signature=${sig}`);
    expect(h["X-Sdk-Date"]).toBe("20260101T000000Z");
  };

  it("DDS unbind public gateway (DELETE, empty body)", async () => {
    const h = await signRequest(
      {
        method: "DELETE",
        url: `https://dds.ap-southeast-1.myhuaweicloud.com/v3/${ddsProject}/instances/d87f5b33049144ec95f0cab0a5f22cfbin02/nodes/52a4c096bb1f455d8d866956a959519eno02/public-gateway`,
        headers: { "X-Project-Id": ddsProject, "Content-Type": "application/json" },
      },
      CREDS,
      { date: DATE_2026 },
    );
    expectAuth(h, "f4775cd71f04cf433c223a66c595547a1dbf3ce395e8176c88d634819554245a");
  });

  it("APIG ingress-unregister (PUT, JSON body)", async () => {
    const body = '{"elbs":[{"elb_id":"0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab","private_ips":[{"type":"v4","ip":"192.168.0.10"}]}]}';
    const hash = await sha256Hex(body);
    expect(hash.startsWith("e591c852")).toBe(true);
    expect(hash.endsWith("4112968")).toBe(true);
    const project = "05041fffa40025702f6dc009cc6f8f33";
    const h = await signRequest(
      {
        method: "PUT",
        url: `https://apig.cn-north-4.myhuaweicloud.com/v2/${project}/apigw/instances/eddc4d25480b4cd6b512f270a1b8b341/ingress-unregister`,
        headers: new Headers({ "X-Project-Id": project, "Content-Type": "application/json;charset=UTF-8" }),
        body: new TextEncoder().encode(body),
      },
      CREDS,
      { date: DATE_2026 },
    );
    expectAuth(h, "4564d9f175718c3e4a5f21b6924d94d00254e4c7fc7578e326d4c6ffc0f93309");
  });

  it("DDS job query (GET with ?id=)", async () => {
    const h = await signRequest(
      {
        method: "get", // fetch upper-cases it, so the signer does too
        url: `https://dds.ap-southeast-1.myhuaweicloud.com/v3/${ddsProject}/jobs?id=a9767ede-fe0f-4888-9003-e843a4c90514`,
        headers: { "X-Project-Id": ddsProject },
        body: null,
      },
      CREDS,
      { date: DATE_2026 },
    );
    expectAuth(h, "2c7f2adf9916ad4f0b0a55960ed7099cc63d71b4c4175ff1110c1d69e03ada6f");
  });
});
