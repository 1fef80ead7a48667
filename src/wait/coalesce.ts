/**
 * Keyed single-flight for status polls: many concurrent waits on the same resource share one request.
 *
 * How 1 000 waits on one key end up making one request per interval:
 *
 * 1. **Join while in flight.** `poll(key, fn)` starts `fn` only if no request for `key` is running; otherwise the
 *    caller joins the running one. Callers that wake at the same moment therefore share a request.
 * 2. **Line up the wake-ups** (`slotMs`). Waits started at slightly different times would otherwise poll at
 *    slightly different times forever. `nextSlot(key, delayMs)` rounds each wait's next wake-up to a grid
 *    `anchor + k · slotMs`, where `anchor` is when the key's first request started. Pass it to the waiter as
 *    `alignDelay: (d) => coalescer.nextSlot(key, d)`. After one sleep every wait on the key wakes at the same grid
 *    points, so step 1 makes it a single request. A caller may wake up to a quarter of its delay early (so a
 *    slow poll does not push everyone a whole slot later) and at most one slot late.
 * 3. **Reuse a fresh result** (`maxAgeMs`). A settled outcome (value or error) is handed to callers arriving
 *    within `maxAgeMs` of the request's start. This covers the first, unaligned poll of waits that start at
 *    different times, and callers whose timers fire one after another in the same instant after the request has
 *    already settled. Call `invalidate(key)` after changing the resource so no stale answer is reused.
 *
 * With `slotMs` = the waiters' fixed interval and `maxAgeMs` ≥ the spread of their start times, a key gets exactly
 * one request per interval (provided a poll takes less than a quarter of the interval). Keys are independent.
 *
 * Abort: a caller's signal rejects only that caller, at once. The shared request's own signal is aborted only
 * when every caller that joined it has aborted (a caller without a signal keeps it alive).
 *
 * Memory: a key's state lives while a request runs and then for `max(maxAgeMs, slotMs)` after its last use (or
 * until the slot it handed out); expired keys are dropped lazily on later calls. No background timers are used,
 * so an idle coalescer never keeps a process alive.
 */
import { ValidationError } from "../errors.js";
import { abortErrorFrom } from "../internal/sleep.js";

/** Options of {@link createPollCoalescer}. All durations are in milliseconds. */
export interface PollCoalescerOptions {
  /** Reuse a settled outcome for callers arriving less than this long after its request started, in ms (≥ 0). @default 0 (no reuse) */
  maxAgeMs?: number | undefined;
  /** Grid spacing `nextSlot` rounds wake-ups to, in ms (≥ 0); typically the waiters' poll interval. @default 0 (no alignment) */
  slotMs?: number | undefined;
  /** Clock in ms since an epoch. @default Date.now */
  now?: (() => number) | undefined;
}

/** A keyed single-flight for polls; see {@link createPollCoalescer}. */
export interface PollCoalescer<O> {
  /**
   * Runs `fn` for `key`, or joins the request already running for `key`, or returns the outcome of one that
   * started less than `maxAgeMs` ago. `fn` gets the shared request's signal, which aborts only when every joined
   * caller has aborted.
   * @param signal Rejects this caller alone with `AbortError`, at once.
   */
  poll(key: string, fn: (signal: AbortSignal) => Promise<O>, signal?: AbortSignal): Promise<O>;
  /**
   * The delay to sleep instead of `delayMs` so that the wake-up lands on `key`'s slot grid (see the module
   * comment), in ms. Returns `delayMs` unchanged when `slotMs` is 0 or `key` has no request yet.
   */
  nextSlot(key: string, delayMs: number): number;
  /** Forgets `key`'s cached outcome, and lets later callers start a fresh request instead of joining a running one. */
  invalidate(key: string): void;
  /** Number of keys currently tracked (running, cached or scheduled); for tests and metrics. */
  readonly size: number;
}

interface Flight<O> {
  readonly promise: Promise<O>;
  readonly controller: AbortController;
  readonly startedAt: number;
  /** Callers still waiting that could abort; a caller without a signal pins the request. */
  abortable: number;
  pinned: boolean;
}

