import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { profileCredentials, profilePath } from "../../src/auth/profile.js";
import type { CredentialsError } from "../../src/errors.js";
import type { AuthContext } from "../../src/options.js";

// The real readFile, replaceable per test to produce failures the file system cannot (an error without a code).
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});

const SK = "profile-secret-key-never-shown-123";
const context: AuthContext = { fetch: globalThis.fetch, projectId: undefined, signal: undefined, logger: console };
const request = () => ({ method: "GET", url: new URL("http://127.0.0.1/x"), headers: new Headers(), body: undefined });
const failure = async (p: Promise<unknown>) => (await p.catch((e: unknown) => e)) as CredentialsError;

let dir: string;
const file = (text: string, name = "credentials") => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hwgw-profile-files-"));
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.mocked(fsPromises.readFile).mockClear();
  rmSync(dir, { recursive: true, force: true });
});

describe("profilePath", () => {
  it("takes the path given, else HUAWEICLOUD_SDK_CREDENTIALS_FILE, else the home directory's file", async () => {
    expect(await profilePath("/given/file", { HUAWEICLOUD_SDK_CREDENTIALS_FILE: "/env/file", HOME: "/home/u" })).toBe("/given/file");
    expect(await profilePath(undefined, { HUAWEICLOUD_SDK_CREDENTIALS_FILE: "/env/file", HOME: "/home/u" })).toBe("/env/file");
    expect(await profilePath(undefined, { HOME: "/home/u" })).toBe("/home/u/.huaweicloud/credentials");
  });

  it("falls back from HOME to USERPROFILE to ~, an empty variable counting as unset", async () => {
    expect(await profilePath(undefined, { HOME: "/home/u", USERPROFILE: "C:\\Users\\w" })).toBe("/home/u/.huaweicloud/credentials");
    expect(await profilePath(undefined, { USERPROFILE: "C:\\Users\\w" })).toBe("C:\\Users\\w/.huaweicloud/credentials");
    expect(await profilePath(undefined, { HOME: "", USERPROFILE: "C:\\Users\\w" })).toBe("C:\\Users\\w/.huaweicloud/credentials");
    expect(await profilePath(undefined, { HUAWEICLOUD_SDK_CREDENTIALS_FILE: "" })).toBe("~/.huaweicloud/credentials");
  });

  it("drops every trailing slash or backslash of the home directory, and only those", async () => {
    expect(await profilePath(undefined, { HOME: "/home/u/" })).toBe("/home/u/.huaweicloud/credentials");
    expect(await profilePath(undefined, { HOME: "/home/u//" })).toBe("/home/u/.huaweicloud/credentials");
    expect(await profilePath(undefined, { USERPROFILE: "C:\\Users\\w\\/" })).toBe("C:\\Users\\w/.huaweicloud/credentials");
  });
});

describe("profileCredentials file lookup", () => {
  it("reads the credentials file under the HOME of the env option", async () => {
    mkdirSync(join(dir, ".huaweicloud"));
    file(`[basic]\nak = HOMEAK\nsk = ${SK}\n`, ".huaweicloud/credentials");
    const req = request();
    await profileCredentials({ env: { HOME: `${dir}/` } }).authenticate(req, context);
    expect(req.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=HOMEAK,/);
  });

  it("takes null options as the defaults: [basic] of the file HUAWEICLOUD_SDK_CREDENTIALS_FILE names", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file(`[global]\nak = G\nsk = ${SK}\n[basic]\nak = B\nsk = ${SK}\nproject_id = p-basic\n`));
    const auth = profileCredentials(null as never);
    expect((await auth.describe()).projectId).toBe("p-basic");
  });

  it("says 'error' when reading fails without an error code", async () => {
    const path = file(`[basic]\nak = A\nsk = ${SK}\n`);
    vi.mocked(fsPromises.readFile).mockRejectedValueOnce(new Error("no code"));
    expect((await failure(profileCredentials({ path }).describe())).message).toBe(`profile: ${path} cannot be read (error)`);
  });
});

describe("profileCredentials keys", () => {
  it("sends the security_token of the section with its temporary ak/sk", async () => {
    const path = file(`[basic]\nak = TMPAK\nsk = ${SK}\nsecurity_token = sts-token-value-xx\n`);
    const req = request();
    await profileCredentials({ path }).authenticate(req, context);
    expect(req.headers.get("X-Security-Token")).toBe("sts-token-value-xx");
  });

  it("uses ak/sk when only one of idp_id and id_token_file is set", async () => {
    for (const half of ["idp_id = idp-1", `id_token_file = ${join(dir, "token")}`]) {
      const path = file(`[basic]\n${half}\nak = PLAINAK\nsk = ${SK}\niam_endpoint = http://127.0.0.1:9\n`);
      const req = request();
      await profileCredentials({ path }).authenticate(req, context);
      expect(req.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=PLAINAK,/);
    }
  });

  it("follows federation settings changed in the file since the last load, naming the profile provider", async () => {
    const first = join(dir, "token-1");
    const path = file(`[basic]\nidp_id = idp-1\nid_token_file = ${first}\niam_endpoint = http://127.0.0.1:9\n`);
    const auth = profileCredentials({ path });
    expect((await failure(auth.describe())).message).toBe(`profile: the ID token file ${first} does not exist`);
    const second = join(dir, "token-2");
    file(`[basic]\nidp_id = idp-1\nid_token_file = ${second}\niam_endpoint = http://127.0.0.1:9\n`);
    expect((await failure(auth.describe())).message).toBe(`profile: the ID token file ${second} does not exist`);
  });
});
