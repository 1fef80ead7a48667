// Browser safety. `node:crypto` is reached only through
// `process.getBuiltinModule("node:crypto")` at run time, so the string
// "node:crypto" is in the bundle, but nothing may IMPORT a `node:` module.
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import type { SignableRequest, SignOptions } from "../../src/auth/signer.js";
import { CREDS, DATE_2026, authOf } from "./signer-fixtures.js";

const NODE_IMPORTS: readonly RegExp[] = [
  /\bfrom\s*["']node:/, // import … from "node:x" / export … from "node:x"
  /\bimport\s*\(\s*["']node:/, // import("node:x")
  /\brequire\s*\(\s*["']node:/, // require("node:x")
  /^\s*import\s*["']node:/m, // import "node:x"
];

describe("bundles for the browser", () => {
  const bundle = async (file: string, format: "esm" | "iife"): Promise<string> => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL(`../../src/auth/${file}`, import.meta.url))],
      bundle: true,
      platform: "browser",
      format,
      ...(format === "iife" ? { globalName: "hwcSigner" } : {}),
      write: false,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    return result.outputFiles[0]?.text ?? "";
  };

  for (const file of ["signer.ts", "canonical.ts"]) {
    it(`src/auth/${file} bundles with esbuild (platform browser) without importing or requiring a node: module`, async () => {
      const text = await bundle(file, "esm");
      expect(text.length).toBeGreaterThan(0);
      for (const re of NODE_IMPORTS) expect(text).not.toMatch(re);
      expect(text).not.toMatch(/\brequire\s*\(/);
      expect(text).not.toMatch(/from\s+["'](crypto|buffer|url|util)["']/);
      if (file !== "canonical.ts") expect(text).toContain("getBuiltinModule");
    });
  }

  it("the patterns catch every form of node: import", () => {
    const forms = [
      'import { createHash } from "node:crypto";',
      "import * as c from 'node:crypto'",
      'export { x } from "node:crypto";',
      'const c = await import("node:crypto");',
      "const c = require( 'node:crypto' );",
      'import "node:crypto";',
    ];
    for (const f of forms) expect(NODE_IMPORTS.some((re) => re.test(f))).toBe(true);
    expect(NODE_IMPORTS.some((re) => re.test('globalThis.process?.getBuiltinModule?.("node:crypto")'))).toBe(false);
  });

  it("the browser bundle, run where there is no process (so no getBuiltinModule), signs the vectors on Web Crypto", async () => {
    const code = await bundle("signer.ts", "iife");
    // A fresh realm with only what a browser offers the signer: no process, no Buffer, no require.
    const ctx = vm.createContext({ crypto: globalThis.crypto, TextEncoder, URL, URLSearchParams });
    vm.runInContext(code, ctx);
    expect(vm.runInContext("typeof process + typeof require + typeof Buffer", ctx)).toBe("undefinedundefinedundefined");
    const browser = (ctx as { hwcSigner: typeof import("../../src/auth/signer.js") }).hwcSigner;

    const go = { "X-Sdk-Date": "20060102T150405Z", TEST_UNDERSCORE: "TEST_VALUE" };
    const py = { "X-Sdk-Date": "20200608T023900Z", TEST_UNDERSCORE: "TEST_VALUE" };
    const sig = async (req: SignableRequest, opts?: SignOptions): Promise<string> =>
      authOf(await browser.signRequest(req, CREDS, opts)).replace(/^.*Signature=/, "");
    expect(await sig({ method: "GET", url: "https://example.huaweicloud.com/path?limit=1", headers: go }, { signedHeaders: ["x-sdk-date"] })).toBe(
      "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
    );
    expect(
      await sig(
        { method: "POST", url: "https://example.huaweicloud.com/path?key=value", headers: go, body: '{"Name":"test","Id":1}\n' },
        { signedHeaders: ["x-sdk-date"] },
      ),
    ).toBe("cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59");
    expect(await sig({ method: "GET", url: "https://service.endpoint.myhuaweicloud.com/resources?size=1", headers: py })).toBe(
      "cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842",
    );
    expect(await sig({ method: "POST", url: "https://service.endpoint.myhuaweicloud.com/resources?size=1", headers: py, body: '{"name":"test","id":1}' })).toBe(
      "436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f",
    );
    const project = "0549b4a43100d4f32f51c01c2fe4acdb";
    expect(
      await sig(
        {
          method: "get",
          url: `https://dds.ap-southeast-1.myhuaweicloud.com/v3/${project}/jobs?id=a9767ede-fe0f-4888-9003-e843a4c90514`,
          headers: { "X-Project-Id": project },
        },
        { date: DATE_2026 },
      ),
    ).toBe("2c7f2adf9916ad4f0b0a55960ed7099cc63d71b4c4175ff1110c1d69e03ada6f");
    const sts = "SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a";
    expect(await browser.hmacSha256Hex("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", sts)).toBe(
      "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    );
  });
});
