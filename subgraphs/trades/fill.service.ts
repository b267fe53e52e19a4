import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "../../src/db/orm.js";
import { isSqlite } from "../../src/db/platform.js";
import { recordEvent } from "../../src/events/outbox.js";
import { Decimal } from "../../src/graphql/scalars.js";
import { applyFill, feeOf, InsufficientPositionError } from "./accounting.js";
import { Order, OrderStatus, OrderType, RejectReason } from "./order.entity.js";
import { tradesOutbox } from "./outbox.js";
import { Position } from "./position.entity.js";
import { orderSnapshot, tradeSnapshot } from "./snapshots.js";
import { Ticker } from "./ticker.entity.js";
import { Trade } from "./trade.entity.js";

/** What a fill job did. */
export type FillOutcome =
  { status: "FILLED"; tradeId: string } | { status: "REJECTED"; reason: string } | { status: "SKIPPED" };

/**
 * Fills one PENDING order on the paper exchange, in one transaction: the trade, the position and
 * its totals, the order FILLED, and the `trade.executed` and `order.updated` events — or the order
 * REJECTED with `order.rejected`. An order that is no longer PENDING is left alone (jobs run at
 * least once).
 */
export async function fillOrder(em: EntityManager, orderId: string, feeRate: Decimal): Promise<FillOutcome> {
  return em.transactional(async (tx) => {
    const lockMode = isSqlite(tx.getPlatform()) ? LockMode.NONE : LockMode.PESSIMISTIC_WRITE;
    const order = await tx.findOne(Order, { id: orderId }, { lockMode });
    if (order === null || order.status !== OrderStatus.PENDING) return { status: "SKIPPED" } as const;
    const reject = (reason: string): FillOutcome => {
      order.status = OrderStatus.REJECTED;
      order.rejectReason = reason;
      order.updatedAt = new Date();
      recordEvent(tx, tradesOutbox, "order.rejected", {
        ownerId: order.ownerId,
        data: { order: orderSnapshot(order), reason },
      });
      return { status: "REJECTED", reason };
    };
    const price =
      order.type === OrderType.LIMIT
        ? order.limitPrice
        : ((await tx.findOne(Ticker, { symbol: order.symbol }))?.price ?? null);
    if (price === null) return reject(RejectReason.NoMarketPrice);
    const position =
      (await tx.findOne(Position, { botId: order.botId }, { lockMode })) ??
      tx.create(Position, { botId: order.botId, ownerId: order.ownerId, symbol: order.symbol });
    const fee = feeOf(order.quantity, price, feeRate);
    let applied: ReturnType<typeof applyFill>;
    try {
      applied = applyFill(position, { side: order.side, quantity: order.quantity, price, fee });
    } catch (error) {
      if (error instanceof InsufficientPositionError) return reject(RejectReason.InsufficientPosition);
      throw error;
    }
    tx.assign(position, { ...applied.book, updatedAt: new Date() });
    const trade = tx.create(Trade, {
      botId: order.botId,
      orderId: order.id,
      ownerId: order.ownerId,
      symbol: order.symbol,
      side: order.side,
      quantity: order.quantity,
      price: new Decimal(price),
      fee: new Decimal(fee.toFixed()),
      feeCurrency: order.symbol.split("/")[1] ?? "",
      realizedPnl: new Decimal(applied.realizedPnl.toFixed()),
    });
    order.status = OrderStatus.FILLED;
    order.tradeId = trade.id;
    order.updatedAt = new Date();
    recordEvent(tx, tradesOutbox, "trade.executed", { ownerId: order.ownerId, data: { trade: tradeSnapshot(trade) } });
    recordEvent(tx, tradesOutbox, "order.updated", { ownerId: order.ownerId, data: { order: orderSnapshot(order) } });
    return { status: "FILLED", tradeId: trade.id };
  });
}
