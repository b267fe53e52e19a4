import "reflect-metadata";
import { loadConfig, SUBGRAPH_NAMES, type SubgraphName } from "../config/index.js";
import { createLogger } from "../observability/logger.js";
import { onShutdownSignal, runMain, UsageError } from "./main.js";
import { startStack } from "./stack.js";

/** The subgraphs named on the command line (one or more, each once); anything else is a usage error listing the valid names. */
export function subgraphNamesOf(argv: readonly string[]): SubgraphName[] {
  const valid = SUBGRAPH_NAMES.join(", ");
  if (argv.length === 0)
    throw new UsageError(`Usage: npm run start:subgraph -- <name> [<name> ...], where each <name> is one of ${valid}`);
  for (const name of argv) {
    if (!(SUBGRAPH_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`Unknown subgraph "${name}": valid names are ${valid}`);
    }
  }
  const repeated = argv.find((name, i) => argv.indexOf(name) !== i);
  if (repeated !== undefined) throw new UsageError(`Subgraph "${repeated}" is named twice`);
  return argv as SubgraphName[];
}

runMain(async () => {
  const names = subgraphNamesOf(process.argv.slice(2));
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const stack = await startStack({ config, logger, subgraphs: names, gateway: false });
  onShutdownSignal(() => stack.close());
  for (const name of names) logger.info({ subgraph: name, url: stack.subgraphUrls.get(name) }, "subgraph ready");
});
