/**
 * Admin routes under `/__emulator/` (no authentication, no faults; the emulator binds to loopback by default):
 *
 * - `GET  /__emulator/health`  → 200 `{ok: true}`
 * - `GET  /__emulator/state`   → 200 the state without passwords, secret keys or tokens, plus the current faults
 * - `POST /__emulator/reset`   → 200 state; back to the seed (or to the seed given as `{"seed": {...}}`),
 *   pending jobs cancelled, faults back to the start options; issued tokens stay valid
 * - `GET  /__emulator/faults`  → 200 the fault configuration with the counts that remain
 * - `POST /__emulator/faults`  → 200 new configuration; the body (a `FaultOptions` object) replaces it;
 *   400 `EMU.0400` listing every problem
 *
 * Errors are `{error_code: "EMU.xxxx", error_msg}`.
 */
import type { FaultInjector, FaultOptions } from "./faults.js";
import type { Answer } from "./http.js";
import type { Seed } from "./seed.js";
import { SeedError } from "./seed-checker.js";
import { parseSeed } from "./seed-parse.js";

/** What the admin routes act on. */
export interface AdminTarget {
  snapshot(): unknown;
  reset(seed?: Seed): void;
  readonly faults: FaultInjector;
}

/** Path prefix of every admin route. */
export const ADMIN_PREFIX = "/__emulator/";

function adminError(status: number, code: string, message: string): Answer {
  return { status, body: { error_code: code, error_msg: message } };
}

/** Handles one admin request. `body` is the parsed JSON (`undefined` if empty, an `Error` if malformed). */
export function handleAdmin(method: string, pathname: string, body: unknown, target: AdminTarget): Answer {
  const route = `${method} ${pathname.replace(/\/+$/, "")}`;
  if (body instanceof Error) return adminError(400, "EMU.0400", `the body is not valid JSON: ${body.message}`);
  switch (route) {
    case "GET /__emulator/health":
      return { status: 200, body: { ok: true } };
    case "GET /__emulator/state":
      return { status: 200, body: { ...(target.snapshot() as object), faults: target.faults.current } };
    case "POST /__emulator/reset": {
      let seed: Seed | undefined;
      if (body !== undefined) {
        const o = body as { seed?: unknown };
        if (typeof o !== "object" || o === null || Array.isArray(o)) return adminError(400, "EMU.0400", 'the body must be empty or {"seed": {...}}');
        try {
          if (o.seed !== undefined) seed = parseSeed(o.seed, "seed");
        } catch (err) {
          if (err instanceof SeedError) return adminError(400, "EMU.0400", err.message);
          throw err;
        }
      }
      target.reset(seed);
      return { status: 200, body: target.snapshot() };
    }
    case "GET /__emulator/faults":
      return { status: 200, body: target.faults.current };
    case "POST /__emulator/faults":
    case "PUT /__emulator/faults":
      try {
        target.faults.set((body ?? {}) as FaultOptions);
      } catch (err) {
        return adminError(400, "EMU.0400", (err as Error).message);
      }
      return { status: 200, body: target.faults.current };
    default:
      return adminError(404, "EMU.0404", `no admin route ${route}; see GET /__emulator/state, POST /__emulator/reset, GET|POST /__emulator/faults`);
  }
}
