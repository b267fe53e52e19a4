import type DataLoader from "dataloader";
import { loaderByKey } from "../../src/db/loaders.js";
import type { EntityManager } from "../../src/db/orm.js";
import { pageLoader, type PageLoader } from "../../src/db/paginate.js";
import { plainSql } from "../../src/db/sql.js";
import { Order } from "./order.entity.js";
import { selectOrders } from "./order.rows.js";
import { Position } from "./position.entity.js";
import { Trade } from "./trade.entity.js";

/** The trades subgraph's per-request loaders. */
export interface TradeLoaders {
  /** Trades by id, batched; null for an unknown id. */
  tradeById: DataLoader<string, Trade | null>;
  /** Orders by id, batched; null for an unknown id. */
  orderById: DataLoader<string, Order | null>;
  /** Positions by bot id, batched; null for a bot that never traded. */
  positionByBot: DataLoader<string, Position | null>;
  /** Pages of bots' trades: one query for the pages and one for the counts per page arguments. */
  tradePagesByBot: PageLoader<Trade>;
  /** Pages of bots' orders, batched the same way. */
  orderPagesByBot: PageLoader<Order>;
}

/** Fresh loaders for one request. */
export function createTradeLoaders(em: EntityManager): TradeLoaders {
  return {
    tradeById: loaderByKey(
      (ids) => em.find(Trade, { id: { $in: ids } }),
      (trade) => trade.id,
    ),
    // Plain SQL (src/db/sql.ts): every tradeExecuted event reads its order.
    orderById: loaderByKey(
      (ids) => selectOrders(plainSql(em), ids),
      (order) => order.id,
    ),
    positionByBot: loaderByKey(
      (botIds) => em.find(Position, { botId: { $in: botIds } }),
      (position) => position.botId,
    ),
    tradePagesByBot: pageLoader(em, Trade, "botId"),
    orderPagesByBot: pageLoader(em, Order, "botId"),
  };
}
