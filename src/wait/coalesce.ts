/**
 * Keyed single-flight for status polls, so that 1 000 waits on one resource make one request per interval:
 * 1. **Join while in flight.** `poll(key, fn)` starts `fn` only if no request for `key` is running, else joins it.
 * 2. **Line up the wake-ups** (`slotMs`). `nextSlot(key, delayMs)` (the waiter's `alignDelay`) hands out the
 *    key's planned wake-ups, kept at least `slotMs` apart, so step 1 makes each one request. A wait joins the
 *    latest one at most a quarter of its delay early; else it gets its own, exactly when wanted (a schedule that
 *    grows keeps its shape) unless that is less than `slotMs` after the previous wake-up or the latest request, or
 *    before the next wake-up: then it joins the previous planned one (earlier: a poll more for this wait, never a
 *    late one), or, with none planned before it, takes the first free time or the next one. With delays of at
 *    least `slotMs` a wait so wakes less than one slot late, and only when no wake-up is planned before it.
 *    Delays up to `slotMs` snap back to the grid `anchor + k · slotMs` (`anchor`: the key's first request) when
 *    a grid point is in the early quarter: a slow poll must not push every later wake-up back.
 * 3. **Reuse a fresh result** (`maxAgeMs`). A settled outcome (value or error) is handed to callers arriving within
 *    `maxAgeMs` of its request's start: this covers the first, unaligned poll of waits started at different times.
 *    `invalidate(key)` after changing the resource, so no stale answer is reused.
 *
 * A caller's signal rejects only that caller, at once; the shared request is aborted only when every caller that
 * joined it has aborted (a caller without a signal keeps it alive). A key lives while its request runs, then for
 * `max(maxAgeMs, slotMs)` after its last use; expired keys are dropped lazily. No background timers, so an idle
 * coalescer never keeps a process alive.
 */
import { collectIssues } from "../errors.js";
import { abortErrorFrom, abortable } from "../internal/sleep.js";

/** Options of {@link createPollCoalescer}, in milliseconds. */
export interface PollCoalescerOptions {
  /** Reuse a settled outcome for callers arriving less than this long after its request started, in ms (≥ 0). @default 0 */
  maxAgeMs?: number | undefined;
  /** Grid spacing `nextSlot` rounds wake-ups to, in ms (≥ 0); typically the poll interval. @default 0 (no alignment) */
  slotMs?: number | undefined;
  /** Clock in ms since an epoch. @default Date.now */
  now?: (() => number) | undefined;
}

/** A keyed single-flight for polls; see {@link createPollCoalescer}. */
export interface PollCoalescer<O> {
  /**
   * Runs `fn` for `key`, joins the request already running for it, or returns the outcome of one started less than
   * `maxAgeMs` ago. `fn` gets the shared request's signal; `signal` rejects this caller alone, at once.
   */
  poll(key: string, fn: (signal: AbortSignal) => Promise<O>, signal?: AbortSignal): Promise<O>;
  /** The sleep, in ms, that lands a wake-up wanted in `delayMs` on one of `key`'s planned wake-ups; `delayMs` without a slot or request yet. */
  nextSlot(key: string, delayMs: number): number;
  /** Forgets `key`'s cached outcome, and lets later callers start a fresh request instead of joining a running one. */
  invalidate(key: string): void;
  /** Number of keys tracked (running, cached or scheduled); for tests and metrics. */
  readonly size: number;
}

interface Flight<O> {
  readonly promise: Promise<O>;
  readonly controller: AbortController;
  /** Callers that have not aborted; Infinity once a caller without a signal (which cannot abort) joined. */
  holders: number;
}

interface KeyState<O> {
  /** When the key's first request started (the origin of its slot grid); dropped after `keepUntil` when idle. */
  readonly anchor: number;
  /** When the latest request started: no wake-up is planned less than `slotMs` after it. */
  lastStart: number;
  /** Wake-ups handed out by `nextSlot`, ascending, the past ones only while within `slotMs` (for the spacing). */
  wakes: number[];
  keepUntil: number;
  flight: Flight<O> | undefined;
  settled: { startedAt: number; outcome: Promise<O> } | undefined;
}

/** The last element of an ascending list that satisfies `test`. */
function latest(list: readonly number[], test: (x: number) => boolean): number | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i] as number)) return list[i];
  return undefined;
}

/**
 * Creates a keyed single-flight for polls (see the module comment).
 * @throws {ValidationError} `maxAgeMs` or `slotMs` is negative or not finite.
 */
