// The one reader of OpenAPI documents in this repository: the generator (scripts/generate*.mjs), the other scripts
// and the tests all load specs, follow local `$ref`s and list operations through this module, so they cannot
// disagree about what a spec says. Types for TypeScript callers are in spec-model.d.mts (hand-written: the
// project's tsconfig checks test/ and src/, not scripts/).
//
// Only local references (`#/…`) exist in our specs; any other `$ref` is an error rather than silently ignored.
import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { SPECS } from "./prism.mjs";

const root = path.resolve(import.meta.dirname, "..");

/** The fields of an OpenAPI 3.1 path item that are operations, in the order operations are listed. */
export const HTTP_METHODS = Object.freeze(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);

/** The project's APIs by name (`apig`, `dds`, `iam`), in the order of `SPECS` in scripts/prism.mjs. */
export const SPEC_NAMES = Object.freeze(Object.keys(SPECS));

const isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** The JSON pointer `#/a/b~1c` as keys (`["a", "b/c"]`), percent-decoding first as URI fragments require. */
function pointerKeys(ref) {
  if (typeof ref !== "string" || !ref.startsWith("#")) throw new Error(`only local refs are supported, got ${String(ref)}`);
  const body = ref.slice(1);
  if (body === "") return [];
  if (!body.startsWith("/")) throw new Error(`not a JSON pointer: ${ref}`);
  return body
    .slice(1)
    .split("/")
    .map((raw) => decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Follows a local JSON pointer (`#/components/schemas/IpDetail`, array indexes allowed) inside `doc`. */
export function resolvePointer(doc, ref) {
  let node = doc;
  for (const key of pointerKeys(ref)) {
    const next = Array.isArray(node) && /^\d+$/.test(key) ? node[Number(key)] : isObj(node) && Object.hasOwn(node, key) ? node[key] : undefined;
    if (next === undefined) throw new Error(`unresolvable ref ${ref}`);
    node = next;
  }
  return node;
}

/** A loaded OpenAPI document: `$ref` resolution and the list of its operations. */
export class SpecModel {
  /**
   * @param {unknown} doc the parsed document (it is read, never changed)
   * @param {string} name how errors name the document: its API name or file
   */
  constructor(doc, name) {
    if (!isObj(doc)) throw new Error(`${name} is not an object`);
    this.doc = doc;
    this.name = name;
  }

  /** Follows a local JSON pointer inside the document. */
  pointer(ref) {
    try {
      return resolvePointer(this.doc, ref);
    } catch (err) {
      throw new Error(`${this.name}: ${err.message}`);
    }
  }

  /** `node` with `$ref`s followed until it is not a reference (parameters, responses, bodies, headers, examples). */
  deref(node) {
    let current = node;
    for (let hops = 0; hops < 20; hops++) {
      if (!isObj(current) || typeof current.$ref !== "string") return current;
      current = this.pointer(current.$ref);
    }
    throw new Error(`${this.name}: $ref chain too long`);
  }

  /** A deep copy of `node` with every `{ $ref }` object replaced by a copy of its target; for non-recursive schemas. */
  inline(node) {
    const walk = (n, refs) => {
      if (Array.isArray(n)) return n.map((x) => walk(x, refs));
      if (!isObj(n)) return n;
      if (typeof n.$ref === "string") {
        if (refs.includes(n.$ref)) throw new Error(`${this.name}: recursive $ref ${[...refs, n.$ref].join(" → ")} cannot be inlined`);
        return walk(this.pointer(n.$ref), [...refs, n.$ref]);
      }
      return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, walk(v, refs)]));
    };
    return walk(node, []);
  }

  /**
   * A deep copy of `node` with every `$ref` string replaced by `rename(ref)`, dropping the entries for which
   * `drop(key, value)` is true. `rename` may itself read the target (to collect it); the copy keeps key order.
   */
  rewriteRefs(node, rename, drop = () => false) {
    const walk = (n) => {
      if (Array.isArray(n)) return n.map(walk);
      if (!isObj(n)) return n;
      const out = {};
      for (const [k, v] of Object.entries(n)) {
        if (drop(k, v)) continue;
        out[k] = k === "$ref" && typeof v === "string" ? rename(v) : walk(v);
      }
      return out;
    };
    return walk(node);
  }

  /**
   * Every operation, in document order (paths, then `HTTP_METHODS` order), with its references resolved:
   * parameters are the path item's merged with the operation's (the operation's win, per `in` and `name`).
   */
  operations() {
    const result = [];
    const paths = this.doc.paths;
    if (!isObj(paths)) throw new Error(`${this.name}: paths is not an object`);
    for (const [route, rawItem] of Object.entries(paths)) {
      const item = this.deref(rawItem);
      if (!isObj(item)) throw new Error(`${this.name}: path item ${route} is not an object`);
      const shared = Array.isArray(item.parameters) ? item.parameters : [];
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!isObj(op)) continue;
        const where = `${this.name}: ${method.toUpperCase()} ${route}`;
        const byKey = new Map();
        for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
          const p = this.deref(raw);
          if (!isObj(p)) throw new Error(`${where}: a parameter is not an object`);
          byKey.set(`${String(p.in)}:${String(p.name)}`, p);
        }
        const requestBody = op.requestBody === undefined ? undefined : this.deref(op.requestBody);
        if (requestBody !== undefined && !isObj(requestBody)) throw new Error(`${where}: requestBody is not an object`);
        const responses = {};
        for (const [status, raw] of Object.entries(isObj(op.responses) ? op.responses : {})) {
          const response = this.deref(raw);
          if (!isObj(response)) throw new Error(`${where}: response ${status} is not an object`);
          responses[status] = response;
        }
        const extensions = Object.fromEntries(Object.entries(op).filter(([k]) => k.startsWith("x-")));
        result.push({
          method: method.toUpperCase(),
          path: route,
          operationId: typeof op.operationId === "string" ? op.operationId : undefined,
          op,
          parameters: [...byKey.values()],
          requestBody,
          responses,
          extensions,
        });
      }
    }
    return result;
  }

  /** The operation with this operationId; throws when there is none. */
  operation(operationId) {
    const found = this.operations().find((o) => o.operationId === operationId);
    if (!found) throw new Error(`${this.name}: no operation ${operationId}`);
    return found;
  }
}

