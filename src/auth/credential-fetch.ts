import { AbortError, CredentialsError, TimeoutError } from "../errors.js";
import { abortErrorFrom } from "../internal/sleep.js";
import { causeCode, readCapped } from "../internal/transport.js";

/** An answer of a credential source, read in full. @internal */
export interface SourceAnswer {
  status: number;
  text: string;
}

/** Largest answer of a credential source read, in bytes: credentials are a few kB. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One request to a credential source (metadata service, pod identity agent): its own timeout covering the whole
 * answer, the caller's `signal`, and no redirects (a 3xx is refused, never followed, so a credential request never
 * leaves the address it was pointed at). Failures are `CredentialsError`s from `provider`, the cause kept; an
 * abort of `signal` is an `AbortError`. @internal
 */
export async function fetchFromSource(
  provider: string,
  fetch: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<SourceAnswer> {
  if (signal?.aborted) throw abortErrorFrom(signal, `the ${provider} credentials request`);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const where = `${init.method ?? "GET"} ${url}`;
  try {
    const res = await fetch(url, { ...init, signal: controller.signal, redirect: "manual" });
    if ((res.status >= 300 && res.status < 400) || res.type === "opaqueredirect") {
      void res.body?.cancel().catch(() => {});
      throw new CredentialsError(`${provider}: ${where} answered a redirect (${res.status}), which is refused`);
    }
    // Counted while reading, as the transport does: a source sending more is cut off, not read whole.
    const bytes = await readCapped(res, MAX_ANSWER_BYTES, controller);
    if (bytes === undefined) throw new CredentialsError(`${provider}: ${where} answered more than ${MAX_ANSWER_BYTES} bytes`);
    return { status: res.status, text: new TextDecoder().decode(bytes) };
  } catch (err) {
    if (err instanceof CredentialsError) throw err;
    if (signal?.aborted) throw abortErrorFrom(signal, `the ${provider} credentials request`);
    if (timedOut)
      throw new CredentialsError(`${provider}: ${where} gave no complete answer within ${timeoutMs} ms`, [], {
        cause: new TimeoutError(`no answer within ${timeoutMs} ms`, { cause: err }),
      });
    if (err instanceof AbortError) throw err;
    throw new CredentialsError(`${provider}: ${where} failed (${causeCode(err) ?? (err as Error)?.name ?? "error"})`, [], { cause: err });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

// A specifier bundlers do not follow: browser bundles stay buildable and small; only Node (Deno, Bun) load it.
const FS = "node:fs/promises";

/** Reads a small text file (token file, profile) with Node's fs, loaded only when used. @internal */
export async function readTextFile(path: string): Promise<string | undefined> {
  const { readFile } = (await import(/* @vite-ignore */ FS)) as typeof import("node:fs/promises");
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return undefined;
    throw err;
  }
}