export function createPollCoalescer<O>(options: PollCoalescerOptions = {}): PollCoalescer<O> {
  const [maxAgeMs, slotMs, now] = [options.maxAgeMs ?? 0, options.slotMs ?? 0, options.now ?? Date.now];
  const { add, done } = collectIssues("createPollCoalescer");
  for (const [name, value] of [
    ["maxAgeMs", maxAgeMs],
    ["slotMs", slotMs],
  ] as const) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) add(name, "minimum", `must be a finite number ≥ 0, got ${String(value)}`);
  }
  done();
  const retainMs = Math.max(maxAgeMs, slotMs);
  const states = new Map<string, KeyState<O>>();
  const touch = (key: string, state: KeyState<O>, keepUntil: number): void => {
    state.keepUntil = Math.max(state.keepUntil, keepUntil);
    states.set(key, state);
  };
  const sweep = (t: number): void => {
    for (const [key, s] of states) if (!s.flight && s.keepUntil <= t) states.delete(key);
  };

  const start = (key: string, state: KeyState<O>, fn: (signal: AbortSignal) => Promise<O>, t: number): Flight<O> => {
    const controller = new AbortController();
    const promise = new Promise<O>((resolve) => resolve(fn(controller.signal)));
    const flight: Flight<O> = { promise, controller, holders: 0 };
    state.flight = flight;
    state.lastStart = t;
    touch(key, state, t + retainMs);
    // Registered before any caller's handlers, so the entry is cleared before callers resume.
    const settle = (): void => {
      if (state.flight !== flight || states.get(key) !== state) return; // detached by invalidate() or by every caller aborting
      state.flight = undefined;
      if (maxAgeMs > 0 && !controller.signal.aborted) state.settled = { startedAt: t, outcome: promise };
      state.keepUntil = Math.max(state.keepUntil, now() + retainMs);
    };
    promise.then(settle, settle);
    return flight;
  };

  const join = (state: KeyState<O>, flight: Flight<O>, signal: AbortSignal | undefined): Promise<O> => {
    if (!signal) {
      flight.holders = Number.POSITIVE_INFINITY;
      return flight.promise;
    }
    flight.holders += 1;
    const onAbort = (): void => {
      if (--flight.holders > 0) return;
      if (state.flight === flight) state.flight = undefined;
      flight.controller.abort(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    const leave = (): void => signal.removeEventListener("abort", onAbort);
    flight.promise.then(leave, leave);
    return abortable(flight.promise, signal, "the poll");
  };

  return {
    poll(key, fn, signal) {
      if (signal?.aborted) return Promise.reject(abortErrorFrom(signal, "the poll"));
      const t = now();
      sweep(t);
      const state = states.get(key) ?? { anchor: t, lastStart: t, wakes: [], keepUntil: t, flight: undefined, settled: undefined };
      if (state.settled && t - state.settled.startedAt < maxAgeMs) {
        touch(key, state, t + retainMs);
        return state.settled.outcome;
      }
      state.settled = undefined;
      let flight = state.flight;
      if (flight) touch(key, state, t + retainMs);
      else flight = start(key, state, fn, t);
      return join(state, flight, signal);
    },

    nextSlot(key, delayMs) {
      const delay = delayMs > 0 && Number.isFinite(delayMs) ? delayMs : 0;
      if (slotMs <= 0) return delay;
      const t = now();
      sweep(t);
      const state = states.get(key);
      if (!state) return delay;
      const wanted = t + delay;
      const early = wanted - delay / 4;
      state.wakes = state.wakes.filter((x) => x > t - slotMs);
      const { wakes } = state;
      let at = latest(wakes, (x) => x > t && x >= early && x <= wanted);
      if (at === undefined) {
        const grid = state.anchor + Math.floor((wanted - state.anchor) / slotMs) * slotMs;
        const before = latest(wakes, (x) => x <= wanted);
        const own = Math.max(delay <= slotMs && grid >= early && grid > t ? grid : wanted, state.lastStart + slotMs, (before ?? -Infinity) + slotMs);
        const next = wakes.find((x) => x > wanted);
        const crowded = next !== undefined && next < own + slotMs;
        // An earlier planned wake-up costs this wait a poll; a later one, or its own pushed back, makes it late.
        if ((crowded || own > wanted) && before !== undefined && before > t) at = before;
        else if (crowded) at = next;
        else {
          at = own;
          wakes.splice(next === undefined ? wakes.length : wakes.indexOf(next as number), 0, own);
        }
      }
      touch(key, state, at + retainMs);
      return Math.max(0, at - t);
    },

    invalidate(key) {
      const state = states.get(key);
      if (state) state.settled = state.flight = undefined;
    },

    get size() {
      sweep(now());
      return states.size;
    },
  };
}

/**
 * Per-client poll sharing: one {@link PollCoalescer} per slot size (the waits' `minDelayMs`), so waits with the same
 * options on one resource share planned wake-ups and each request. The slot is `minDelayMs`, not `maxDelayMs`: that
 * would stretch even the first, short delays to 30 s, while `minDelayMs` keeps the schedule's shape and still
 * bounds a resource to one request per `minDelayMs`, however many waits watch it.
 */
export interface PollSharing<O> {
  /** Runs or joins the poll of `key` on the `slotMs` grid. */
  poll(key: string, slotMs: number, fn: (signal: AbortSignal) => Promise<O>, signal: AbortSignal): Promise<O>;
  /** The sleep that lands the next wake-up on `key`'s grid (see `PollCoalescer.nextSlot`), in ms. */
  nextSlot(key: string, slotMs: number, delayMs: number): number;
  /** Drops every cached answer of `key`, after a change to the resource, so no wait sees a pre-change answer. */
  invalidate(key: string): void;
}

/** Creates the poll sharing of one client. It holds no timers, so an idle client never keeps a process alive. */
export function createPollSharing<O>(): PollSharing<O> {
  const bySlot = new Map<number, PollCoalescer<O>>();
  const coalescer = (slotMs: number): PollCoalescer<O> => {
    let c = bySlot.get(slotMs);
    if (!c) {
      // At most 16 slot sizes; idle coalescers beyond that are dropped (they hold no timers).
      if (bySlot.size >= 16) for (const [slot, other] of bySlot) if (other.size === 0) bySlot.delete(slot);
      // Half a slot of reuse: long enough for every wait woken at one grid point, too short for the next point.
      c = createPollCoalescer<O>({ slotMs, maxAgeMs: slotMs / 2 });
      bySlot.set(slotMs, c);
    }
    return c;
  };
  return {
    poll: (key, slotMs, fn, signal) => coalescer(slotMs).poll(key, fn, signal),
    nextSlot: (key, slotMs, delayMs) => coalescer(slotMs).nextSlot(key, delayMs),
    invalidate: (key) => {
      for (const c of bySlot.values()) c.invalidate(key);
    },
  };
}
