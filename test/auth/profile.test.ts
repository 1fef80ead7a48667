import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseIni } from "../../src/auth/ini.js";
import { profileCredentials } from "../../src/auth/profile.js";
import { CredentialsError } from "../../src/errors.js";

const SK = "profile-secret-key-never-shown-123";
let dir: string;
const file = (text: string, name = "credentials") => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const failure = async (p: Promise<unknown>) => (await p.catch((e: unknown) => e)) as CredentialsError;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hwgw-profile-"));
  vi.stubEnv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("parseIni", () => {
  it("reads sections, = and : pairs, comments, CRLF, lower-cases keys", () => {
    const s = parseIni("# c\r\n[basic]\r\nAK = a\r\nsk: b\r\n; c\r\n\r\n[global]\r\nak=c=d\r\n", "f");
    expect(Object.fromEntries(s.get("basic") ?? [])).toEqual({ ak: "a", sk: "b" });
    expect(Object.fromEntries(s.get("global") ?? [])).toEqual({ ak: "c=d" });
  });

  it("names the file and line of every malformed line, never its text", () => {
    expect(() => parseIni(`[basic]\nak = a\n${SK}\n`, "/x/credentials")).toThrow(
      /^profile: \/x\/credentials:3: expected \[section\], key = value, or a # comment$/,
    );
    expect(() => parseIni(`sk = ${SK}`, "f")).toThrow("profile: f:1: key outside any [section]");
    expect(() => parseIni("[basic]\n[basic]", "f")).toThrow("profile: f:2: section [basic] appears twice");
    expect(() => parseIni(`[basic]\nsk = 1\nSK = ${SK}`, "f")).toThrow("profile: f:3: key sk appears twice in its section");
    try {
      parseIni(`[basic]\n${SK} ${SK}`, "f");
    } catch (err) {
      expect(inspect(err)).not.toContain(SK);
    }
  });
});

describe("profileCredentials", () => {
  it("signs with ak/sk of [basic] and names project_id, domain_id and iam_endpoint", async () => {
    const path = file(`[basic]\nak = PROFILEAK\nsk = ${SK}\nproject_id = p-1\ndomain_id = d-1\niam_endpoint = http://127.0.0.1:9\n`);
    const auth = profileCredentials({ path });
    const req = { method: "GET", url: new URL("http://127.0.0.1/x"), headers: new Headers(), body: undefined };
    await auth.authenticate(req, { fetch: globalThis.fetch, projectId: undefined, signal: undefined, logger: console });
    expect(req.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=PROFILEAK,/);
    expect(await auth.describe()).toEqual({ provider: "profile", expiresAt: undefined, projectId: "p-1", domainId: "d-1", iamEndpoint: "http://127.0.0.1:9" });
  });

  it("reads the section asked for, and the file HUAWEICLOUD_SDK_CREDENTIALS_FILE names", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file(`[basic]\nak = B\nsk = ${SK}\n[global]\nak = G\nsk = ${SK}\n`));
    expect((await profileCredentials({ profile: "global" }).describe()).provider).toBe("profile");
  });

  it("fails with typed errors for a missing file, a missing section, missing keys, malformed text", async () => {
    expect((await failure(profileCredentials({ path: join(dir, "nope") }).describe())).message).toBe(`profile: no credentials file at ${join(dir, "nope")}`);
    const global = file(`[global]\nak = G\nsk = ${SK}\n`);
    expect((await failure(profileCredentials({ path: global }).describe())).message).toBe(`profile: ${global} has no [basic] section`);
    const half = file(`[basic]\nak = A\n`, "half");
    expect((await failure(profileCredentials({ path: half }).describe())).message).toBe(
      `profile: [basic] of ${half} has neither ak and sk nor idp_id and id_token_file`,
    );
    const bad = file(`[basic]\nak = A\nsk ${SK}\n`, "bad");
    const err = await failure(profileCredentials({ path: bad }).describe());
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe(`profile: ${bad}:3: expected [section], key = value, or a # comment`);
    expect(inspect(err)).not.toContain(SK);
  });

  it("reports a path that is a directory as unreadable", async () => {
    expect((await failure(profileCredentials({ path: dir }).describe())).message).toBe(`profile: ${dir} cannot be read (EISDIR)`);
  });
});
