/**
 * Schemathesis-style input generation, derived from the specs rather than hand-listed:
 *
 * - `operationInput(spec, operationId)` builds the schema of an operation's inputs exactly like
 *   scripts/generate-validators.mjs does: `{ path, query, body }`, with every `$ref` inlined.
 * - `validInput(schema, focus)` is a fast-check arbitrary of inputs that conform to it (positive data); `focus`
 *   forces the optional properties and non-empty arrays on the way to one site, so a mutation there has a target.
 * - `mutationSites(schema)` walks the schema and lists every (site, keyword) that can be broken on its own: type,
 *   enum, minLength, maxLength, pattern, format (also inside if/then/else), minimum, maximum, minItems, maxItems,
 *   required, additionalProperties (where closed) and minProperties.
 * - `mutatedInput(schema, site)` is an arbitrary of inputs that break exactly that keyword at that site, together
 *   with the concrete path of the broken value in the SDK's issue notation (`elbs[0].elb_id`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parse } from "yaml";

export type Schema = Record<string, unknown>;
export type Group = "path" | "query" | "body";
export type Step = { prop: string } | { item: true };
export type Keyword =
  | "type"
  | "enum"
  | "minLength"
  | "maxLength"
  | "pattern"
  | "format"
  | "minimum"
  | "maximum"
  | "minItems"
  | "maxItems"
  | "required"
  | "additionalProperties"
  | "minProperties";

export interface Site {
  group: Group;
  /** From the group's root to the node the keyword belongs to. */
  steps: Step[];
  keyword: Keyword;
  /** The node's (merged) schema. */
  schema: Schema;
  /** `required`: the property dropped; conditional `format`: the property whose format breaks. */
  prop?: string;
  /** Conditional `format`: properties set to these constants so that the branch applies. */
  consts?: Record<string, unknown>;
  /** Human-readable site, e.g. `body elbs[].public_ips[].ip format (if type = v4)`. */
  label: string;
}

export interface Mutated {
  input: { path: Record<string, unknown>; query: Record<string, unknown>; body?: unknown };
  /** Where the broken value is, in ValidationIssue notation (group dropped). */
  expectedPath: string;
  /** Issues outside this scope would mean the mutation broke more than one thing. */
  scope: string;
}

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

const isObj = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** The spec with every `$ref` replaced by a copy of its target (our specs have no recursive schemas). */
function loadInlined(spec: string): Schema {
  const doc = parse(readFileSync(path.join(ROOT, "openapi", `${spec}.yaml`), "utf8")) as Schema;
  const resolve = (ref: string): unknown =>
    ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((node, key) => (isObj(node) ? node[key.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), doc);
  const inline = (node: unknown, depth: number): unknown => {
    if (depth > 50) throw new Error(`${spec}: $ref nesting too deep (recursive schema?)`);
    if (Array.isArray(node)) return node.map((n) => inline(n, depth + 1));
    if (!isObj(node)) return node;
    if (typeof node["$ref"] === "string") return inline(resolve(node["$ref"]), depth + 1);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v, depth + 1)]));
  };
  return inline(doc, 0) as Schema;
}

const docs = new Map<string, Schema>();

/** The inputs of one operation as `{ path, query, body }`, as the generated validator sees them. */
export function operationInput(spec: string, operationId: string): { schema: Schema; method: string; route: string } {
  let doc = docs.get(spec);
  if (!doc) docs.set(spec, (doc = loadInlined(spec)));
  for (const [route, rawItem] of Object.entries(doc["paths"] as Schema)) {
    const item = rawItem as Schema;
    for (const method of METHODS) {
      const op = item[method] as Schema | undefined;
      if (!op || op["operationId"] !== operationId) continue;
      const params = [...((item["parameters"] as Schema[] | undefined) ?? []), ...((op["parameters"] as Schema[] | undefined) ?? [])];
      const group = (where: string): Schema => {
        const ps = params.filter((p) => p["in"] === where);
        return {
          type: "object",
          properties: Object.fromEntries(ps.map((p) => [p["name"], p["schema"] ?? {}])),
          required: ps.filter((p) => p["required"] === true).map((p) => p["name"]),
          additionalProperties: false,
        };
      };
      const properties: Schema = { path: group("path"), query: group("query") };
      const required = ["path"];
      const body = op["requestBody"] as Schema | undefined;
      if (body) {
        properties["body"] = ((body["content"] as Schema)["application/json"] as Schema)["schema"];
        if (body["required"] === true) required.push("body");
      }
      return { schema: { type: "object", properties, required }, method: method.toUpperCase(), route };
    }
  }
  throw new Error(`${spec}: no operation ${operationId}`);
}

