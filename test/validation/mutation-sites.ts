/**
 * `mutationSites(schema)` walks an operation's input schema (see schema-inputs.ts) and lists every (site, keyword)
 * that can be broken on its own: type, enum, minLength, maxLength, pattern, format (also inside if/then/else),
 * minimum, maximum, minItems, maxItems, required, additionalProperties (where closed) and minProperties.
 */
import { branches, isObj, typeOf, withoutConditional, type Group, type Schema, type Step } from "./schema-inputs.js";

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

function stepsLabel(steps: Step[]): string {
  let out = "";
  for (const s of steps) out += "item" in s ? "[]" : out ? `.${s.prop}` : s.prop;
  return out;
}

/** Every (site, keyword) of the input schema that a single mutation can break. */
export function mutationSites(input: Schema): Site[] {
  const sites: Site[] = [];
  const props = input.properties as Record<string, Schema>;
  const add = (group: Group, steps: Step[], keyword: Keyword, schema: Schema, extra: Partial<Site> = {}, note = "") => {
    const where = stepsLabel([...steps, ...(extra.prop ? [{ prop: extra.prop }] : [])]);
    sites.push({ group, steps, keyword, schema, ...extra, label: `${group}${where ? ` ${where}` : ""} ${keyword}${note}` });
  };

  const walk = (group: Group, s: Schema, steps: Step[]) => {
    if (isObj(s.if)) {
      // The base keywords once, then what each branch adds: a format tied to the branch's constants.
      walk(group, withoutConditional(s), steps);
      for (const { schema: b, branch } of branches(s)) {
        const bProps = (b.properties ?? {}) as Record<string, Schema>;
        const consts = Object.fromEntries(
          Object.entries(bProps)
            .filter(([, p]) => p.const !== undefined)
            .map(([k, p]) => [k, p.const]),
        );
        for (const [name, p] of Object.entries(bProps)) {
          if (typeof p.format === "string") {
            const when = Object.entries(consts)
              .map(([k, v]) => `${k} = ${String(v)}`)
              .join(", ");
            add(group, steps, "format", p, { prop: name, consts }, ` ${String(p.format)} (${branch}: ${when})`);
          }
        }
      }
      return;
    }
    const type = typeOf(s);
    if (type) add(group, steps, "type", s);
    if (Array.isArray(s.enum)) add(group, steps, "enum", s);
    if (type === "string") {
      if (((s.minLength as number | undefined) ?? 0) > 0) add(group, steps, "minLength", s);
      if (typeof s.maxLength === "number") add(group, steps, "maxLength", s);
      if (typeof s.pattern === "string") add(group, steps, "pattern", s);
      if (s.format === "ipv4" || s.format === "ipv6") add(group, steps, "format", s);
    }
    if (type === "integer") {
      if (typeof s.minimum === "number") add(group, steps, "minimum", s);
      if (typeof s.maximum === "number") add(group, steps, "maximum", s);
    }
    if (type === "array") {
      if (((s.minItems as number | undefined) ?? 0) > 0) add(group, steps, "minItems", s);
      if (typeof s.maxItems === "number") add(group, steps, "maxItems", s);
      walk(group, (s.items ?? {}) as Schema, [...steps, { item: true }]);
    }
    if (type === "object") {
      for (const r of (s.required as string[] | undefined) ?? []) add(group, steps, "required", s, { prop: r });
      if (s.additionalProperties === false) add(group, steps, "additionalProperties", s);
      if (typeof s.minProperties === "number" && s.minProperties > 0) add(group, steps, "minProperties", s);
      for (const [name, p] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) walk(group, p, [...steps, { prop: name }]);
    }
  };

  for (const group of ["path", "query"] as const) {
    const g = props[group] as Schema;
    // The SDK builds these objects itself from positional arguments and options: only their values are inputs.
    for (const [name, p] of Object.entries((g.properties ?? {}) as Record<string, Schema>)) {
      if (((g.required as string[]) ?? []).includes(name)) add(group, [], "required", g, { prop: name });
      walk(group, p, [{ prop: name }]);
    }
    if (group === "query" && g.additionalProperties === false && Object.keys((g.properties ?? {}) as Schema).length > 0) {
      add(group, [], "additionalProperties", g);
    }
  }
  if (props.body) {
    if (((input.required as string[]) ?? []).includes("body"))
      sites.push({ group: "body", steps: [], keyword: "required", schema: input, prop: "", label: "body (missing) required" });
    walk("body", props.body, []);
  }
  return sites;
}
