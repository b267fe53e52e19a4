import { plainSql } from "../../src/db/sql.js";
import type { RequestContext } from "../../src/subgraph/context.js";
import type { SubgraphDefinition } from "../../src/subgraph/subgraph.js";
import { Decimal } from "../../src/money/decimal.js";
import { Bot } from "./bot.reference.js";
import { dcaBuy, reconcileDcaSchedules, syncDcaSchedule } from "./dca.js";
import { openTradesDependencies, type TradesDependencies } from "./dependencies.js";
import { fillOrder } from "./fill.service.js";
import { CreateTrade } from "./migrations/001-create-trade.js";
import { AddTradesOutboxTraceparent } from "./migrations/003-add-outbox-traceparent.js";
import { CreateOrders } from "./migrations/002-create-orders.js";
import { Order } from "./order.entity.js";
import { OrderResolver } from "./order.resolver.js";
import { OrderService } from "./order.service.js";
import { tradesOutbox } from "./outbox.js";
import { Position } from "./position.entity.js";
import { Ticker } from "./ticker.entity.js";
import { TickerResolver } from "./ticker.resolver.js";
import { Trade } from "./trade.entity.js";
import { createTradeLoaders, type TradeLoaders } from "./trade.loader.js";
import { BotTradingResolver, PerformanceResolver, TradeResolver } from "./trade.resolver.js";
import { TradeService } from "./trade.service.js";
import { tradesPermissions } from "./permissions.js";
import { tradesReactions } from "./reactions.js";
import { tradesTasks } from "./tasks.js";

/** The trades subgraph: orders, the paper exchange, trades and what they earned. */
export const tradesSubgraph: SubgraphDefinition<TradeLoaders, TradesDependencies> = {
  name: "trades",
  entities: [Trade, Order, Position, Ticker],
  outbox: tradesOutbox,
  migrations: [
    { name: "001-create-trade", class: CreateTrade },
    { name: "002-create-orders", class: CreateOrders },
    { name: "003-add-outbox-traceparent", class: AddTradesOutboxTraceparent },
  ],
  tasks: tradesTasks,
  consumes: tradesReactions,
  resolvers: [TradeResolver, BotTradingResolver, PerformanceResolver, OrderResolver, TickerResolver],
  permissions: tradesPermissions,
  referenceResolvers: {
    Bot: (reference: { id: string }) => Bot.reference(reference.id),
    Trade: async (reference: { id: string }, ctx: RequestContext<TradeLoaders>) =>
      TradeService.visible(ctx.viewer, await ctx.loaders.tradeById.load(reference.id)),
    Order: async (reference: { id: string }, ctx: RequestContext<TradeLoaders>) =>
      OrderService.visible(ctx.viewer, await ctx.loaders.orderById.load(reference.id)),
  },
  createLoaders: createTradeLoaders,
  openDependencies: openTradesDependencies,
  startWorkers(services) {
    const { queue, orm, config, logger } = services;
    const { bots } = services.dependencies;
    const fillRules = {
      feeRate: new Decimal(config.trading.feeRate),
      simulatedMarket: config.trading.simulatedMarket,
    };
    const maxQuantity = new Decimal(config.trading.maxOrderQuantity);
    queue.process("orders.dcaSync", (job) => syncDcaSchedule(queue, bots, job.payload.botId));
    queue.process("orders.dcaTick", async (job) => ({
      orderId: await dcaBuy({
        em: orm.em.fork(),
        sql: plainSql(orm.em),
        bots,
        queue,
        botId: job.payload.botId,
        scheduledAt: job.scheduledAt ?? new Date(),
        maxQuantity,
        logger,
      }),
    }));
    queue.process(
      "orders.fill",
      async (job) => {
        const outcome = await fillOrder(plainSql(orm.em), job.payload.orderId, fillRules);
        logger.info({ orderId: job.payload.orderId, ...outcome }, "order fill");
        return outcome;
      },
      { concurrency: 8 },
    );
  },
  onStart: ({ queue, dependencies }) => reconcileDcaSchedules(queue, dependencies.bots),
};
