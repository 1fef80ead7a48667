/**
 * Fault injection: latency, server errors, 429 bursts, connection resets and (for contract tests) corrupted
 * answers. Faults apply to API routes only, never to `/__emulator/` admin routes.
 */
import type { ServiceName } from "./errors.js";
import { OPERATION_IDS, type OperationId, type RouteMatch } from "./routes.js";

/** Faults to inject. Every part is optional; `emu.setFaults()` replaces the whole configuration. */
export interface FaultOptions {
  /** Delay before answering each matching request: `ms` plus a uniform random 0…`jitterMs`, in milliseconds. */
  latency?: { ms: number; jitterMs?: number };
  /**
   * Answer a fraction `rate` (0–1) of matching requests with a server error, picking uniformly among
   * `statuses` (any of 500, 502, 503, 504). @default statuses [500, 503]
   */
  errors?: { rate: number; statuses?: readonly number[] };
  /** Answer the next `count` matching requests with 429 `APIGW.0308`, with a `Retry-After` of `retryAfterSec` seconds when given. */
  throttle?: { count: number; retryAfterSec?: number };
  /** Destroy the connection without an answer for the next `count` matching requests, and/or a fraction `rate` (0–1). */
  resets?: { count?: number; rate?: number };
  /**
   * Test hook: make the next `count` successful answers (of `operation`, if given) break their spec, e.g. an
   * invalid `status` enum in ShowInstance, a missing `job_id`. For proving that a contract check catches it.
   */
  corrupt?: { count: number; operation?: OperationId };
  /** Restrict all faults to these `services` and/or `operations` (ids as in the specs). @default every API request */
  only?: { services?: readonly ServiceName[]; operations?: readonly OperationId[] };
  /** Seed of the PRNG behind `rate`s and jitter, for reproducible runs. @default unseeded (Math.random) */
  seed?: number;
}

/** What to do with one request before it is handled. */
export type FaultDecision = { kind: "none" } | { kind: "reset" } | { kind: "throttle"; retryAfterSec: number | undefined } | { kind: "error"; status: number };

const ERROR_STATUSES = [500, 502, 503, 504];
const SERVICES: readonly ServiceName[] = ["apig", "dds", "iam", "metadata"];
const KNOWN_KEYS = ["latency", "errors", "throttle", "resets", "corrupt", "only", "seed"];

/** mulberry32: a small, fast, seedable PRNG giving floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Obj = Record<string, unknown>;

/**
 * Checks fault options (for example a JSON body of `POST /__emulator/faults`) and returns a copy.
 * @throws TypeError listing every problem, e.g. `faults.errors.rate must be a number from 0 to 1`.
 */
