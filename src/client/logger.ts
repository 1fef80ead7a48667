/** Log levels from quietest to noisiest. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Anything with console-like methods: `console`, pino, winston… */
export interface Logger {
  error(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  debug(message: string, details?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

const noop = () => {};

/**
 * Wraps `logger` so calls above `level` cost nothing. The SDK only ever passes method, URL path, status, attempt,
 * delay and request id to it: never headers, bodies or credentials.
 */
export function levelFilteredLogger(logger: Logger | undefined, level: LogLevel): Logger {
  const base = logger ?? console;
  const at = (l: Exclude<LogLevel, "off">) => (RANK[level] >= RANK[l] ? base[l].bind(base) : noop);
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}
