/**
 * `mutatedInput(schema, site)` is a fast-check arbitrary of inputs that break exactly one keyword at one site (see
 * mutation-sites.ts), starting from valid data (schema-inputs.ts), together with the concrete path of the broken
 * value in the SDK's issue notation (`elbs[0].elb_id`).
 */
import fc from "fast-check";
import type { Site } from "./mutation-sites.js";
import { safeString, typeOf, validInput, type Schema, type Step } from "./schema-inputs.js";

export interface Mutated {
  input: { path: Record<string, unknown>; query: Record<string, unknown>; body?: unknown };
  /** Where the broken value is, in ValidationIssue notation (group dropped). */
  expectedPath: string;
  /** Issues outside this scope would mean the mutation broke more than one thing. */
  scope: string;
}

/** A value whose JSON type is not allowed by `s.type` (for integers also a non-integral number). */
function wrongType(s: Schema): fc.Arbitrary<unknown> {
  const type = typeOf(s);
  const candidates: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 8 }),
    number: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
    integer: fc.integer(),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.constant([]),
    object: fc.constant({}),
  };
  const allowed = new Set(type === "integer" ? ["integer"] : type === "number" ? ["integer", "number"] : [type ?? ""]);
  return fc.oneof(
    ...Object.entries(candidates)
      .filter(([t]) => !allowed.has(t))
      .map(([, a]) => a),
  );
}

/** Strings (kept within any maxLength, so only the format breaks) that are not valid literals of `format`. */
function badFormat(format: string, maxLength = 45): fc.Arbitrary<string> {
  const octet = fc.integer({ min: 0, max: 255 });
  const ipv4Like = fc.tuple(octet, octet, octet, octet);
  const bad4 = fc.oneof(
    fc.ipV6(),
    ipv4Like.map(([a, b, c]) => `${a}.${b}.${c}`),
    fc.tuple(fc.integer({ min: 256, max: 999 }), octet, octet, octet).map((p) => p.join(".")),
    ipv4Like.map(([a, b, c, d]) => `${a}.${b}.${c}.${d}.${a}`),
    // Leading zeros (often read as octal) are refused on purpose: the spec's format is the strict dotted-decimal one.
    fc.tuple(fc.integer({ min: 1, max: 99 }), octet, octet, octet).map(([a, b, c, d]) => `0${a}.${b}.${c}.${d}`),
    safeString(1, 12).filter((s) => !/^[\d.]+$/.test(s)),
  );
  const h = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
  const bad6 = fc.oneof(
    fc.ipV4(),
    fc.array(h, { minLength: 9, maxLength: 9 }).map((p) => p.join(":")),
    fc.array(h, { minLength: 2, maxLength: 3 }).map((p) => `${p.join("::")}::1`),
    h.map((x) => `2001:db8::${x}g`),
    h.map((x) => `${x}:::1`),
    h.map((x) => `fe80::${x}%eth0`),
  );
  return (format === "ipv4" ? bad4 : bad6).filter((s) => s.length <= maxLength);
}

/** Navigates to the node at `steps`, picking array items by `picks`, and returns it with its concrete path. */
function locate(root: unknown, steps: Step[], picks: number[]): { node: unknown; parent: unknown; key: string | number | undefined; path: string } {
  let node = root;
  let parent: unknown;
  let key: string | number | undefined;
  let p = "";
  steps.forEach((step, i) => {
    parent = node;
    if ("item" in step) {
      const arr = node as unknown[];
      key = (picks[i] ?? 0) % arr.length;
      p += `[${key}]`;
      node = arr[key];
    } else {
      key = step.prop;
      p += p ? `.${step.prop}` : step.prop;
      node = (node as Schema)[step.prop];
    }
  });
  return { node, parent, key, path: p };
}

const join = (at: string, name: string) => (at ? `${at}.${name}` : name);

