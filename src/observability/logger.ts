import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** pino level, or "silent". */
  level: string;
  /** Human-readable lines instead of JSON. @default stdout is a terminal */
  pretty?: boolean;
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
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
  const pretty = options.destination === undefined && (options.pretty ?? process.stdout.isTTY);
  const pinoOptions = {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    ...(pretty
      ? { transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" } } }
      : {}),
  };
  return options.destination === undefined ? pino(pinoOptions) : pino(pinoOptions, options.destination);
}
