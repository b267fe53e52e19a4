import type { FilterQuery } from "@mikro-orm/core";
import { canSee, canWrite, isAdmin, type Viewer } from "../../src/auth/viewer.js";
import type { EntityManager } from "../../src/db/orm.js";
import type { PageArgs, PageLoader } from "../../src/db/paginate.js";
import type { Sql } from "../../src/db/sql.js";
import { insertEvents, recordEvent } from "../../src/events/outbox.js";
import type { Page } from "../../src/subgraph/connection.js";
import { argumentError, forbidden, userError, UserErrorCode, type UserError } from "../../src/subgraph/errors.js";
import type { Decimal } from "../../src/money/decimal.js";
import { BotStatus, type BotReader } from "../bots/public.js";
import { Order, OrderStatus, OrderType } from "./order.entity.js";
import type { SubmitOrderInput } from "./order.input.js";
import { insertOrder, selectOrderByClientId } from "./order.rows.js";
import { tradesOutbox } from "./outbox.js";
import { orderSnapshot } from "./events.js";

/** The outcome of a command: what it made, or why not. */
export type Result<T> = { value: T; userErrors: [] } | { value: null; userErrors: UserError[] };
const ok = <T>(value: T): Result<T> => ({ value, userErrors: [] });
const failed = <T>(userErrors: UserError[]): Result<T> => ({ value: null, userErrors });

const CLIENT_ORDER_ID = /^[\x21-\x7e]{1,64}$/;

/** Checks an order's own fields; every problem is reported with its field path. */
export function validateOrder(input: SubmitOrderInput, maxQuantity: Decimal): UserError[] {
  const errors: UserError[] = [];
  if (!CLIENT_ORDER_ID.test(input.clientOrderId)) {
    errors.push(userError(["clientOrderId"], "clientOrderId: must be 1–64 printable characters without spaces"));
  }
  if (input.quantity.lte(0))
    errors.push(userError(["quantity"], `quantity: must be greater than 0, got "${input.quantity.toFixed()}"`));
  if (input.quantity.gt(maxQuantity)) {
    errors.push(
      userError(["quantity"], `quantity: must be at most ${maxQuantity.toFixed()}, got "${input.quantity.toFixed()}"`),
    );
  }
  if (input.type === OrderType.LIMIT && input.limitPrice == null)
    errors.push(userError(["limitPrice"], "limitPrice: required for a LIMIT order"));
  if (input.type === OrderType.MARKET && input.limitPrice != null) {
    errors.push(userError(["limitPrice"], "limitPrice: not allowed on a MARKET order, which fills at the last price"));
  }
  if (input.limitPrice != null && input.limitPrice.lte(0)) {
    errors.push(userError(["limitPrice"], `limitPrice: must be greater than 0, got "${input.limitPrice.toFixed()}"`));
  }
  return errors;
}

/** Orders: submitted PENDING and filled by a queue job the outbox starts. */
export class OrderService {
  constructor(
    private readonly em: EntityManager,
    private readonly sql: Sql,
    private readonly bots: BotReader,
    private readonly requestId?: string,
  ) {}

  /**
   * Stores a PENDING order and, in the same transaction, the event that starts its fill job.
   * Idempotent on (bot, clientOrderId): the same key returns the order it made, even concurrently.
   * Plain SQL (src/db/sql.ts): this runs for every order.
   */
  async submit(viewer: Viewer, input: SubmitOrderInput, maxQuantity: Decimal): Promise<Result<Order>> {
    const bot = await this.bots.find(input.botId);
    if (bot === null || !canSee(viewer, bot.ownerId)) {
      return failed([
        userError(["botId"], `botId: no bot ${JSON.stringify(input.botId)} that you can see`, UserErrorCode.NotFound),
      ]);
    }
    if (!canWrite(viewer)) throw forbidden("Only traders and admins can submit orders.");
    const errors = validateOrder(input, maxQuantity);
    if (errors.length > 0) return failed(errors);
    return this.sql.transaction(async (tx) => {
      if (bot.status !== BotStatus.RUNNING) {
        const existing = await selectOrderByClientId(tx, bot.id, input.clientOrderId);
        if (existing !== null) return ok(existing);
        return failed<Order>([
          userError(
            ["botId"],
            `botId: the bot is ${bot.status}; orders need a RUNNING bot`,
            UserErrorCode.InvalidState,
          ),
        ]);
      }
      const now = new Date();
      const order = Object.assign(new Order(), {
        botId: bot.id,
        ownerId: bot.ownerId,
        clientOrderId: input.clientOrderId,
        symbol: bot.symbol,
        side: input.side,
        type: input.type,
        quantity: input.quantity,
        limitPrice: input.limitPrice ?? null,
        createdAt: now,
        updatedAt: now,
      });
      const [inserted] = await tx.runAll([
        insertOrder(order),
        insertEvents(tx, tradesOutbox, [
          {
            type: "order.updated",
            ownerId: bot.ownerId,
            data: { order: orderSnapshot(order) },
            requestId: this.requestId,
          },
        ]),
      ]);
      if (inserted === 0) {
        // The key was used before, or by a concurrent request that committed first: its order is the
        // answer, and the event written beside the insert that did nothing is rolled back.
        tx.setRollbackOnly();
        const existing = await selectOrderByClientId(tx, bot.id, input.clientOrderId);
        if (existing === null)
          throw new Error(`order ${input.clientOrderId} of bot ${bot.id} conflicts but cannot be read`);
        return ok(existing);
      }
      return ok(order);
    });
  }

  /** Cancels a PENDING order; one that was filled meanwhile is an INVALID_STATE userError. */
  async cancel(viewer: Viewer, id: string): Promise<Result<Order>> {
    const order = OrderService.visible(viewer, await this.em.findOne(Order, { id }));
    if (order === null)
      return failed([
        argumentError("id", `id: no order ${JSON.stringify(id)} that you can see`, UserErrorCode.NotFound),
      ]);
    if (!canWrite(viewer)) throw forbidden("Only traders and admins can cancel orders.");
    const canceled = await this.em.transactional(async (tx) => {
      const changed = await tx.nativeUpdate(
        Order,
        { id, status: OrderStatus.PENDING },
        { status: OrderStatus.CANCELED, updatedAt: new Date() },
      );
      if (changed === 0) return false;
      recordEvent(tx, tradesOutbox, "order.updated", {
        ownerId: order.ownerId,
        data: { order: { ...orderSnapshot(order), status: OrderStatus.CANCELED } },
        requestId: this.requestId,
      });
      return true;
    });
    const current = await this.em.refreshOrFail(order);
    if (!canceled)
      return failed([
        argumentError(
          "id",
          `id: only a PENDING order can be canceled; this one is ${current.status}`,
          UserErrorCode.InvalidState,
        ),
      ]);
    return ok(current);
  }

  /** Keeps only what the viewer may see. */
  static visible(viewer: Viewer | null, order: Order | null): Order | null {
    return order !== null && canSee(viewer, order.ownerId) ? order : null;
  }
}

/** A bot's orders the viewer may see, oldest first, through the request's loader (batched across bots). */
export function ordersOfBot(
  pages: PageLoader<Order>,
  viewer: Viewer,
  botId: string,
  args: PageArgs & { status?: OrderStatus | null },
): Promise<Page<Order>> {
  const where: FilterQuery<Order> = {
    ...(isAdmin(viewer) ? {} : { ownerId: viewer.id }),
    ...(args.status ? { status: args.status } : {}),
  };
  return pages.load({ parentId: botId, args, where });
}
