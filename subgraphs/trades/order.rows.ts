import { readDate, type SqlSession, type SqlStatement } from "../../src/db/sql.js";
import { Decimal } from "../../src/money/decimal.js";
import { Order, type OrderStatus, type OrderType } from "./order.entity.js";
import type { OrderSide } from "./trade.entity.js";

/**
 * `trade_order` in plain SQL (src/db/sql.ts), for the statements every order runs (submit, fill);
 * the columns of {@link Order} as migration 002 made them.
 */
const COLUMNS =
  '"id", "bot_id", "owner_id", "client_order_id", "symbol", "side", "type", "quantity", "limit_price", "status",' +
  ' "reject_reason", "trade_id", "created_at", "updated_at"';

/** An order row as the drivers return it. */
interface OrderRow {
  id: string;
  bot_id: string;
  owner_id: string;
  client_order_id: string;
  symbol: string;
  side: string;
  type: string;
  quantity: string;
  limit_price: string | null;
  status: string;
  reject_reason: string | null;
  trade_id: string | null;
  created_at: Date | number | string;
  updated_at: Date | number | string;
}

function orderOfRow(row: OrderRow): Order {
  return Object.assign(Object.create(Order.prototype) as Order, {
    id: row.id,
    botId: row.bot_id,
    ownerId: row.owner_id,
    clientOrderId: row.client_order_id,
    symbol: row.symbol,
    side: row.side as OrderSide,
    type: row.type as OrderType,
    quantity: new Decimal(row.quantity),
    limitPrice: row.limit_price === null ? null : new Decimal(row.limit_price),
    status: row.status as OrderStatus,
    rejectReason: row.reject_reason,
    tradeId: row.trade_id,
    createdAt: readDate(row.created_at),
    updatedAt: readDate(row.updated_at),
  });
}

/**
 * The order with this id and the last price of its symbol (null without a ticker); `lock` (see
 * Sql.forUpdate) holds the order's row until the transaction ends.
 */
export async function selectOrderAndPrice(
  session: SqlSession,
  id: string,
  lock: string,
): Promise<{ order: Order; lastPrice: Decimal | null } | null> {
  const row = await session.get<OrderRow & { last_price: string | null }>(
    `select ${COLUMNS.replace(/"([a-z_]+)"/g, 'o."$1"')}, t."price" as "last_price" from "trade_order" o` +
      ` left join "ticker" t on t."symbol" = o."symbol" where o."id" = ?${lock}`,
    [id],
  );
  return row === undefined
    ? null
    : { order: orderOfRow(row), lastPrice: row.last_price === null ? null : new Decimal(row.last_price) };
}

/** The orders with these ids (any order; unknown ids have none). */
export async function selectOrders(session: SqlSession, ids: readonly string[]): Promise<Order[]> {
  const rows = await session.all<OrderRow>(
    `select ${COLUMNS} from "trade_order" where "id" in (${ids.map(() => "?").join(", ")})`,
    ids,
  );
  return rows.map(orderOfRow);
}

/** The bot's order with this client key (unique per bot), if any. */
export async function selectOrderByClientId(
  session: SqlSession,
  botId: string,
  clientOrderId: string,
): Promise<Order | null> {
  const row = await session.get<OrderRow>(
    `select ${COLUMNS} from "trade_order" where "bot_id" = ? and "client_order_id" = ?`,
    [botId, clientOrderId],
  );
  return row === undefined ? null : orderOfRow(row);
}

/** The statement that inserts a new order; it changes nothing when the bot has an order with its client key already. */
export function insertOrder(order: Order): SqlStatement {
  return {
    sql:
      `insert into "trade_order" (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)` +
      ' on conflict ("bot_id", "client_order_id") do nothing',
    params: [
      order.id,
      order.botId,
      order.ownerId,
      order.clientOrderId,
      order.symbol,
      order.side,
      order.type,
      order.quantity.toFixed(),
      order.limitPrice?.toFixed() ?? null,
      order.status,
      order.rejectReason,
      order.tradeId,
      order.createdAt,
      order.updatedAt,
    ],
  };
}

/** The statement that writes the order's status, reject reason, trade and update time. */
export function updateOrderOutcome(order: Order): SqlStatement {
  return {
    sql: 'update "trade_order" set "status" = ?, "reject_reason" = ?, "trade_id" = ?, "updated_at" = ? where "id" = ?',
    params: [order.status, order.rejectReason, order.tradeId, order.updatedAt, order.id],
  };
}