export function validateFaults(value: unknown): FaultOptions {
  const issues: string[] = [];
  const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
  const num = (v: unknown, path: string, min: number, max: number, integer: boolean): void => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      issues.push(`${path} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}`);
    }
  };
  const part = (key: string, known: readonly string[], required: readonly string[]): Obj | undefined => {
    const v = (value as Obj)[key];
    if (v === undefined) return undefined;
    if (!isObj(v)) {
      issues.push(`faults.${key} must be an object`);
      return undefined;
    }
    for (const k of Object.keys(v)) if (!known.includes(k)) issues.push(`faults.${key}.${k} is not a known option`);
    for (const k of required) if (v[k] === undefined) issues.push(`faults.${key}.${k} is required`);
    return v;
  };
  if (!isObj(value)) throw new TypeError("faults must be an object");
  for (const k of Object.keys(value)) if (!KNOWN_KEYS.includes(k)) issues.push(`faults.${k} is not a known option (${KNOWN_KEYS.join(", ")})`);

  const latency = part("latency", ["ms", "jitterMs"], ["ms"]);
  if (latency) {
    if (latency.ms !== undefined) num(latency.ms, "faults.latency.ms", 0, 600_000, true);
    if (latency.jitterMs !== undefined) num(latency.jitterMs, "faults.latency.jitterMs", 0, 600_000, true);
  }
  const errors = part("errors", ["rate", "statuses"], ["rate"]);
  if (errors) {
    if (errors.rate !== undefined) num(errors.rate, "faults.errors.rate", 0, 1, false);
    if (errors.statuses !== undefined) {
      const s = errors.statuses;
      if (!Array.isArray(s) || s.length === 0 || s.some((x) => !ERROR_STATUSES.includes(x as number))) {
        issues.push(`faults.errors.statuses must be a non-empty array of ${ERROR_STATUSES.join(", ")}`);
      }
    }
  }
  const throttle = part("throttle", ["count", "retryAfterSec"], ["count"]);
  if (throttle) {
    if (throttle.count !== undefined) num(throttle.count, "faults.throttle.count", 0, 1_000_000, true);
    if (throttle.retryAfterSec !== undefined) num(throttle.retryAfterSec, "faults.throttle.retryAfterSec", 0, 86_400, true);
  }
  const resets = part("resets", ["count", "rate"], []);
  if (resets) {
    if (resets.count !== undefined) num(resets.count, "faults.resets.count", 0, 1_000_000, true);
    if (resets.rate !== undefined) num(resets.rate, "faults.resets.rate", 0, 1, false);
  }
  const corrupt = part("corrupt", ["count", "operation"], ["count"]);
  if (corrupt) {
    if (corrupt.count !== undefined) num(corrupt.count, "faults.corrupt.count", 0, 1_000_000, true);
    if (corrupt.operation !== undefined && !OPERATION_IDS.includes(corrupt.operation as OperationId)) {
      issues.push(`faults.corrupt.operation must be one of ${OPERATION_IDS.join(", ")}`);
    }
  }
  const only = part("only", ["services", "operations"], []);
  if (only) {
    const list = (v: unknown, path: string, allowed: readonly string[]) => {
      if (v !== undefined && (!Array.isArray(v) || v.some((x) => !allowed.includes(x as string))))
        issues.push(`${path} must be an array of ${allowed.join(", ")}`);
    };
    list(only.services, "faults.only.services", SERVICES);
    list(only.operations, "faults.only.operations", OPERATION_IDS);
  }
  if (value.seed !== undefined) num(value.seed, "faults.seed", 0, 2 ** 32 - 1, true);
  if (issues.length) throw new TypeError(issues.join("; "));
  return structuredClone(value) as FaultOptions;
}

/** Holds the current fault configuration and decides, request by request, which fault (if any) applies. */
export class FaultInjector {
  #config: FaultOptions = {};
  #random: () => number = Math.random;

  constructor(options: FaultOptions = {}) {
    this.set(options);
  }

  /** Replaces the configuration (validated; counts start afresh; the PRNG is re-seeded). */
  set(options: FaultOptions): void {
    this.#config = validateFaults(options);
    this.#random = this.#config.seed !== undefined ? seededRandom(this.#config.seed) : Math.random;
  }

  /** The configuration with the counts that remain. */
  get current(): FaultOptions {
    return structuredClone(this.#config);
  }

  #applies(route: RouteMatch): boolean {
    const only = this.#config.only;
    if (!only) return true;
    if (only.services && !only.services.includes(route.service)) return false;
    if (only.operations && !only.operations.includes(route.operation)) return false;
    return true;
  }

  /** Delay to add before answering, in ms (0 when none). */
  latencyMs(route: RouteMatch): number {
    const latency = this.#config.latency;
    if (!latency || !this.#applies(route)) return 0;
    const jitter = latency.jitterMs ? Math.floor(this.#random() * (latency.jitterMs + 1)) : 0;
    return latency.ms + jitter;
  }

  /** Picks the fault for this request, consuming counts: resets first, then throttling, then server errors. */
  decide(route: RouteMatch): FaultDecision {
    const c = this.#config;
    if (!this.#applies(route)) return { kind: "none" };
    if (c.resets?.count) {
      c.resets.count--;
      return { kind: "reset" };
    }
    if (c.resets?.rate && this.#random() < c.resets.rate) return { kind: "reset" };
    if (c.throttle?.count) {
      c.throttle.count--;
      return { kind: "throttle", retryAfterSec: c.throttle.retryAfterSec };
    }
    if (c.errors?.rate && this.#random() < c.errors.rate) {
      const statuses = c.errors.statuses ?? [500, 503];
      const status = statuses[Math.floor(this.#random() * statuses.length)] ?? 500;
      return { kind: "error", status };
    }
    return { kind: "none" };
  }

  /** True (and one count used) when this successful answer should be corrupted. */
  takeCorruption(route: RouteMatch): boolean {
    const corrupt = this.#config.corrupt;
    if (!corrupt?.count || !this.#applies(route)) return false;
    if (corrupt.operation !== undefined && corrupt.operation !== route.operation) return false;
    corrupt.count--;
    return true;
  }
}
