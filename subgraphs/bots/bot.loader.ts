import DataLoader from "dataloader";
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
    botById: new DataLoader(async (ids) => {
      const bots = await em.find(Bot, { id: { $in: [...ids] } });
      const byId = new Map(bots.map((bot) => [bot.id, bot]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