/** Inputs that break exactly `site.keyword` at `site`, starting from a valid input. */
export function mutatedInput(input: Schema, site: Site): fc.Arbitrary<Mutated> {
  const focus: Step[] = [{ prop: site.group }, ...site.steps];
  const base = validInput(input, focus) as fc.Arbitrary<Mutated["input"]>;
  const picks = fc.array(fc.nat(), { minLength: site.steps.length, maxLength: site.steps.length });
  const s = site.schema;
  const replacement = ((): fc.Arbitrary<unknown> | undefined => {
    switch (site.keyword) {
      case "type":
        return wrongType(s);
      case "enum": {
        const allowed = (s.enum as unknown[]).map(String);
        const flipped = allowed.flatMap((v) => [
          v.toUpperCase(),
          v.toLowerCase(),
          v.charAt(0) === v.charAt(0).toUpperCase() ? v.charAt(0).toLowerCase() + v.slice(1) : v.charAt(0).toUpperCase() + v.slice(1),
        ]);
        const other = [...new Set(flipped)].filter((v) => !allowed.includes(v));
        return fc.oneof(...(other.length ? [fc.constantFrom(...other)] : []), safeString(1, 10)).filter((v) => !allowed.includes(v));
      }
      case "minLength":
        return safeString(0, (s.minLength as number) - 1);
      case "maxLength":
        return safeString((s.maxLength as number) + 1, (s.maxLength as number) + 20);
      case "pattern": {
        const re = new RegExp(s.pattern as string, "u");
        const max = (s.maxLength as number | undefined) ?? 64;
        // Each pattern of ours forbids one of these: `/` (path segments), a lone `*` (DDS name), `=`/`,` misuse (tags).
        const slashed = fc.tuple(safeString(0, 10), safeString(0, 10)).map(([a, b]) => `${a}/${b}`);
        const breakers = fc.constantFrom("*", "=", ",", "a=b=c", ",a=b", "a=b,", "=x");
        return fc.oneof(slashed, breakers).filter((v) => v.length >= ((s.minLength as number | undefined) ?? 0) && v.length <= max && !re.test(v));
      }
      case "format":
        return badFormat(s.format as string, (s.maxLength as number | undefined) ?? 45);
      case "minimum":
        return fc.integer({ min: (s.minimum as number) - 1000, max: (s.minimum as number) - 1 });
      case "maximum":
        return fc.integer({ min: (s.maximum as number) + 1, max: (s.maximum as number) + 1000 });
      case "minItems":
        return fc.array(validInput((s.items ?? {}) as Schema), { minLength: 0, maxLength: (s.minItems as number) - 1 });
      case "maxItems":
        return fc.array(validInput((s.items ?? {}) as Schema), { minLength: (s.maxItems as number) + 1, maxLength: (s.maxItems as number) + 3 });
      case "minProperties":
        return fc.constant({});
      default:
        return undefined;
    }
  })();
  const extraKey = safeString(1, 12).filter((k) => k !== "__proto__" && !(k in ((s.properties ?? {}) as Schema)));

  return fc.tuple(base, picks, replacement ?? fc.constant(undefined), extraKey, fc.jsonValue()).map(([valid, ps, bad, key, extraValue]) => {
    const value = structuredClone(valid);
    const at = locate((value as Record<string, unknown>)[site.group], site.steps, ps);
    const groupScope = (p: string) => (site.group === "body" ? p : site.steps[0] && "prop" in site.steps[0] ? site.steps[0].prop : p);
    switch (site.keyword) {
      case "required": {
        if (site.group === "body" && site.steps.length === 0 && site.prop === "") {
          delete (value as Record<string, unknown>).body;
          return { input: value, expectedPath: "body", scope: "body" };
        }
        const obj = (site.steps.length === 0 ? (value as Record<string, unknown>)[site.group] : at.node) as Record<string, unknown>;
        delete obj[site.prop as string];
        const expectedPath = join(at.path, site.prop as string);
        return { input: value, expectedPath, scope: site.group === "body" ? at.path : expectedPath };
      }
      case "additionalProperties": {
        const obj = (site.steps.length === 0 ? (value as Record<string, unknown>)[site.group] : at.node) as Record<string, unknown>;
        obj[key] = extraValue;
        const expectedPath = join(at.path, key);
        return { input: value, expectedPath, scope: site.group === "body" ? at.path : expectedPath };
      }
      default: {
        if (site.keyword === "format" && site.prop !== undefined) {
          // Conditional format: put the branch's constants in place, then break the format of `prop`.
          const obj = at.node as Record<string, unknown>;
          Object.assign(obj, site.consts);
          obj[site.prop] = bad;
          return { input: value, expectedPath: join(at.path, site.prop), scope: at.path };
        }
        if (at.parent === undefined || at.key === undefined) {
          (value as Record<string, unknown>)[site.group] = bad;
        } else {
          (at.parent as Record<string | number, unknown>)[at.key] = bad;
        }
        const parentPath = at.path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
        // A whole group of the wrong type (say, a body that is not an object) is reported on the group's name.
        return { input: value, expectedPath: at.path || site.group, scope: groupScope(at.path === parentPath ? "" : parentPath) };
      }
    }
  });
}
