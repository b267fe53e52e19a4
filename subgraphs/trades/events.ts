import { Decimal } from "../../src/money/decimal.js";
import { Order, type OrderStatus, type OrderType } from "./order.entity.js";
import { Trade, type OrderSide } from "./trade.entity.js";

/** An order as events carry it: plain JSON, decimals as strings, dates as ISO 8601. */
export interface OrderSnapshot {
  id: string;
  botId: string;
  ownerId: string;
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: string;
  limitPrice: string | null;
  status: OrderStatus;
  rejectReason: string | null;
  tradeId: string | null;
  createdAt: string;
}

/** A trade as events carry it. */
export interface TradeSnapshot {
  id: string;
  botId: string;
  orderId: string | null;
  ownerId: string;
  symbol: string;
  side: OrderSide;
  quantity: string;
  price: string;
  fee: string;
  feeCurrency: string;
  realizedPnl: string;
  executedAt: string;
}

declare module "../../src/events/types.js" {
  interface EventDataMap {
    /** An order was submitted (PENDING, which starts its fill), filled or canceled. */
    "order.updated": { order: OrderSnapshot };
    /** An order was refused by the exchange, with the reason. */
    "order.rejected": { order: OrderSnapshot; reason: string };
    /** An order was filled: the trade it made. */
    "trade.executed": { trade: TradeSnapshot };
  }
}

/** The snapshot of an order, for its events. */
export function orderSnapshot(order: Order): OrderSnapshot {
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

/** The order an event's snapshot describes. */
export function orderFromSnapshot(snapshot: OrderSnapshot): Order {
  return Object.assign(new Order(), {
    ...snapshot,
    quantity: new Decimal(snapshot.quantity),
    limitPrice: snapshot.limitPrice === null ? null : new Decimal(snapshot.limitPrice),
    createdAt: new Date(snapshot.createdAt),
  });
}

/** The snapshot of a trade, for its event. */
export function tradeSnapshot(trade: Trade): TradeSnapshot {
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

/** The trade an event's snapshot describes. */
export function tradeFromSnapshot(snapshot: TradeSnapshot): Trade {
  return Object.assign(new Trade(), {
    ...snapshot,
    quantity: new Decimal(snapshot.quantity),
    price: new Decimal(snapshot.price),
    fee: new Decimal(snapshot.fee),
    realizedPnl: new Decimal(snapshot.realizedPnl),
    executedAt: new Date(snapshot.executedAt),
  });
}