type Settled<O> = { ok: true; value: O; startedAt: number } | { ok: false; error: unknown; startedAt: number };

interface KeyState<O> {
  /** When the key's first request started: the origin of its slot grid. */
  readonly anchor: number;
  /** The state may be dropped after this time unless a request is running. */
  keepUntil: number;
  flight: Flight<O> | undefined;
  settled: Settled<O> | undefined;
}

/**
 * Creates a keyed single-flight for polls. See the module comment for how concurrent waits converge to one
 * request per interval.
 * @throws {ValidationError} `maxAgeMs` or `slotMs` is negative or not finite.
 */
export function createPollCoalescer<O>(options: PollCoalescerOptions = {}): PollCoalescer<O> {
  const maxAgeMs = options.maxAgeMs ?? 0;
  const slotMs = options.slotMs ?? 0;
  for (const [name, value] of [["maxAgeMs", maxAgeMs], ["slotMs", slotMs]] as const) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new ValidationError([{ path: name, keyword: "minimum", message: `must be a finite number ≥ 0, got ${String(value)}` }], "createPollCoalescer");
    }
  }
  const now = options.now ?? Date.now;
  const retainMs = Math.max(maxAgeMs, slotMs);
  const states = new Map<string, KeyState<O>>();

  const touch = (key: string, state: KeyState<O>, keepUntil: number): void => {
    state.keepUntil = Math.max(state.keepUntil, keepUntil);
    states.set(key, state);
  };

  const sweep = (t: number): void => {
    for (const [key, state] of states) if (!state.flight && state.keepUntil <= t) states.delete(key);
  };

  const start = (key: string, fn: (signal: AbortSignal) => Promise<O>, t: number): Flight<O> => {
    const controller = new AbortController();
    let promise: Promise<O>;
    try {
      promise = Promise.resolve(fn(controller.signal));
    } catch (error) {
      promise = Promise.reject(error);
    }
    const flight: Flight<O> = { promise, controller, startedAt: t, abortable: 0, pinned: false };
    const state = states.get(key) ?? { anchor: t, keepUntil: t, flight: undefined, settled: undefined };
    state.flight = flight;
    touch(key, state, t + retainMs);
    // Registered before any caller's handlers, so the entry is cleared before callers resume.
    promise.then(
      (value) => settle(key, flight, { ok: true, value, startedAt: t }),
      (error: unknown) => settle(key, flight, { ok: false, error, startedAt: t }),
    );
    return flight;
  };

  const settle = (key: string, flight: Flight<O>, outcome: Settled<O>): void => {
    const state = states.get(key);
    if (!state || state.flight !== flight) return; // detached by invalidate() or by every caller aborting
    state.flight = undefined;
    if (maxAgeMs > 0 && !flight.controller.signal.aborted) state.settled = outcome;
    state.keepUntil = Math.max(state.keepUntil, now() + retainMs);
  };

  const detach = (key: string, flight: Flight<O>): void => {
    const state = states.get(key);
    if (state?.flight === flight) state.flight = undefined;
  };

  const join = (key: string, flight: Flight<O>, signal: AbortSignal | undefined): Promise<O> => {
    if (!signal) {
      flight.pinned = true;
      return flight.promise;
    }
    flight.abortable += 1;
    return new Promise<O>((resolve, reject) => {
      let done = false;
      const finish = (): boolean => {
        if (done) return false;
        done = true;
        signal.removeEventListener("abort", onAbort);
        flight.abortable -= 1;
        return true;
      };
      const onAbort = (): void => {
        if (!finish()) return;
        reject(abortErrorFrom(signal, "the poll"));
        if (flight.abortable === 0 && !flight.pinned) {
          detach(key, flight);
          flight.controller.abort(signal.reason);
        }
      };
      signal.addEventListener("abort", onAbort, { once: true });
      flight.promise.then(
        (value) => {
          if (finish()) resolve(value);
        },
        (error: unknown) => {
          if (finish()) reject(error);
        },
      );
    });
  };

  return {
    poll(key, fn, signal) {
      if (signal?.aborted) return Promise.reject(abortErrorFrom(signal, "the poll"));
      const t = now();
      sweep(t);
      const state = states.get(key);
      const settled = state?.settled;
      if (state && settled && t - settled.startedAt < maxAgeMs) {
        touch(key, state, t + retainMs);
        return settled.ok ? Promise.resolve(settled.value) : Promise.reject(settled.error);
      }
      if (state) state.settled = undefined;
      let flight = state?.flight;
      if (state && flight) touch(key, state, t + retainMs);
      else flight = start(key, fn, t);
      return join(key, flight, signal);
    },

    nextSlot(key, delayMs) {
      const delay = delayMs > 0 && Number.isFinite(delayMs) ? delayMs : 0;
      if (slotMs <= 0) return delay;
      const t = now();
      sweep(t);
      const state = states.get(key);
      if (!state) return delay;
      // Earliest grid point no earlier than a quarter of the delay before the wanted wake-up.
      const earliest = t + delay - Math.min(slotMs, delay) / 4;
      const k = Math.max(0, Math.ceil((earliest - state.anchor) / slotMs));
      const slot = state.anchor + k * slotMs;
      touch(key, state, slot + retainMs);
      return Math.max(0, slot - t);
    },

    invalidate(key) {
      const state = states.get(key);
      if (!state) return;
      state.settled = undefined;
      state.flight = undefined;
    },

    get size() {
      sweep(now());
      return states.size;
    },
  };
}

