/**
 * Schemathesis-style input generation, derived from the specs rather than hand-listed (mutation-sites.ts and
 * mutated-input.ts build the negative data on top of this):
 *
 * - `operationInput(spec, operationId)` is the schema of an operation's inputs, `{ path, query, body }`, from the
 *   same `operationInputSchema` of scripts/spec-model.mjs the validator generator compiles, with every `$ref` inlined.
 * - `validInput(schema, focus)` is a fast-check arbitrary of inputs that conform to it (positive data); `focus`
 *   forces the optional properties and non-empty arrays on the way to one site, so a mutation there has a target.
 */
import fc from "fast-check";
import { loadProjectSpec, operationInputSchema, type SpecModel, type SpecName } from "../../scripts/spec-model.mjs";

export type Schema = Record<string, unknown>;
export type Group = "path" | "query" | "body";
export type Step = { prop: string } | { item: true };

export const isObj = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

const models = new Map<SpecName, SpecModel>();

/** The inputs of one operation as `{ path, query, body }`, as the generated validator sees them, `$ref`s inlined. */
export function operationInput(spec: SpecName, operationId: string): { schema: Schema; method: string; route: string } {
  let model = models.get(spec);
  if (!model) {
    model = loadProjectSpec(spec);
    models.set(spec, model);
  }
  const operation = model.operation(operationId);
  return { schema: model.inline(operationInputSchema(operation)) as Schema, method: operation.method, route: operation.path };
}

/** `a` with `b`'s keywords on top; `properties` merged per property and `required` united (for if/then/else). */
function merge(a: Schema, b: Schema): Schema {
  const out: Schema = { ...a, ...b };
  if (isObj(a.properties) || isObj(b.properties)) {
    const pa = (a.properties ?? {}) as Record<string, Schema>;
    const pb = (b.properties ?? {}) as Record<string, Schema>;
    out.properties = Object.fromEntries([...new Set([...Object.keys(pa), ...Object.keys(pb)])].map((k) => [k, merge(pa[k] ?? {}, pb[k] ?? {})]));
  }
  if (Array.isArray(a.required) || Array.isArray(b.required)) {
    out.required = [...new Set([...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])])];
  }
  return out;
}

export function withoutConditional(s: Schema): Schema {
  const { if: _if, then: _then, else: _else, ...rest } = s;
  return rest;
}

/** The branches of an if/then/else schema as complete schemas: base + if + then, and base + else. */
export function branches(s: Schema): { schema: Schema; branch: "then" | "else" }[] {
  const base = withoutConditional(s);
  const out: { schema: Schema; branch: "then" | "else" }[] = [];
  if (isObj(s.if)) {
    out.push({ schema: merge(merge(base, s.if), isObj(s.then) ? s.then : {}), branch: "then" });
    out.push({ schema: merge(base, isObj(s.else) ? s.else : {}), branch: "else" });
  }
  return out;
}

const SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
const safeChar = fc.constantFrom(...SAFE.split(""));

/**
 * Valid strings of `min..max` characters for a pattern. The safe alphabet is preferred, since path rules object to
 * little in it; a pattern it (almost) never satisfies, like DDS `tags` (`key=value,...`), gets strings built from the
 * pattern by fast-check instead, because filtering safe strings for it would never end.
 */
function matching(re: RegExp, min: number, max: number): fc.Arbitrary<string> {
  const fits = (v: string) => v.length >= min && v.length <= max && re.test(v) && v !== "." && v !== "..";
  const safe = safeString(min, max);
  const probe = fc.sample(safe, { numRuns: 200, seed: 1 });
  if (probe.filter(fits).length >= 20) return safe.filter(fits);
  return fc.stringMatching(re, { size: "small" }).filter(fits);
}

/** Strings of `min..max` characters from an alphabet that no pattern or path rule of ours objects to. */
export function safeString(min: number, max: number): fc.Arbitrary<string> {
  return fc.string({ unit: safeChar, minLength: min, maxLength: max });
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

export function typeOf(s: Schema): string | undefined {
  return typeof s.type === "string" ? s.type : undefined;
}

/** Valid values of `s`. Along `focus`, optional properties are present and arrays have at least one item. */
export function validInput(s: Schema, focus: Step[] = []): fc.Arbitrary<unknown> {
  if (isObj(s.if)) return fc.oneof(...branches(s).map((b) => validInput(b.schema, focus)));
  if (s.const !== undefined) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const [head, ...rest] = focus;
  switch (typeOf(s)) {
    case "string": {
      const min = (s.minLength as number | undefined) ?? 0;
      const max = (s.maxLength as number | undefined) ?? 64;
      if (s.format === "ipv4") return fc.ipV4();
      if (s.format === "ipv6") return fc.ipV6().filter((ip) => ip.length <= max);
      if (typeof s.pattern === "string") return matching(new RegExp(s.pattern, "u"), Math.max(min, 1), max);
      // Any code point: JSON Schema lengths count code points, and the body must survive JSON and UTF-8 intact.
      return fc.string({ unit: "binary", minLength: min, maxLength: max });
    }
    case "integer":
      return fc.integer({ min: (s.minimum as number | undefined) ?? INT32.min, max: (s.maximum as number | undefined) ?? INT32.max });
    case "boolean":
      return fc.boolean();
    case "array": {
      const items = (s.items ?? {}) as Schema;
      const minItems = (s.minItems as number | undefined) ?? 0;
      const maxItems = (s.maxItems as number | undefined) ?? 5;
      const focused = head !== undefined && "item" in head;
      return fc.array(validInput(items, focused ? rest : []), { minLength: focused ? Math.max(minItems, 1) : minItems, maxLength: maxItems });
    }
    case "object": {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = new Set((s.required as string[] | undefined) ?? []);
      const focusProp = head !== undefined && "prop" in head ? head.prop : undefined;
      if (focusProp !== undefined) required.add(focusProp);
      const record = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, validInput(v, k === focusProp ? rest : [])])), {
        requiredKeys: [...required].filter((k) => k in props),
      }) as fc.Arbitrary<Record<string, unknown>>;
      const minProperties = (s.minProperties as number | undefined) ?? 0;
      return minProperties > 0 ? record.filter((o) => Object.keys(o).length >= minProperties) : record;
    }
    default:
      throw new Error(`validInput: unsupported schema ${JSON.stringify(s)}`);
  }
}
