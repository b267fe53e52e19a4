import type { SubgraphDefinition } from "../../src/subgraph/subgraph.js";
import { Bot } from "./bot.entity.js";
import { createBotLoaders, type BotLoaders } from "./bot.loader.js";
import { openBotsDependencies, type BotsDependencies } from "./dependencies.js";
import { BotResolver } from "./bot.resolver.js";
import { BotService } from "./bot.service.js";
import type { RequestContext } from "../../src/subgraph/context.js";
import { CreateBot } from "./migrations/001-create-bot.js";
import { CreateBotsOutbox } from "./migrations/002-create-bots-outbox.js";
import { AddBotsOutboxTraceparent } from "./migrations/004-add-outbox-traceparent.js";
import { AddBotStatusReason } from "./migrations/003-add-bot-status-reason.js";
import { botsOutbox } from "./outbox.js";
import { botsPermissions } from "./permissions.js";
import { botsTasks } from "./tasks.js";

/** The bots subgraph: bots and their lifecycle. */
export const botsSubgraph: SubgraphDefinition<BotLoaders, BotsDependencies> = {
  name: "bots",
  entities: [Bot],
  outbox: botsOutbox,
  migrations: [
    { name: "001-create-bot", class: CreateBot },
    { name: "002-create-bots-outbox", class: CreateBotsOutbox },
    { name: "003-add-bot-status-reason", class: AddBotStatusReason },
    { name: "004-add-outbox-traceparent", class: AddBotsOutboxTraceparent },
  ],
  tasks: botsTasks,
  resolvers: [BotResolver],
  permissions: botsPermissions,
  referenceResolvers: {
    Bot: async (reference: { id: string }, ctx: RequestContext<BotLoaders>) =>
      BotService.visible(ctx.viewer, await ctx.loaders.botById.load(reference.id)),
  },
  createLoaders: createBotLoaders,
  openDependencies: openBotsDependencies,
  startWorkers({ queue, orm, logger }) {
    queue.process("bots.fail", async (job) => {
      const bot = await new BotService(orm.em.fork(), botsOutbox).fail(job.payload.botId, job.payload.reason);
      if (bot !== null) logger.warn({ botId: bot.id, reason: job.payload.reason }, "bot set to ERROR");
      return { status: bot?.status ?? null };
    });
  },
};
