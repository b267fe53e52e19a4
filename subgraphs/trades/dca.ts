import type { Logger } from "../../src/observability/logger.js";
import type { EntityManager } from "../../src/db/orm.js";
import type { Sql } from "../../src/db/sql.js";
import { Decimal } from "../../src/money/decimal.js";
import type { TaskQueue } from "../../src/queue/types.js";
import { BotStatus, type BotFacts, type BotReader } from "../bots/public.js";
import { OrderType } from "./order.entity.js";
import { OrderService } from "./order.service.js";
import { OrderSide } from "./trade.entity.js";

/** How a DCA run's own orders are told apart: their client order ids start with it. */
export const DCA_CLIENT_ORDER_PREFIX = "dca-";

/** The scheduler of a DCA bot's buys. */
export const dcaSchedulerId = (botId: string): string => `dca-${botId}`;

const isTradingDca = (bot: BotFacts | null): bot is BotFacts =>
  bot !== null && bot.strategy === "dca" && bot.status === BotStatus.RUNNING;

/** Schedules a RUNNING DCA bot's buys every `intervalSeconds`, or removes the schedule otherwise. Idempotent. */
export async function syncDcaSchedule(
  queue: TaskQueue,
  bots: BotReader,
  botId: string,
): Promise<"scheduled" | "unscheduled"> {
  const bot = await bots.find(botId);
  if (!isTradingDca(bot)) {
    await queue.unschedule("orders", dcaSchedulerId(botId));
    return "unscheduled";
  }
  const intervalSeconds = Number(bot.config["intervalSeconds"]);
  await queue.schedule("orders.dcaTick", dcaSchedulerId(bot.id), intervalSeconds * 1000, { botId: bot.id });
  return "scheduled";
}

/** At start: every RUNNING DCA bot has its schedule, and no schedule outlives its bot's run. */
export async function reconcileDcaSchedules(queue: TaskQueue, bots: BotReader): Promise<void> {
  const running = await bots.list(BotStatus.RUNNING, "dca");
  const scheduled = (await queue.getSchedulers("orders"))
    .filter((s) => s.id.startsWith("dca-"))
    .map((s) => s.id.slice("dca-".length));
  const ids = new Set([...running.map((bot) => bot.id), ...scheduled]);
  for (const botId of ids) await syncDcaSchedule(queue, bots, botId);
}

/** What one DCA buy needs: where it writes, whom it asks, which bot and run. */
export interface DcaBuy {
  em: EntityManager;
  sql: Sql;
  bots: BotReader;
  queue: TaskQueue;
  botId: string;
  /** The run's time: it makes the client order id, so a retried run never buys twice. */
  scheduledAt: Date;
  /** The largest quantity an order may have (config.trading.maxOrderQuantity). */
  maxQuantity: Decimal;
  logger: Logger;
}

/**
 * One scheduled DCA buy: a MARKET BUY of `orderQuantity` through the same path as submitOrder,
 * on behalf of the bot's owner. The client order id comes from the run's time, so a retried run
 * never buys twice.
 */
export async function dcaBuy(run: DcaBuy): Promise<string | null> {
  const { em, sql, bots, queue, botId, scheduledAt, maxQuantity, logger } = run;
  const bot = await bots.find(botId);
  if (!isTradingDca(bot)) {
    await queue.unschedule("orders", dcaSchedulerId(botId));
    return null;
  }
  const result = await new OrderService(em, sql, bots).submit(
    { id: bot.ownerId, roles: ["trader"] },
    {
      botId,
      clientOrderId: `${DCA_CLIENT_ORDER_PREFIX}${scheduledAt.getTime()}`,
      side: OrderSide.BUY,
      type: OrderType.MARKET,
      quantity: new Decimal(String(bot.config["orderQuantity"])),
      limitPrice: null,
    },
    maxQuantity,
  );
  if (result.value === null) {
    logger.warn({ botId, userErrors: result.userErrors }, "DCA buy refused");
    return null;
  }
  return result.value.id;
}
