import { getEventListeners } from "node:events";
import { vi } from "vitest";
import type { PollContext, PollOutcome, Verdict } from "../../src/wait/waiter.js";

/**
 * What the waitUntil tests (and the coalescer tests that drive waits) share: a scripted poll, a gateway-like
 * acceptor, and a way to watch a promise settle under fake timers.
 */

// The handle tests keep the tracker in fake-cloud.ts; one copy serves both.
export { track } from "./fake-cloud.js";

/** A poll that answers the scripted observations in turn (repeating the last) and records when it was called. */
export function scripted<O>(observations: readonly O[], extra: (attempt: number) => Partial<PollOutcome<O>> = () => ({})) {
  const times: number[] = [];
  const contexts: PollContext[] = [];
  const poll = vi.fn(async (ctx: PollContext): Promise<PollOutcome<O>> => {
    times.push(ctx.elapsedMs);
    contexts.push(ctx);
    const observation = observations[Math.min(ctx.attempt, observations.length) - 1] as O;
    return { observation, ...extra(ctx.attempt) };
  });
  return { poll, times, contexts };
}

export type Gateway = { status: string; progress?: number };

/** Acceptor for a gateway-like status: RUNNING succeeds, *Failed fails, anything else retries. */
export const gatewayAcceptor = (o: Gateway): Verdict => {
  if (o.status === "RUNNING") return { state: "success", status: o.status };
  if (o.status.endsWith("Failed")) return { state: "failure", reason: `gateway is ${o.status}`, status: o.status };
  return { state: "retry", reason: `gateway is ${o.status}`, status: o.status };
};

export const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;
