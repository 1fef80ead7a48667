/**
 * The three wait schedules test/bench/wait.run.ts compares, and the simulated-time run of one of them: "new" is the
 * SDK's schedule and sharing (imported from src), "old" the waiter before issue 16 and "smithy" a smithy waiter
 * (both copied here, as nothing else keeps them).
 */
import { elapsedFractionDelay } from "../../src/internal/backoff.js";
import { createPollCoalescer } from "../../src/wait/coalesce.js";

/** The shortest delay of every schedule and the slot waits on one resource share. */
export const MIN = 2000;

/** Smithy waiters' delay: uniformly random in [min, min(max, min · 2^(attempt−1))], also past the ceiling. */
const smithy = (minMs: number, maxMs: number) => (attempt: number, random: () => number) =>
  Math.round(minMs + random() * (Math.min(maxMs, minMs * 2 ** (attempt - 1)) - minMs));

/**
 * The waiter's delay before issue 16, a copy of `backoffDelay` as it was used then (the transport still uses it):
 * full jitter under a doubling ceiling, exactly `maxMs` from the attempt whose ceiling reached it.
 */
function oldDelay(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  if (attempt > Math.floor(Math.log2(maxMs / minMs)) + 1) return maxMs;
  const upper = Math.min(maxMs, minMs * 2 ** (attempt - 1));
  return Math.min(maxMs, Math.max(minMs, Math.round(minMs + random() * (upper - minMs))));
}

interface Schedule {
  name: string;
  /** The delay after poll number `attempt`, answered `elapsedMs` after the change was sent. */
  delay: (attempt: number, elapsedMs: number, random: () => number) => number;
  /** How waits on one resource share: the SDK's coalescer now, the old grid rule, or not at all. */
  sharing: "sdk" | "old-grid" | "none";
}

export const SCHEDULES: Schedule[] = [
  { name: "new: ¼ of elapsed, 2–30 s", delay: (_, elapsed, random) => elapsedFractionDelay(elapsed, MIN, 30_000, random), sharing: "sdk" },
  // The waiter before issue 16: backoffDelay(attempt, 2000, 30000), then nextSlot's grid rule (earliest point of the
  // grid anchor + k · slot no earlier than a quarter of the delay, at most a quarter slot, before the wanted wake-up).
  { name: "old: 2→30 s exponential", delay: (attempt, _, random) => oldDelay(attempt, MIN, 30_000, random), sharing: "old-grid" },
  { name: "smithy: 2→120 s exponential", delay: (attempt, _, random) => smithy(MIN, 120_000)(attempt, random), sharing: "none" },
];

/** One job on one resource, done at `jobMs` after its change was sent at 0, watched by `waits` waits from 0. */
export async function simulate(schedule: Schedule, jobMs: number, waits: number): Promise<{ requests: number; lateness: number[] }> {
  let clock = 0;
  let requests = 0;
  const coalescer = createPollCoalescer<boolean>({ slotMs: MIN, maxAgeMs: MIN / 2, now: () => clock });
  const fetch = async (): Promise<boolean> => {
    requests++;
    return clock >= jobMs;
  };
  const next = Array.from({ length: waits }, () => 0);
  const attempts = Array.from({ length: waits }, () => 0);
  const lateness: number[] = [];
  for (let open = waits; open > 0; ) {
    let w = 0;
    for (let i = 1; i < waits; i++) if ((next[i] as number) < (next[w] as number)) w = i;
    clock = next[w] as number;
    const done = schedule.sharing === "none" ? await fetch() : await coalescer.poll("gw", fetch);
    const attempt = (attempts[w] as number) + 1;
    attempts[w] = attempt;
    if (done) {
      lateness.push(clock - jobMs);
      next[w] = Number.POSITIVE_INFINITY;
      open--;
      continue;
    }
    const delay = schedule.delay(attempt, clock, Math.random);
    let sleep = delay;
    if (schedule.sharing === "sdk") sleep = coalescer.nextSlot("gw", delay);
    else if (schedule.sharing === "old-grid") sleep = Math.ceil((clock + delay - Math.min(MIN, delay) / 4) / MIN) * MIN - clock;
    next[w] = clock + sleep;
  }
  return { requests, lateness };
}