/**
 * Parses a spec file (YAML or JSON; relative paths from the repository root) into a model. Errors name it `name`,
 * by default the file relative to the repository (absolute when outside it).
 */
export function loadSpecFile(file, name = undefined) {
  const absolute = path.resolve(root, file);
  const relative = path.relative(root, absolute);
  name ??= relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
  let doc;
  try {
    doc = YAML.parse(readFileSync(absolute, "utf8"));
  } catch (err) {
    throw new Error(`cannot read ${name}: ${err.message}`);
  }
  return new SpecModel(doc, name);
}

/** The project's spec of one API (`openapi/<name>.yaml` as listed in `SPECS`), named by its API name. */
export function loadProjectSpec(name) {
  const file = SPECS[name];
  if (!file) throw new Error(`no spec named ${name} (known: ${SPEC_NAMES.join(", ")})`);
  return new SpecModel(loadSpecFile(file).doc, name);
}

/**
 * An operation's inputs as the generated validator sees them: `{ path, query, body }`, each group closed, with the
 * body's application/json schema. `$ref`s are kept; `inline` or `rewriteRefs` the result as the caller needs.
 */
export function operationInputSchema(operation) {
  const group = (where) => {
    const ps = operation.parameters.filter((p) => p.in === where);
    return {
      type: "object",
      properties: Object.fromEntries(ps.map((p) => [p.name, p.schema ?? {}])),
      required: ps.filter((p) => p.required === true).map((p) => p.name),
      additionalProperties: false,
    };
  };
  const input = { type: "object", properties: { path: group("path"), query: group("query") }, required: ["path"] };
  const body = operation.requestBody;
  if (body) {
    const schema = isObj(body.content) && isObj(body.content["application/json"]) ? body.content["application/json"].schema : undefined;
    if (schema === undefined)
      throw new Error(`${operation.method} ${operation.path} (${operation.operationId}): the request body needs an application/json schema`);
    input.properties.body = schema;
    if (body.required === true) input.required.push("body");
  }
  return input;
}

/**
 * The operation's `x-hwc-retry` (described in each spec's info): whether repeating it is harmless and which error
 * codes mean "busy, refused, try again". Missing or malformed facts are an error, so nobody adds an operation
 * without deciding whether it is safe to repeat.
 */
export function retryFacts(operation, where = `${operation.method} ${operation.path} (${operation.operationId})`) {
  const retry = operation.extensions["x-hwc-retry"];
  if (
    !isObj(retry) ||
    typeof retry.safeToRepeat !== "boolean" ||
    !Array.isArray(retry.busyErrorCodes) ||
    !retry.busyErrorCodes.every((c) => typeof c === "string")
  ) {
    throw new Error(`${where}: needs x-hwc-retry: { safeToRepeat: true|false, busyErrorCodes: [string…] }`);
  }
  const extra = Object.keys(retry).filter((k) => k !== "safeToRepeat" && k !== "busyErrorCodes");
  if (extra.length) throw new Error(`${where}: x-hwc-retry has unknown keys ${extra.join(", ")}`);
  return { safeToRepeat: retry.safeToRepeat, busyErrorCodes: [...retry.busyErrorCodes] };
}
