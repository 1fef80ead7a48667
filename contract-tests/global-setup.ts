import path from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM script without types
import { startPrism, SPECS } from "../scripts/prism.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    prism: Record<"apig" | "dds" | "iam", string>;
  }
}

type Running = { url: string; stop: () => Promise<void> };

/** Starts one Prism mock per spec (in parallel) and always stops them, also when a test fails. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = path.resolve(import.meta.dirname, "..");
  const names = Object.keys(SPECS) as Array<keyof typeof SPECS>;
  const settled = await Promise.allSettled(names.map((name) => startPrism({ spec: path.join(root, SPECS[name]), name }) as Promise<Running>));
  const running = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const teardown = async () => {
    await Promise.all(running.map((r) => r.stop()));
  };
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    await teardown();
    throw failed.reason;
  }
  const urls = Object.fromEntries(names.map((n, i) => [n, (settled[i] as PromiseFulfilledResult<Running>).value.url]));
  project.provide("prism", urls as Record<"apig" | "dds" | "iam", string>);
  return teardown;
}
