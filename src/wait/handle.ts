/**
 * Operation handles and the service waits behind them. A handle is the operation's answer as data (its own
 * enumerable fields are exactly the wire fields), plus two non-enumerable methods: `wait()` and `waitState()`.
 */
import { bodyOf, collectIssues } from "../errors.js";
import { parseRetryAfterMs } from "../internal/retry.js";
import { createPollSharing } from "./coalesce.js";
import { newWaitState, type WaitStateBase } from "./state.js";
import { type PollOutcome, type Verdict, WAITER_DEFAULTS, type WaitOptions, waitUntil } from "./waiter.js";

export type { Verdict, WaitOptions };

/** The non-enumerable methods of an operation handle. */
export interface OperationHandle<S, R> {
  /** Polls until the change is visible; resolves with what the successful poll read. */
  wait(options?: WaitOptions<R>): Promise<R>;
  /** Plain JSON for `client.resumeWait()` in another process: ids, expected end state, start, endpoint; no secrets. A fresh copy each call. */
  waitState(): S;
}

/** How one service client waits: whom it talks to, what it polls, and when that shows the change. */
export interface WaitSpec<S extends WaitStateBase & { service: string }, O> {
  /** `service` of the states, and first part of the sharing key `<service>:<project>:<instance>` (one poll per key and interval). */
  service: S["service"];
  /** The client's base URL and project, written into new states and required of resumed ones. */
  client: { baseUrl: string; projectId?: string | undefined };
  /** One poll request; must pass `signal` on. Its response's `Retry-After` sets the next delay. */
  poll: (state: S, signal: AbortSignal) => Promise<{ observation: O; response: Response }>;
  /** The acceptor. */
  accept: (observation: O, state: S) => Verdict;
  /** Failure reason when a poll answers `NotFoundError`. */
  goneReason: (state: S) => string;
  /** Checks a state for `resume` (object or JSON text) against the endpoint and project; throws `ValidationError`. */
  parse: (input: unknown, endpoint: string, projectId: string) => S;
}

/** The waits of one service client. */
export interface ServiceWaits<S extends WaitStateBase & { service: string }, O> {
  /**
   * Sends an operation (`send` is called once, after the start time is taken) and makes its handle: a copy of the
   * answer body, so spreading, `JSON.stringify` and `util.inspect` show its fields and nothing else, with
   * non-enumerable `wait` and `waitState`. `fields` gives the operation's part of the state.
   */
  start<B extends object>(
    instanceId: string,
    send: () => Promise<{ data?: B; response: Response }>,
    fields: (body: B) => Omit<S, keyof WaitStateBase | "service">,
  ): Promise<B & OperationHandle<S, O>>;
  /** Continues a wait from a `waitState()` (object or JSON text); a bad state rejects before any request. */
  resume(input: unknown, options?: WaitOptions<O>): Promise<O>;
}

/** Creates the waits of one client; one per client, so concurrent waits on one resource share their polls. */
export function createServiceWaits<S extends WaitStateBase & { service: string }, O>(spec: WaitSpec<S, O>): ServiceWaits<S, O> {
  const sharing = createPollSharing<PollOutcome<O>>();
  // Clients that wait are project-scoped: they are created with a required projectId.
  const { baseUrl: endpoint, projectId = "" } = spec.client;
  const keyOf = (instanceId: string): string => `${spec.service}:${projectId}:${instanceId}`;

  const wait = async (state: S, options: WaitOptions<O> | undefined): Promise<O> => {
    const o = options ?? {};
    if (typeof o !== "object" || o === null) collectIssues("wait options").fail("options", "type", "must be an object");
    const key = keyOf(state.instanceId);
    const fetch = async (signal: AbortSignal): Promise<PollOutcome<O>> => {
      const { observation, response } = await spec.poll(state, signal);
      return { observation, retryAfterMs: parseRetryAfterMs(response.headers) };
    };
    // The waiter validates every number before its first poll, so an invalid slot is never used.
    const slotMs = o.minDelayMs ?? WAITER_DEFAULTS.minDelayMs;
    const result = await waitUntil<O>(
      (ctx) => sharing.poll(key, slotMs, fetch, ctx.signal),
      (observation) => spec.accept(observation, state),
      {
        ...o,
        goneReason: spec.goneReason(state),
        alignDelay: (delayMs) => sharing.nextSlot(key, slotMs, delayMs),
        elapsedOffsetMs: Math.max(0, Date.now() - Date.parse(state.startedAt)),
      },
    );
    return result.value;
  };

  return {
    async start(instanceId, send, fields) {
      const startedAtMs = Date.now();
      const { data, response } = await send();
      const body = bodyOf(data, response);
      // An answer read before the change must not satisfy a wait started after it.
      sharing.invalidate(keyOf(instanceId));
      const state = { ...newWaitState({ endpoint, projectId, instanceId, startedAtMs }), service: spec.service, ...fields(body) } as S;
      return Object.defineProperties(
        { ...body },
        { wait: { value: (options?: WaitOptions<O>) => wait(state, options) }, waitState: { value: () => structuredClone(state) } },
      ) as typeof body & OperationHandle<S, O>;
    },
    async resume(input, options) {
      return wait(spec.parse(input, endpoint, projectId), options);
    },
  };
}
