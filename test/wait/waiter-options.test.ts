import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { WAITER_DEFAULTS, waitUntil } from "../../src/wait/waiter.js";
import { gatewayAcceptor } from "./waiter-fixtures.js";

/** Which wait options are refused before the first poll, and the defaults an omitted one takes. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("waitUntil: option validation", () => {
  const poll = vi.fn(async () => ({ observation: { status: "RUNNING" } }));
  it.each([
    [{ minDelayMs: 0 }, "minDelayMs"],
    [{ minDelayMs: -1 }, "minDelayMs"],
    [{ minDelayMs: Number.POSITIVE_INFINITY }, "minDelayMs"],
    [{ maxDelayMs: Number.NaN }, "maxDelayMs"],
    [{ maxWaitMs: 0 }, "maxWaitMs"],
    [{ maxWaitMs: "60000" }, "maxWaitMs"],
    [{ minDelayMs: 5000, maxDelayMs: 1000 }, "maxDelayMs"],
    [{ maxObserved: 1.5 }, "maxObserved"],
    [{ maxObserved: -1 }, "maxObserved"],
    [{ onProgress: "yes" }, "onProgress"],
    [{ alignDelay: 1 }, "alignDelay"],
    [{ maxDelayMs: 2 ** 31 }, "maxDelayMs"],
    [{ maxWaitMs: 2 ** 31 }, "maxWaitMs"],
    [{ now: 0 }, "now"],
    [{ signal: {} }, "signal"],
  ])("rejects %o naming %s, before polling", async (options, name) => {
    const attempt = waitUntil(poll, gatewayAcceptor, options as never);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((i) => i.path)).toEqual([name]);
    expect(error.message).toContain(name);
    expect(poll).not.toHaveBeenCalled();
  });

  it("bounds maxDelayMs and maxWaitMs by what one timer holds (2^31−1 ms), and accepts exactly that", async () => {
    const error = (await waitUntil(poll, gatewayAcceptor, { maxDelayMs: 2 ** 31, maxWaitMs: 1e12 }).catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((i) => [i.path, i.keyword])).toEqual([
      ["maxDelayMs", "maximum"],
      ["maxWaitMs", "maximum"],
    ]);
    expect(error.message).toMatch(/maxDelayMs must be ≤ 2147483647/);
    await expect(waitUntil(poll, gatewayAcceptor, { maxDelayMs: 2 ** 31 - 1, maxWaitMs: 2 ** 31 - 1 })).resolves.toMatchObject({ attempts: 1 });
  });

  it("lists every invalid option at once", async () => {
    const error = (await waitUntil(poll, gatewayAcceptor, { minDelayMs: -1, maxWaitMs: Number.NaN }).catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((i) => i.path)).toEqual(["minDelayMs", "maxWaitMs"]);
  });

  it("accepts explicit undefined as 'use the default'", async () => {
    await expect(waitUntil(poll, gatewayAcceptor, { minDelayMs: undefined, signal: undefined })).resolves.toMatchObject({
      attempts: 1,
    });
    expect(WAITER_DEFAULTS).toEqual({ minDelayMs: 2000, maxDelayMs: 30_000, maxWaitMs: 600_000, maxObserved: 100 });
  });
});
