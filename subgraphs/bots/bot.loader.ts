import type DataLoader from "dataloader";
import { loaderByKey } from "../../src/db/loaders.js";
import type { EntityManager } from "../../src/db/orm.js";
import { Bot } from "./bot.entity.js";

/** The bots subgraph's per-request loaders. */
export interface BotLoaders {
  /** Bots by id, batched into one query per tick; null for an unknown id. */
  botById: DataLoader<string, Bot | null>;
}

/** Fresh loaders for one request. */
export function createBotLoaders(em: EntityManager): BotLoaders {
  return {
    botById: loaderByKey(
      (ids) => em.find(Bot, { id: { $in: ids } }),
      (bot) => bot.id,
    ),
  };
}
