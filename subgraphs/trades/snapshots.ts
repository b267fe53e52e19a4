import type { Order } from "./order.entity.js";
import type { Trade } from "./trade.entity.js";

/** An order as events carry it: plain JSON, decimals as strings. */
export function orderSnapshot(order: Order): Record<string, unknown> {
  return {
    id: order.id,
    botId: order.botId,
    ownerId: order.ownerId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: order.quantity.toFixed(),
    limitPrice: order.limitPrice?.toFixed() ?? null,
    status: order.status,
    rejectReason: order.rejectReason,
    tradeId: order.tradeId,
    createdAt: order.createdAt.toISOString(),
  };
}

/** A trade as events carry it. */
export function tradeSnapshot(trade: Trade): Record<string, unknown> {
  return {
    id: trade.id,
    botId: trade.botId,
    orderId: trade.orderId,
    ownerId: trade.ownerId,
    symbol: trade.symbol,
    side: trade.side,
    quantity: trade.quantity.toFixed(),
    price: trade.price.toFixed(),
    fee: trade.fee.toFixed(),
    feeCurrency: trade.feeCurrency,
    realizedPnl: trade.realizedPnl.toFixed(),
    executedAt: trade.executedAt.toISOString(),
  };
}
