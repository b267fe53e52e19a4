import { ConfigError } from "../config/index.js";
import { PortInUseError } from "../subgraph/listen.js";

/** Exit code for bad configuration or usage (nothing was started). */
export const EXIT_USAGE = 2;

/** An error in how a command was called; its message is shown as is. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Runs a command's body: configuration and usage errors print their message and exit 2, a port in
 * use exits 1 with the message, anything else prints its stack and exits 1.
 */
export function runMain(body: () => Promise<void>): void {
  body().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration:\n${error.problems.map((p) => `  ${p}`).join("\n")}\n`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof PortInUseError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  });
}

/** How long a graceful stop may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * Calls `stop` once on the first SIGINT or SIGTERM and exits 0 when it is done (1 if it fails or
 * takes longer than 10 s). Later signals are ignored while stopping.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      process.stderr.write(`shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms\n`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
