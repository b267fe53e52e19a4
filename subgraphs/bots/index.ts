import type { SubgraphDefinition } from "../../src/graphql/subgraph.js";
import { Bot } from "./bot.entity.js";
import { createBotLoaders, type BotLoaders } from "./bot.loader.js";
import { BotResolver } from "./bot.resolver.js";
import { BotService } from "./bot.service.js";
import type { RequestContext } from "../../src/graphql/context.js";
import { CreateBot } from "./migrations/001-create-bot.js";
import { CreateBotsOutbox } from "./migrations/002-create-bots-outbox.js";
import { botsOutbox } from "./outbox.js";

/** The bots subgraph: bots and their lifecycle. */
export const botsSubgraph: SubgraphDefinition<BotLoaders> = {
  name: "bots",
  entities: [Bot],
  outbox: botsOutbox,
  migrations: [
    { name: "001-create-bot", class: CreateBot },
    { name: "002-create-bots-outbox", class: CreateBotsOutbox },
  ],
  resolvers: [BotResolver],
  referenceResolvers: {
    Bot: async (reference: { id: string }, ctx: RequestContext<BotLoaders>) =>
      BotService.visible(ctx.viewer, await ctx.loaders.botById.load(reference.id)),
  },
  createLoaders: createBotLoaders,
};
