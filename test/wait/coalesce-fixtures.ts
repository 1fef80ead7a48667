import { vi } from "vitest";
import type { PollCoalescer } from "../../src/wait/coalesce.js";
import { type Verdict, type WaitResult, waitUntil } from "../../src/wait/waiter.js";

/** What the createPollCoalescer tests share: a fake status endpoint per key, and waits polling through a coalescer. */

export type Status = { key: string; request: number };

export type Waited = Omit<WaitResult<Status>, "value"> & { value: number };

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A fake status endpoint per key: counts requests, records their start times, answers after `latencyMs`. */
export function fakeEndpoint(latencyMs: number) {
  const starts = new Map<string, number[]>();
  const signals: AbortSignal[] = [];
  const fetchFor = (key: string) =>
    vi.fn(async (signal: AbortSignal): Promise<Status> => {
      const list = starts.get(key) ?? [];
      list.push(Date.now());
      starts.set(key, list);
      signals.push(signal);
      const request = list.length;
      if (latencyMs > 0) await delay(latencyMs);
      return { key, request };
    });
  return { fetchFor, starts, signals };
}

/** A wait on `key` through the coalescer that succeeds once the endpoint has served `doneAfter` requests. */
export function coalescedWait(
  coalescer: PollCoalescer<Status>,
  key: string,
  fetch: (signal: AbortSignal) => Promise<Status>,
  intervalMs: number,
  doneAfter: number,
  align: boolean,
  signal?: AbortSignal,
): Promise<Waited> {
  const accept = (o: Status): Verdict => (o.request >= doneAfter ? { state: "success" } : { state: "retry", reason: `request ${o.request}` });
  return waitUntil(async (ctx) => ({ observation: await coalescer.poll(key, fetch, ctx.signal) }), accept, {
    minDelayMs: intervalMs,
    maxDelayMs: intervalMs,
    maxWaitMs: 600_000,
    ...(align ? { alignDelay: (d: number) => coalescer.nextSlot(key, d) } : {}),
    ...(signal ? { signal } : {}),
  }).then((r) => ({ ...r, value: r.value.request }));
}
