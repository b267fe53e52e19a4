import { pino, type Logger } from "pino";

export type { Logger } from "pino";

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** pino level, or "silent". */
  level: string;
  /** Human-readable lines instead of JSON. @default stdout is a terminal */
  pretty?: boolean;
}

/** Paths whose values never reach a log line. */
const REDACTED_PATHS = [
  "req.headers.authorization",
  'req.headers["x-internal-token"]',
  "headers.authorization",
  'headers["x-internal-token"]',
  "secret",
  "*.secret",
  "token",
];

/** The process logger: JSON lines, or pino-pretty when stdout is a terminal. */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.pretty ?? process.stdout.isTTY;
  return pino({
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    ...(pretty
      ? { transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" } } }
      : {}),
  });
}
