import type { SubgraphDependencies, SubgraphServices } from "../../src/subgraph/subgraph.js";
import { openBotReader, type BotReader } from "../bots/public.js";
import { startSimulatedMarket } from "./market.js";

/** What the trades subgraph opens besides its database. */
export interface TradesDependencies {
  /** The bots subgraph's read-only queries: is the bot RUNNING, whose is it. */
  bots: BotReader;
}

/** Opens the trades subgraph's dependencies. */
export async function openTradesDependencies(
  services: Omit<SubgraphServices, "dependencies">,
): Promise<SubgraphDependencies<TradesDependencies>> {
  const bots = await openBotReader(services.config, services.logger);
  const { trading } = services.config;
  const market = trading.simulatedMarket
    ? startSimulatedMarket({
        orm: services.orm,
        bots,
        bus: services.bus,
        intervalMs: trading.simulatedMarketIntervalMs,
        seed: trading.simulatedMarketSeed,
        logger: services.logger,
      })
    : undefined;
  const value: TradesDependencies = { bots };
  return {
    value,
    async close() {
      await market?.stop();
      await bots.close();
    },
  };
}