/** `a` with `b`'s keywords on top; `properties` merged per property and `required` united (for if/then/else). */
function merge(a: Schema, b: Schema): Schema {
  const out: Schema = { ...a, ...b };
  if (isObj(a["properties"]) || isObj(b["properties"])) {
    const pa = (a["properties"] ?? {}) as Record<string, Schema>;
    const pb = (b["properties"] ?? {}) as Record<string, Schema>;
    out["properties"] = Object.fromEntries(
      [...new Set([...Object.keys(pa), ...Object.keys(pb)])].map((k) => [k, merge(pa[k] ?? {}, pb[k] ?? {})]),
    );
  }
  if (Array.isArray(a["required"]) || Array.isArray(b["required"])) {
    out["required"] = [...new Set([...((a["required"] as string[]) ?? []), ...((b["required"] as string[]) ?? [])])];
  }
  return out;
}

function withoutConditional(s: Schema): Schema {
  const { if: _if, then: _then, else: _else, ...rest } = s;
  return rest;
}

/** The branches of an if/then/else schema as complete schemas: base + if + then, and base + else. */
function branches(s: Schema): { schema: Schema; branch: "then" | "else" }[] {
  const base = withoutConditional(s);
  const out: { schema: Schema; branch: "then" | "else" }[] = [];
  if (isObj(s["if"])) {
    out.push({ schema: merge(merge(base, s["if"]), isObj(s["then"]) ? s["then"] : {}), branch: "then" });
    out.push({ schema: merge(base, isObj(s["else"]) ? s["else"] : {}), branch: "else" });
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

function typeOf(s: Schema): string | undefined {
  return typeof s["type"] === "string" ? s["type"] : undefined;
}

/** Valid values of `s`. Along `focus`, optional properties are present and arrays have at least one item. */
export function validInput(s: Schema, focus: Step[] = []): fc.Arbitrary<unknown> {
  if (isObj(s["if"])) return fc.oneof(...branches(s).map((b) => validInput(b.schema, focus)));
  if (s["const"] !== undefined) return fc.constant(s["const"]);
  if (Array.isArray(s["enum"])) return fc.constantFrom(...(s["enum"] as unknown[]));
  const [head, ...rest] = focus;
  switch (typeOf(s)) {
    case "string": {
      const min = (s["minLength"] as number | undefined) ?? 0;
      const max = (s["maxLength"] as number | undefined) ?? 64;
      if (s["format"] === "ipv4") return fc.ipV4();
      if (s["format"] === "ipv6") return fc.ipV6().filter((ip) => ip.length <= max);
      if (typeof s["pattern"] === "string") return matching(new RegExp(s["pattern"], "u"), Math.max(min, 1), max);
      // Any code point: JSON Schema lengths count code points, and the body must survive JSON and UTF-8 intact.
      return fc.string({ unit: "binary", minLength: min, maxLength: max });
    }
    case "integer":
      return fc.integer({ min: (s["minimum"] as number | undefined) ?? INT32.min, max: (s["maximum"] as number | undefined) ?? INT32.max });
    case "boolean":
      return fc.boolean();
    case "array": {
      const items = (s["items"] ?? {}) as Schema;
      const minItems = (s["minItems"] as number | undefined) ?? 0;
      const maxItems = (s["maxItems"] as number | undefined) ?? 5;
      const focused = head !== undefined && "item" in head;
      return fc.array(validInput(items, focused ? rest : []), { minLength: focused ? Math.max(minItems, 1) : minItems, maxLength: maxItems });
    }
    case "object": {
      const props = (s["properties"] ?? {}) as Record<string, Schema>;
      const required = new Set((s["required"] as string[] | undefined) ?? []);
      const focusProp = head !== undefined && "prop" in head ? head.prop : undefined;
      if (focusProp !== undefined) required.add(focusProp);
      const record = fc.record(
        Object.fromEntries(Object.entries(props).map(([k, v]) => [k, validInput(v, k === focusProp ? rest : [])])),
        { requiredKeys: [...required].filter((k) => k in props) },
      ) as fc.Arbitrary<Record<string, unknown>>;
      const minProperties = (s["minProperties"] as number | undefined) ?? 0;
      return minProperties > 0 ? record.filter((o) => Object.keys(o).length >= minProperties) : record;
    }
    default:
      throw new Error(`validInput: unsupported schema ${JSON.stringify(s)}`);
  }
}

function stepsLabel(steps: Step[]): string {
  let out = "";
  for (const s of steps) out += "item" in s ? "[]" : out ? `.${s.prop}` : s.prop;
  return out;
}

/** Every (site, keyword) of the input schema that a single mutation can break. */
export function mutationSites(input: Schema): Site[] {
  const sites: Site[] = [];
  const props = input["properties"] as Record<string, Schema>;
  const add = (group: Group, steps: Step[], keyword: Keyword, schema: Schema, extra: Partial<Site> = {}, note = "") => {
    const where = stepsLabel([...steps, ...(extra.prop ? [{ prop: extra.prop }] : [])]);
    sites.push({ group, steps, keyword, schema, ...extra, label: `${group}${where ? ` ${where}` : ""} ${keyword}${note}` });
  };

  const walk = (group: Group, s: Schema, steps: Step[]) => {
    if (isObj(s["if"])) {
      // The base keywords once, then what each branch adds: a format tied to the branch's constants.
      walk(group, withoutConditional(s), steps);
      for (const { schema: b, branch } of branches(s)) {
        const bProps = (b["properties"] ?? {}) as Record<string, Schema>;
        const consts = Object.fromEntries(Object.entries(bProps).filter(([, p]) => p["const"] !== undefined).map(([k, p]) => [k, p["const"]]));
        for (const [name, p] of Object.entries(bProps)) {
          if (typeof p["format"] === "string") {
            const when = Object.entries(consts).map(([k, v]) => `${k} = ${String(v)}`).join(", ");
            add(group, steps, "format", p, { prop: name, consts }, ` ${String(p["format"])} (${branch}: ${when})`);
          }
        }
      }
      return;
    }
    const type = typeOf(s);
    if (type) add(group, steps, "type", s);
    if (Array.isArray(s["enum"])) add(group, steps, "enum", s);
    if (type === "string") {
      if (((s["minLength"] as number | undefined) ?? 0) > 0) add(group, steps, "minLength", s);
      if (typeof s["maxLength"] === "number") add(group, steps, "maxLength", s);
      if (typeof s["pattern"] === "string") add(group, steps, "pattern", s);
      if (s["format"] === "ipv4" || s["format"] === "ipv6") add(group, steps, "format", s);
    }
    if (type === "integer") {
      if (typeof s["minimum"] === "number") add(group, steps, "minimum", s);
      if (typeof s["maximum"] === "number") add(group, steps, "maximum", s);
    }
    if (type === "array") {
      if (((s["minItems"] as number | undefined) ?? 0) > 0) add(group, steps, "minItems", s);
      if (typeof s["maxItems"] === "number") add(group, steps, "maxItems", s);
      walk(group, (s["items"] ?? {}) as Schema, [...steps, { item: true }]);
    }
    if (type === "object") {
      for (const r of (s["required"] as string[] | undefined) ?? []) add(group, steps, "required", s, { prop: r });
      if (s["additionalProperties"] === false) add(group, steps, "additionalProperties", s);
      if (typeof s["minProperties"] === "number" && s["minProperties"] > 0) add(group, steps, "minProperties", s);
      for (const [name, p] of Object.entries((s["properties"] ?? {}) as Record<string, Schema>)) walk(group, p, [...steps, { prop: name }]);
    }
  };

  for (const group of ["path", "query"] as const) {
    const g = props[group] as Schema;
    // The SDK builds these objects itself from positional arguments and options: only their values are inputs.
    for (const [name, p] of Object.entries((g["properties"] ?? {}) as Record<string, Schema>)) {
      if (((g["required"] as string[]) ?? []).includes(name)) add(group, [], "required", g, { prop: name });
      walk(group, p, [{ prop: name }]);
    }
    if (group === "query" && g["additionalProperties"] === false && Object.keys((g["properties"] ?? {}) as Schema).length > 0) {
      add(group, [], "additionalProperties", g);
    }
  }
  if (props["body"]) {
    if (((input["required"] as string[]) ?? []).includes("body")) sites.push({ group: "body", steps: [], keyword: "required", schema: input, prop: "", label: "body (missing) required" });
    walk("body", props["body"], []);
  }
  return sites;
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
  return fc.oneof(...Object.entries(candidates).filter(([t]) => !allowed.has(t)).map(([, a]) => a));
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
        const allowed = (s["enum"] as unknown[]).map(String);
        const flipped = allowed.flatMap((v) => [v.toUpperCase(), v.toLowerCase(), v.charAt(0) === v.charAt(0).toUpperCase() ? v.charAt(0).toLowerCase() + v.slice(1) : v.charAt(0).toUpperCase() + v.slice(1)]);
        const other = [...new Set(flipped)].filter((v) => !allowed.includes(v));
        return fc.oneof(...(other.length ? [fc.constantFrom(...other)] : []), safeString(1, 10)).filter((v) => !allowed.includes(v));
      }
      case "minLength":
        return safeString(0, (s["minLength"] as number) - 1);
      case "maxLength":
        return safeString((s["maxLength"] as number) + 1, (s["maxLength"] as number) + 20);
      case "pattern": {
        const re = new RegExp(s["pattern"] as string, "u");
        const max = (s["maxLength"] as number | undefined) ?? 64;
        // Each pattern of ours forbids one of these: `/` (path segments), a lone `*` (DDS name), `=`/`,` misuse (tags).
        const slashed = fc.tuple(safeString(0, 10), safeString(0, 10)).map(([a, b]) => `${a}/${b}`);
        const breakers = fc.constantFrom("*", "=", ",", "a=b=c", ",a=b", "a=b,", "=x");
        return fc.oneof(slashed, breakers).filter((v) => v.length >= ((s["minLength"] as number | undefined) ?? 0) && v.length <= max && !re.test(v));
      }
      case "format":
        return badFormat(s["format"] as string, (s["maxLength"] as number | undefined) ?? 45);
      case "minimum":
        return fc.integer({ min: (s["minimum"] as number) - 1000, max: (s["minimum"] as number) - 1 });
      case "maximum":
        return fc.integer({ min: (s["maximum"] as number) + 1, max: (s["maximum"] as number) + 1000 });
      case "minItems":
        return fc.array(validInput((s["items"] ?? {}) as Schema), { minLength: 0, maxLength: (s["minItems"] as number) - 1 });
      case "maxItems":
        return fc.array(validInput((s["items"] ?? {}) as Schema), { minLength: (s["maxItems"] as number) + 1, maxLength: (s["maxItems"] as number) + 3 });
      case "minProperties":
        return fc.constant({});
      default:
        return undefined;
    }
  })();
  const extraKey = safeString(1, 12).filter((k) => k !== "__proto__" && !(k in ((s["properties"] ?? {}) as Schema)));

  return fc.tuple(base, picks, replacement ?? fc.constant(undefined), extraKey, fc.jsonValue()).map(([valid, ps, bad, key, extraValue]) => {
    const value = structuredClone(valid);
    const at = locate((value as Record<string, unknown>)[site.group], site.steps, ps);
    const groupScope = (p: string) => (site.group === "body" ? p : (site.steps[0] && "prop" in site.steps[0] ? site.steps[0].prop : p));
    switch (site.keyword) {
      case "required": {
        if (site.group === "body" && site.steps.length === 0 && site.prop === "") {
          delete (value as Record<string, unknown>)["body"];
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
