import type { RequestContext } from "../../src/graphql/context.js";
import type { SubgraphDefinition } from "../../src/graphql/subgraph.js";
import { Bot } from "./bot.reference.js";
import { CreateTrade } from "./migrations/001-create-trade.js";
import { Trade } from "./trade.entity.js";
import { createTradeLoaders, type TradeLoaders } from "./trade.loader.js";
import { BotTradesResolver, TradeResolver } from "./trade.resolver.js";
import { TradeService } from "./trade.service.js";

/** The trades subgraph: orders, trades and what they earned. */
export const tradesSubgraph: SubgraphDefinition<TradeLoaders> = {
  name: "trades",
  entities: [Trade],
  migrations: [{ name: "001-create-trade", class: CreateTrade }],
  resolvers: [TradeResolver, BotTradesResolver],
  referenceResolvers: {
    Bot: (reference: { id: string }) => Bot.reference(reference.id),
    Trade: async (reference: { id: string }, ctx: RequestContext<TradeLoaders>) =>
      TradeService.visible(ctx.viewer, await ctx.loaders.tradeById.load(reference.id)),
  },
  createLoaders: createTradeLoaders,
};
