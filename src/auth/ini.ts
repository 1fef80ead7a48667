import { CredentialsError } from "../errors.js";

/** Sections of an INI file: section name → key → value. Keys lower-cased, as Python's configparser does. @internal */
export type IniSections = Map<string, Map<string, string>>;

/**
 * Parses the credentials file format of the official SDKs (Python configparser, Go ini): `[section]` headers,
 * `key = value` or `key: value`, `#` and `;` comment lines, blank lines. Strict: a line that is none of these,
 * a key outside any section, or a section or key given twice is a `CredentialsError` naming `file` and the line
 * number, never the line's text (it may hold a secret).
 */
export function parseIni(text: string, file: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  const fail = (line: number, why: string): never => {
    throw new CredentialsError(`profile: ${file}:${line}: ${why}`);
  };
  for (const [i, raw] of text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .entries()) {
    const line = raw.trim();
    const n = i + 1;
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = (header[1] as string).trim();
      if (sections.has(name)) fail(n, `section [${name}] appears twice`);
      current = new Map();
      sections.set(name, current);
      continue;
    }
    const pair = /^([A-Za-z0-9_.-]+)\s*[=:]\s*(.*)$/.exec(line);
    if (!pair) return fail(n, "expected [section], key = value, or a # comment");
    if (!current) return fail(n, "key outside any [section]");
    const key = (pair[1] as string).toLowerCase();
    if (current.has(key)) fail(n, `key ${key} appears twice in its section`);
    current.set(key, (pair[2] as string).trim());
  }
  return sections;
}