/**
 * Per-client poll sharing: one {@link PollCoalescer} per slot size (the waits' `minDelayMs`), so waits with the
 * same options on one resource line up on one grid and share each request.
 *
 * Why `minDelayMs` and not `maxDelayMs` as the slot: a slot of `maxDelayMs` (30 s by default) would push even the
 * first, short backoff delays up to 30 s. With `minDelayMs` the backoff keeps its shape (each delay is rounded to
 * a multiple of it) while a resource still gets at most one request per `minDelayMs`, however many waits watch
 * it. With a fixed interval (`minDelayMs === maxDelayMs`) the two coincide: N waits, one request per interval.
 */
export interface PollSharing<O> {
  /** Runs or joins the poll of `key` on the `slotMs` grid. */
  poll(key: string, slotMs: number, fn: (signal: AbortSignal) => Promise<O>, signal: AbortSignal): Promise<O>;
  /** The sleep that lands the next wake-up on `key`'s grid (see `PollCoalescer.nextSlot`), in ms. */
  nextSlot(key: string, slotMs: number, delayMs: number): number;
  /** Drops every cached answer of `key`, after a change to the resource, so no wait sees a pre-change answer. */
  invalidate(key: string): void;
}

/** Distinct slot sizes kept per client; beyond this, idle coalescers are dropped (they hold no timers). */
const MAX_COALESCERS = 16;

/** Creates the poll sharing of one client. It holds no timers, so an idle client never keeps a process alive. */
export function createPollSharing<O>(): PollSharing<O> {
  const bySlot = new Map<number, PollCoalescer<O>>();
  const coalescer = (slotMs: number): PollCoalescer<O> => {
    let c = bySlot.get(slotMs);
    if (!c) {
      if (bySlot.size >= MAX_COALESCERS) for (const [slot, other] of bySlot) if (other.size === 0) bySlot.delete(slot);
      // A settled answer is reused for half a slot: long enough for every wait woken at the same grid point,
      // too short to hand an answer to the next grid point.
      c = createPollCoalescer<O>({ slotMs, maxAgeMs: slotMs / 2 });
      bySlot.set(slotMs, c);
    }
    return c;
  };
  return {
    poll: (key, slotMs, fn, signal) => coalescer(slotMs).poll(key, fn, signal),
    nextSlot: (key, slotMs, delayMs) => coalescer(slotMs).nextSlot(key, delayMs),
    invalidate: (key) => bySlot.forEach((c) => c.invalidate(key)),
  };
}
