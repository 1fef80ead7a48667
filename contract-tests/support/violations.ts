/**
 * Prism's `sl-violations` response header: a JSON array of
 * `{location: ["request", "body", …], severity, code, message}`. Prism cuts values longer than ~8 KB and prefixes
 * them with "Too many violations! " (prism-http-server `addViolationHeader`), so the JSON may end mid-array; the
 * parser keeps every complete entry before the cut and flags the result as truncated.
 */

export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

export interface ParsedViolations {
  violations: Violation[];
  /** The header carried the "Too many violations!" prefix: more violations existed than are listed. */
  truncated: boolean;
}

export const TOO_MANY_PREFIX = "Too many violations!";

/** Parses the header value; `null`/empty gives no violations. Throws on a value that is not Prism's format. */
export function parseViolations(header: string | null | undefined): ParsedViolations {
  if (header === null || header === undefined || header.trim() === "") return { violations: [], truncated: false };
  let text = header.trim();
  let truncated = false;
  if (text.startsWith(TOO_MANY_PREFIX)) {
    truncated = true;
    text = text.slice(TOO_MANY_PREFIX.length).trim();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (!truncated) throw new Error(`sl-violations is not JSON: ${header.slice(0, 200)}`);
    parsed = salvage(text);
  }
  if (!Array.isArray(parsed)) throw new Error(`sl-violations is not a JSON array: ${header.slice(0, 200)}`);
  return { violations: parsed.map(toViolation), truncated };
}

/** The complete entries of a JSON array cut at an arbitrary character. */
function salvage(text: string): unknown[] {
  for (let end = text.lastIndexOf("}"); end > 0; end = text.lastIndexOf("}", end - 1)) {
    try {
      const v: unknown = JSON.parse(`${text.slice(0, end + 1)}]`);
      if (Array.isArray(v)) return v;
    } catch {
      // not a boundary between entries; try the previous closing brace
    }
  }
  return [];
}

function toViolation(v: unknown): Violation {
  const o = (v && typeof v === "object" ? v : {}) as Record<string, unknown>;
  return {
    location: Array.isArray(o.location) ? o.location.map(String) : [],
    severity: String(o.severity ?? ""),
    code: typeof o.code === "number" ? o.code : String(o.code ?? ""),
    message: String(o.message ?? ""),
  };
}

/** Violations about the request (location starts with "request"). */
export function requestViolations(v: readonly Violation[]): Violation[] {
  return v.filter((x) => x.location[0] === "request");
}

export function formatViolation(v: Violation): string {
  return `[${v.location.join(".")}] ${v.code}: ${v.message}`;
}
