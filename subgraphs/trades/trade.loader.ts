import DataLoader from "dataloader";
import type { EntityManager } from "../../src/db/orm.js";
import { Trade } from "./trade.entity.js";

/** The trades subgraph's per-request loaders. */
export interface TradeLoaders {
  /** Trades by id, batched; null for an unknown id. */
  tradeById: DataLoader<string, Trade | null>;
}

/** Fresh loaders for one request. */
export function createTradeLoaders(em: EntityManager): TradeLoaders {
  return {
    tradeById: new DataLoader(async (ids) => {
      const trades = await em.find(Trade, { id: { $in: [...ids] } });
      const byId = new Map(trades.map((trade) => [trade.id, trade]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
