import { describe, expect, it, vi } from "vitest";
import { ValidationError, type ValidationIssue } from "../../src/errors.js";
import { type Verdict, waitUntil } from "../../src/wait/waiter.js";

/**
 * What a caller reads off a rejected wait option: the issue's path, keyword and message, and the error's message
 * titled "wait options". The waiter's own tests check the paths; these check the rest, and the shapes (a non-object
 * options argument, signals that are not AbortSignals) that must be refused before the first poll rather than crash
 * in it or be polled with.
 */

const success = (): Verdict => ({ state: "success" });

async function rejection(options: unknown) {
  const poll = vi.fn(async () => ({ observation: "ready" }));
  const error = await waitUntil(poll, success, options as never).then(
    (value) => value,
    (e: unknown) => e,
  );
  return { error, poll };
}

async function expectIssue(options: unknown, issue: ValidationIssue) {
  const { error, poll } = await rejection(options);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).issues).toEqual([issue]);
  expect((error as ValidationError).message).toBe(`wait options: ${issue.path} ${issue.message}`);
  expect(poll).not.toHaveBeenCalled();
}

describe("waitUntil: an options argument that is not an object", () => {
  it.each([
    ["null", null],
    ["a number", 5],
    ["a string", "fast"],
    ["true", true],
  ])("refuses %s before polling, instead of crashing or polling with the defaults", async (_, options) => {
    await expectIssue(options, { path: "options", keyword: "type", message: "must be an object" });
  });
});

describe("waitUntil: each option problem names its keyword and says what is wrong", () => {
  it("a duration that is not a number", async () => {
    await expectIssue({ maxWaitMs: "60000" }, { path: "maxWaitMs", keyword: "type", message: "must be a number of milliseconds" });
  });

  it("a duration that is not finite", async () => {
    await expectIssue({ minDelayMs: Number.POSITIVE_INFINITY }, { path: "minDelayMs", keyword: "finite", message: "must be finite, got Infinity" });
    await expectIssue({ maxDelayMs: Number.NaN }, { path: "maxDelayMs", keyword: "finite", message: "must be finite, got NaN" });
  });

  it("a duration that is not positive", async () => {
    await expectIssue({ minDelayMs: 0 }, { path: "minDelayMs", keyword: "exclusiveMinimum", message: "must be > 0, got 0" });
    await expectIssue({ maxWaitMs: -5 }, { path: "maxWaitMs", keyword: "exclusiveMinimum", message: "must be > 0, got -5" });
  });

  it("a largest delay below the smallest one", async () => {
    await expectIssue({ minDelayMs: 5000, maxDelayMs: 1000 }, { path: "maxDelayMs", keyword: "minimum", message: "must be ≥ minDelayMs (5000), got 1000" });
  });

  it("a maxObserved that is not an integer ≥ 0", async () => {
    for (const maxObserved of [1.5, -1, "10"]) {
      await expectIssue({ maxObserved }, { path: "maxObserved", keyword: "type", message: "must be an integer ≥ 0" });
    }
  });

  it("a callback that is not a function", async () => {
    for (const name of ["onProgress", "alignDelay", "now", "random"]) {
      await expectIssue({ [name]: 0 }, { path: name, keyword: "type", message: "must be a function" });
    }
  });
});

describe("waitUntil: a signal must look like an AbortSignal", () => {
  it.each([
    ["an empty object", {}],
    ["null", null],
    ["an object with aborted but no addEventListener", { aborted: false }],
    ["an object with addEventListener but no aborted", { addEventListener: (): void => undefined }],
    ["an object whose aborted is not a boolean", { aborted: "no", addEventListener: (): void => undefined }],
  ])("refuses %s before polling", async (_, signal) => {
    await expectIssue({ signal }, { path: "signal", keyword: "type", message: "must be an AbortSignal" });
  });

  it("accepts a signal from another AbortController, and no signal at all", async () => {
    const poll = vi.fn(async () => ({ observation: "ready" }));
    await expect(waitUntil(poll, success, { signal: new AbortController().signal })).resolves.toMatchObject({ attempts: 1 });
    await expect(waitUntil(poll, success, { signal: undefined })).resolves.toMatchObject({ attempts: 1 });
    expect(poll).toHaveBeenCalledTimes(2);
  });
});

describe("waitUntil: every problem at once, each with its own text", () => {
  it("lists type, range and callback problems together, in option order", async () => {
    const { error, poll } = await rejection({ minDelayMs: "1s", maxDelayMs: 0, maxWaitMs: Number.NEGATIVE_INFINITY, maxObserved: -2, now: "now" });
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: "minDelayMs", keyword: "type", message: "must be a number of milliseconds" },
      { path: "maxDelayMs", keyword: "exclusiveMinimum", message: "must be > 0, got 0" },
      { path: "maxWaitMs", keyword: "finite", message: "must be finite, got -Infinity" },
      { path: "maxObserved", keyword: "type", message: "must be an integer ≥ 0" },
      { path: "now", keyword: "type", message: "must be a function" },
    ]);
    expect(poll).not.toHaveBeenCalled();
  });
});
