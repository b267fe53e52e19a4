import type { FlagCache } from "../../src/flags/cache.js";
import type { SubgraphDependencies, SubgraphServices } from "../../src/subgraph/subgraph.js";
import { openFlagCache } from "../flags/public.js";

/** What the bots subgraph opens besides its database. */
export interface BotsDependencies {
  /** Feature flags, evaluated in process: experimental strategies need theirs. */
  flags: FlagCache;
}

/** Opens the bots subgraph's dependencies. */
export async function openBotsDependencies(
  services: Omit<SubgraphServices, "dependencies">,
): Promise<SubgraphDependencies<BotsDependencies>> {
  const handle = await openFlagCache(services.config, services.bus, services.logger);
  const value: BotsDependencies = { flags: handle.flags };
  return { value, close: () => handle.close() };
}
