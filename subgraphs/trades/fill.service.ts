import type { Sql, SqlTransaction } from "../../src/db/sql.js";
import { insertEvents } from "../../src/events/outbox.js";
import { Decimal } from "../../src/money/decimal.js";
import { applyFill, feeOf, InsufficientPositionError, type Book } from "./accounting.js";
import { OrderStatus, OrderType, RejectReason, type Order } from "./order.entity.js";
import { selectOrderAndPrice, updateOrderOutcome } from "./order.rows.js";
import { tradesOutbox } from "./outbox.js";
import { quoteOrSeed } from "./market.js";
import { orderSnapshot, tradeSnapshot } from "./events.js";
import { Trade } from "./trade.entity.js";

/** What a fill job did. */
export type FillOutcome =
  { status: "FILLED"; tradeId: string } | { status: "REJECTED"; reason: string } | { status: "SKIPPED" };

/** A `bot_position` row's book, as the drivers return it (decimals as text). */
interface PositionRow {
  quantity: string;
  cost_basis: string;
  realized_pnl: string;
  fees: string;
  volume: string;
  trade_count: number;
  winning_trades: number;
  losing_trades: number;
}

const bookOf = (row: PositionRow): Book => ({
  quantity: new Decimal(row.quantity),
  costBasis: new Decimal(row.cost_basis),
  realizedPnl: new Decimal(row.realized_pnl),
  fees: new Decimal(row.fees),
  volume: new Decimal(row.volume),
  tradeCount: Number(row.trade_count),
  winningTrades: Number(row.winning_trades),
  losingTrades: Number(row.losing_trades),
});

/** The bot's book, locked until the transaction ends (PostgreSQL); an empty one is created first when it has none. */
async function lockPosition(sql: Sql, tx: SqlTransaction, order: Order): Promise<Book> {
  const select =
    'select "quantity", "cost_basis", "realized_pnl", "fees", "volume", "trade_count", "winning_trades", "losing_trades"' +
    ` from "bot_position" where "bot_id" = ?${sql.forUpdate()}`;
  let row = await tx.get<PositionRow>(select, [order.botId]);
  if (row === undefined) {
    // A concurrent first fill of the same bot may insert it too: the row is what both then lock.
    await tx.run(
      'insert into "bot_position" ("bot_id", "owner_id", "symbol", "quantity", "cost_basis", "realized_pnl", "fees",' +
        ' "volume", "trade_count", "winning_trades", "losing_trades", "updated_at")' +
        " values (?, ?, ?, '0', '0', '0', '0', '0', 0, 0, 0, ?) on conflict (\"bot_id\") do nothing",
      [order.botId, order.ownerId, order.symbol, new Date()],
    );
    row = await tx.get<PositionRow>(select, [order.botId]);
  }
  if (row === undefined) throw new Error(`no position of bot ${order.botId} after creating it`);
  return bookOf(row);
}

/** How the paper exchange fills. */
export interface FillRules {
  /** Fee per notional, e.g. 0.001. */
  feeRate: Decimal;
  /** The simulated market is on: a MARKET order on a symbol without a price seeds its starting price. */
  simulatedMarket: boolean;
}

/**
 * Fills one PENDING order on the paper exchange, in one transaction: the trade, the position and
 * its totals, the order FILLED, and the `trade.executed` and `order.updated` events — or the order
 * REJECTED with `order.rejected`. An order that is no longer PENDING is left alone (jobs run at
 * least once). Plain SQL (src/db/sql.ts), as this runs for every order: on PostgreSQL five round
 * trips (begin, the order with its price, the position, every write at once, commit).
 */
export async function fillOrder(sql: Sql, orderId: string, rules: FillRules): Promise<FillOutcome> {
  const { feeRate } = rules;
  return sql.transaction(async (tx) => {
    const found = await selectOrderAndPrice(tx, orderId, sql.forUpdate("o"));
    if (found === null || found.order.status !== OrderStatus.PENDING) return { status: "SKIPPED" } as const;
    const { order } = found;
    const reject = async (reason: string): Promise<FillOutcome> => {
      order.status = OrderStatus.REJECTED;
      order.rejectReason = reason;
      order.updatedAt = new Date();
      await tx.runAll([
        updateOrderOutcome(order),
        insertEvents(tx, tradesOutbox, [
          { type: "order.rejected", ownerId: order.ownerId, data: { order: orderSnapshot(order), reason } },
        ]),
      ]);
      return { status: "REJECTED", reason };
    };
    const price =
      order.type === OrderType.LIMIT
        ? order.limitPrice
        : (found.lastPrice ?? (rules.simulatedMarket ? await quoteOrSeed(tx, order.symbol) : null));
    if (price === null) return reject(RejectReason.NoMarketPrice);
    const book = await lockPosition(sql, tx, order);
    const fee = feeOf(order.quantity, price, feeRate);
    let applied: ReturnType<typeof applyFill>;
    try {
      applied = applyFill(book, { side: order.side, quantity: order.quantity, price, fee });
    } catch (error) {
      if (error instanceof InsufficientPositionError) return reject(RejectReason.InsufficientPosition);
      throw error;
    }
    const next = applied.book;
    const now = new Date();
    const trade = Object.assign(new Trade(), {
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
      executedAt: now,
    });
    order.status = OrderStatus.FILLED;
    order.tradeId = trade.id;
    order.updatedAt = now;
    await tx.runAll([
      {
        sql:
          'update "bot_position" set "quantity" = ?, "cost_basis" = ?, "realized_pnl" = ?, "fees" = ?, "volume" = ?,' +
          ' "trade_count" = ?, "winning_trades" = ?, "losing_trades" = ?, "updated_at" = ? where "bot_id" = ?',
        params: [
          next.quantity.toFixed(),
          next.costBasis.toFixed(),
          next.realizedPnl.toFixed(),
          next.fees.toFixed(),
          next.volume.toFixed(),
          next.tradeCount,
          next.winningTrades,
          next.losingTrades,
          now,
          order.botId,
        ],
      },
      {
        sql:
          'insert into "trade" ("id", "bot_id", "order_id", "owner_id", "symbol", "side", "quantity", "price", "fee",' +
          ' "fee_currency", "realized_pnl", "executed_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        params: [
          trade.id,
          trade.botId,
          trade.orderId,
          trade.ownerId,
          trade.symbol,
          trade.side,
          trade.quantity.toFixed(),
          trade.price.toFixed(),
          trade.fee.toFixed(),
          trade.feeCurrency,
          trade.realizedPnl.toFixed(),
          trade.executedAt,
        ],
      },
      updateOrderOutcome(order),
      insertEvents(tx, tradesOutbox, [
        { type: "trade.executed", ownerId: order.ownerId, data: { trade: tradeSnapshot(trade) } },
        { type: "order.updated", ownerId: order.ownerId, data: { order: orderSnapshot(order) } },
      ]),
    ]);
    return { status: "FILLED", tradeId: trade.id };
  });
}
