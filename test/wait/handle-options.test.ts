import { describe, expect, it, vi } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { createServiceWaits, type WaitSpec } from "../../src/wait/handle.js";
import type { WaitStateBase } from "../../src/wait/state.js";

/**
 * createServiceWaits on its own, with a hand-made spec: what `handle.wait()` does with an options argument that is
 * not an object, and what a client without a project id writes into its states.
 */

type State = WaitStateBase & { service: "demo" };

function setup(client: WaitSpec<State, string>["client"]) {
  const poll = vi.fn(async () => ({ observation: "ready", response: new Response(null) }));
  const parse = vi.fn((input: unknown) => input as State);
  const waits = createServiceWaits<State, string>({
    service: "demo",
    client,
    poll,
    accept: () => ({ state: "success" }),
    goneReason: (state) => `instance ${state.instanceId} is gone`,
    parse,
  });
  const start = () =>
    waits.start(
      "i-1",
      async () => ({ data: { id: "i-1" }, response: new Response("{}") }),
      () => ({}),
    );
  return { waits, poll, parse, start };
}

describe("handle.wait(): options that are not an object", () => {
  it.each([
    ["a number", 5],
    ["a string", "fast"],
    ["true", true],
    ["a function", () => undefined],
  ])("refuses %s before polling, instead of polling with the defaults", async (_, options) => {
    const { start, poll } = setup({ baseUrl: "https://demo.example.com", projectId: "p1" });
    const handle = await start();
    const error = await handle.wait(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "options", keyword: "type", message: "must be an object" }]);
    expect((error as ValidationError).message).toBe("wait options: options must be an object");
    expect(poll).not.toHaveBeenCalled();
  });

  it("takes undefined and null as no options", async () => {
    const { start, poll } = setup({ baseUrl: "https://demo.example.com", projectId: "p1" });
    const handle = await start();
    await expect(handle.wait()).resolves.toBe("ready");
    await expect(handle.wait(null as never)).resolves.toBe("ready");
    expect(poll).toHaveBeenCalled();
  });
});

describe("createServiceWaits: a client without a project id", () => {
  it("writes an empty projectId into its states and checks resumed ones against it", async () => {
    const { start, parse, waits } = setup({ baseUrl: "https://demo.example.com" });
    const handle = await start();
    const state = handle.waitState();
    expect(state).toMatchObject({ service: "demo", endpoint: "https://demo.example.com", projectId: "", instanceId: "i-1" });
    await expect(waits.resume(state)).resolves.toBe("ready");
    expect(parse).toHaveBeenCalledWith(state, "https://demo.example.com", "");
  });
});
