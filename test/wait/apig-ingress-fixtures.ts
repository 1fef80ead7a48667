/**
 * Shared by the apig-ingress-*.test.ts files: the ingress change the waits expect, APIG answers, clients on the
 * scripted fetch of fake-cloud.ts, and the fake clock whose start the tests measure request times from.
 */
import { afterEach, beforeEach, vi } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { createApigClient, type IngressIpsRequest } from "../../src/services/apig.js";
import { apigRoute, ELB, ENDPOINT, nth, PROJECT, scriptedFetch, type Answer } from "./fake-cloud.js";

export const IP = "192.0.2.10";
export const deregisterBody: IngressIpsRequest = { elbs: [{ elb_id: ELB, public_ips: [{ type: "v4", ip: IP }] }] };
export const FIXED = { minDelayMs: 1000, maxDelayMs: 1000 } as const;

export const ok = (body: unknown, headers: Record<string, string> = {}): Answer => ({ status: 200, body, headers });
export const apigError = (status: number, code: string, msg: string, headers: Record<string, string> = {}): Answer => ({
  status,
  body: { error_code: code, error_msg: msg },
  headers,
});

export function client(fetch: typeof globalThis.fetch, extra: { maxRetries?: number; endpoint?: string; projectId?: string } = {}) {
  return createApigClient({
    projectId: extra.projectId ?? PROJECT,
    endpoint: extra.endpoint ?? ENDPOINT,
    auth: tokenAuth("secret-token-value"),
    fetch,
    maxRetries: extra.maxRetries ?? 0,
    logLevel: "off",
  });
}

/** A client whose ShowInstance answers `answers` in turn (repeating the last). */
export function scripted(answers: Answer[], extra: Parameters<typeof client>[1] = {}) {
  const fake = scriptedFetch(apigRoute((n) => nth(answers, n)));
  return { ...fake, apig: client(fake.fetch, extra) };
}

/** The fake clock's reading when the current test started; a live binding, so importers see each test's value. */
export let t0 = 0;

/** Runs every test of the calling file on fake timers, with `t0` set at its start and spies restored after it. */
export function useFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    t0 = Date.now();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}
