import { describe, expect, it } from "vitest";
import { parseIni } from "../../src/auth/ini.js";
import { CredentialsError } from "../../src/errors.js";

const section = (text: string, name = "basic") => Object.fromEntries(parseIni(text, "f").get(name) ?? []);
const failure = (text: string) => {
  try {
    parseIni(text, "f");
  } catch (err) {
    return err as CredentialsError;
  }
  throw new Error("parsed");
};

describe("parseIni byte order mark", () => {
  it("drops a byte order mark at the start of the file", () => {
    expect(section("\uFEFF[basic]\nak = a\n")).toEqual({ ak: "a" });
  });

  it("keeps a byte order mark inside a value", () => {
    expect(section("[basic]\nak = a\uFEFFb\n")).toEqual({ ak: "a\uFEFFb" });
  });
});

describe("parseIni lines", () => {
  it("reads indented headers and pairs", () => {
    expect(section("  [basic]\n\tak = a\n")).toEqual({ ak: "a" });
  });

  it("trims the blanks inside a section header's brackets", () => {
    expect([...parseIni("[ basic ]\nak = a\n", "f").keys()]).toEqual(["basic"]);
  });

  it("keeps blanks inside a value and drops them around it", () => {
    expect(section("[basic]\nak =   a b   \n")).toEqual({ ak: "a b" });
  });

  it("refuses a header with text before or after its brackets, naming the line", () => {
    expect(failure("[basic]\nx[global]\n").message).toBe("profile: f:2: expected [section], key = value, or a # comment");
    expect(failure("[basic]\n[global] x\n").message).toBe("profile: f:2: expected [section], key = value, or a # comment");
  });

  it("refuses a key preceded by a character keys cannot hold", () => {
    const err = failure("[basic]\n!ak = a\n");
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe("profile: f:2: expected [section], key = value, or a # comment");
  });

  it("refuses a value with a lone carriage return inside it", () => {
    expect(failure("[basic]\nak = a\rb\n").message).toBe("profile: f:2: expected [section], key = value, or a # comment");
  });
});
