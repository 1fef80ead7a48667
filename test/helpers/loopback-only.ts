/**
 * Runs before every test file (vitest `setupFiles`): no test may open a connection anywhere but this machine, and
 * the credential chain's metadata provider is off unless a test points it at the emulator itself. A connection to
 * any other address (169.254.169.254 above all) throws at once, in the test that tried it. Child processes the
 * tests start inherit the metadata switch through the environment.
 */
import net from "node:net";

process.env.HUAWEICLOUD_SDK_METADATA_DISABLED ??= "true";

/** Loopback in every spelling Node accepts; no host at all means localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/.test(h);
}

/** The host a `Socket#connect` call targets, or undefined for a Unix socket or pipe path. */
function targetHost(args: unknown[]): string | undefined {
  const [first, second] = args;
  if (typeof first === "object" && first !== null && !Array.isArray(first)) {
    const o = first as { host?: unknown; path?: unknown };
    if (typeof o.path === "string") return undefined;
    return typeof o.host === "string" ? o.host : "localhost";
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) return typeof second === "string" ? second : "localhost";
  return undefined;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  // openapi-fetch, undici and http all end here; net.connect passes its normalized [options, callback] pair.
  const normalized = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const host = targetHost(normalized);
  if (host !== undefined && !isLoopbackHost(host)) {
    throw new Error(`a test tried to connect to ${host}: tests may only reach 127.0.0.1 / ::1 (test/helpers/loopback-only.ts)`);
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
