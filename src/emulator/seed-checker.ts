/**
 * The seed checker's machinery: {@link SeedError} and a collector that reports every problem with its JSON path,
 * so a bad seed is fixed in one go rather than one error per run.
 */

/** A seed failed validation; `issues` lists every problem as `path: message`. */
export class SeedError extends Error {
  /** Always `SeedError`. */
  override name = "SeedError";
  /** Every problem, as `path: message` (e.g. `apig.gateways[0].id: must have 32–36 characters (has 5)`). */
  readonly issues: readonly string[];
  /** @param source how the message names the document, e.g. its file path. */
  constructor(issues: readonly string[], source = "seed") {
    super(`${source} is invalid:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.issues = issues;
  }
}

/** Keys allowed anywhere for human notes. */
const NOTE_KEYS = new Set(["$schema", "$comment", "description"]);

/** A JSON object as the checker sees it. */
export type Obj = Record<string, unknown>;

/** Collects problems with their JSON path. */
export class Checker {
  readonly issues: string[] = [];
  add(path: string, message: string): void {
    this.issues.push(`${path || "(root)"}: ${message}`);
  }
  object(value: unknown, path: string, known: readonly string[], required: readonly string[] = []): Obj | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.add(path, "must be an object");
      return undefined;
    }
    const o = value as Obj;
    for (const key of Object.keys(o)) if (!known.includes(key) && !NOTE_KEYS.has(key)) this.add(join(path, key), "is not a known field");
    for (const key of required) if (o[key] === undefined) this.add(join(path, key), "is required");
    return o;
  }
  array(value: unknown, path: string, required = false): unknown[] | undefined {
    if (value === undefined) {
      if (required) this.add(path, "is required");
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(path, "must be an array");
      return undefined;
    }
    return value;
  }
  string(value: unknown, path: string, opts: { min?: number; max?: number; optional?: boolean } = {}): string | undefined {
    if (value === undefined) return undefined; // `required` is reported by object()
    const min = opts.min ?? 1;
    const max = opts.max ?? 64;
    if (typeof value !== "string") this.add(path, "must be a string");
    else if (value.length < min || value.length > max)
      this.add(path, min === max ? `must have exactly ${min} characters` : `must have ${min}–${max} characters (has ${value.length})`);
    else return value;
    return undefined;
  }
  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) this.add(path, `must be an integer from ${min} to ${max}`);
    else return value;
    return undefined;
  }
  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !allowed.includes(value as T)) this.add(path, `must be one of ${allowed.join(", ")}`);
    else return value as T;
    return undefined;
  }
  unique(seen: Map<string, string>, value: string | undefined, path: string, what: string): void {
    if (value === undefined) return;
    const first = seen.get(value);
    if (first !== undefined) this.add(path, `duplicate ${what} ${JSON.stringify(value)} (first at ${first})`);
    else seen.set(value, path);
  }
}

/** Extends a JSON path: `join("a", "b")` is `a.b`, `join("a", 0)` is `a[0]`. */
export function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}
