import "reflect-metadata";
import { loadConfig, SUBGRAPH_NAMES, type SubgraphName } from "../config/index.js";
import { createLogger } from "../observability/logger.js";
import { onShutdownSignal, runMain, UsageError } from "./main.js";
import { startStack } from "./stack.js";

/** The subgraph named on the command line; anything else is a usage error listing the valid names. */
export function subgraphNameOf(argv: readonly string[]): SubgraphName {
  const name = argv[0];
  const valid = SUBGRAPH_NAMES.join(", ");
  if (name === undefined)
    throw new UsageError(`Usage: npm run start:subgraph -- <name>, where <name> is one of ${valid}`);
  if (!(SUBGRAPH_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`Unknown subgraph "${name}": valid names are ${valid}`);
  }
  return name as SubgraphName;
}

runMain(async () => {
  const name = subgraphNameOf(process.argv.slice(2));
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const stack = await startStack({ config, logger, subgraphs: [name], gateway: false });
  onShutdownSignal(() => stack.close());
  logger.info({ subgraph: name, url: stack.subgraphUrls.get(name) }, "subgraph ready");
});
