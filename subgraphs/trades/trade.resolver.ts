import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import { canSee } from "../../src/auth/viewer.js";
import type { DomainEvent } from "../../src/events/types.js";
import { requireViewer, type RequestContext } from "../../src/subgraph/context.js";
import { pushIterator } from "../../src/subgraph/subscriptions.js";
import { Bot } from "./bot.reference.js";
import { BotOrdersArgs, OrderConnection } from "./order.input.js";
import { Order } from "./order.entity.js";
import { ordersOfBot } from "./order.service.js";
import { BotPerformance, BotPosition, DailyPerformance } from "./performance.types.js";
import { dailyPerformance, performanceOf, positionOf } from "./performance.service.js";
import { Trade } from "./trade.entity.js";
import { tradeFromSnapshot } from "./events.js";
import { BotTradesArgs, TradeConnection } from "./trade.input.js";
import type { TradeLoaders } from "./trade.loader.js";
import { TradeService } from "./trade.service.js";

type Context = RequestContext<TradeLoaders>;

/** Trades: read and watch. */
@Resolver(() => Trade)
export class TradeResolver {
  @Query(() => Trade, { nullable: true, description: "One trade, if it exists and the viewer may see it." })
  async trade(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Trade | null> {
    return TradeService.visible(requireViewer(ctx), await ctx.loaders.tradeById.load(id));
  }

  @Query(() => TradeConnection, { description: "A bot's trades, oldest first." })
  async trades(
    @Arg("botId", () => ID) botId: string,
    @Args() args: BotTradesArgs,
    @Ctx() ctx: Context,
  ): Promise<TradeConnection> {
    return TradeConnection.from(await new TradeService(ctx.em).forBot(requireViewer(ctx), botId, args));
  }

  @FieldResolver(() => Order, { description: "The order this trade filled." })
  async order(@Root() trade: Trade, @Ctx() ctx: Context): Promise<Order | null> {
    return ctx.loaders.orderById.load(trade.orderId);
  }

  @Subscription(() => Trade, {
    description: "Each trade as it executes: one bot's, or every trade the viewer may see.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const viewer = requireViewer(ctx);
      const { botId } = args as { botId?: string | null };
      return pushIterator<DomainEvent, DomainEvent<"trade.executed">>(
        (push) => ctx.live.events(push),
        (event) =>
          event.type === "trade.executed" &&
          event.ownerId !== null &&
          canSee(viewer, event.ownerId) &&
          (botId == null || event.data.trade.botId === botId)
            ? event
            : undefined,
      );
    },
  })
  tradeExecuted(
    @Root() event: DomainEvent<"trade.executed">,
    @Arg("botId", () => ID, { nullable: true }) _botId: string | null,
  ): Trade {
    return tradeFromSnapshot(event.data.trade);
  }
}

/** What the trades subgraph adds to the bots subgraph's `Bot`. */
@Resolver(() => Bot)
export class BotTradingResolver {
  @FieldResolver(() => TradeConnection, { description: "The bot's trades, oldest first." })
  async trades(@Root() bot: Bot, @Args() args: BotTradesArgs, @Ctx() ctx: Context): Promise<TradeConnection> {
    return TradeConnection.from(
      await TradeService.pageOfBot(ctx.loaders.tradePagesByBot, requireViewer(ctx), bot.id, args),
    );
  }

  @FieldResolver(() => OrderConnection, { description: "The bot's orders, oldest first." })
  async orders(@Root() bot: Bot, @Args() args: BotOrdersArgs, @Ctx() ctx: Context): Promise<OrderConnection> {
    return OrderConnection.from(await ordersOfBot(ctx.loaders.orderPagesByBot, requireViewer(ctx), bot.id, args));
  }

  @FieldResolver(() => BotPosition, { description: "What the bot holds." })
  async position(@Root() bot: Bot, @Ctx() ctx: Context): Promise<BotPosition> {
    return positionOf(await this.visiblePosition(bot, ctx));
  }

  @FieldResolver(() => BotPerformance, { description: "How the bot did." })
  async performance(@Root() bot: Bot, @Ctx() ctx: Context): Promise<BotPerformance> {
    return performanceOf(bot.id, await this.visiblePosition(bot, ctx));
  }

  private async visiblePosition(bot: Bot, ctx: Context) {
    const viewer = requireViewer(ctx);
    const position = await ctx.loaders.positionByBot.load(bot.id);
    return position !== null && canSee(viewer, position.ownerId) ? position : null;
  }
}

/** The daily buckets of a bot's performance. */
@Resolver(() => BotPerformance)
export class PerformanceResolver {
  @FieldResolver(() => [DailyPerformance], { description: "The last `days` UTC days (1–90), oldest first." })
  async daily(
    @Root() performance: BotPerformance,
    @Arg("days", () => Int, { defaultValue: 7 }) days: number,
    @Ctx() ctx: Context,
  ): Promise<DailyPerformance[]> {
    return dailyPerformance(ctx.em, requireViewer(ctx), performance.botId, Math.min(Math.max(days, 1), 90));
  }
}
