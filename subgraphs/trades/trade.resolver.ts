import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { requireViewer, type RequestContext } from "../../src/graphql/context.js";
import { Bot } from "./bot.reference.js";
import { Trade } from "./trade.entity.js";
import { BotTradesArgs, TradeConnection } from "./trade.input.js";
import type { TradeLoaders } from "./trade.loader.js";
import { TradeService } from "./trade.service.js";

type Context = RequestContext<TradeLoaders>;

/** Queries of trades. */
@Resolver(() => Trade)
export class TradeResolver {
  @Query(() => Trade, { nullable: true, description: "One trade, if it exists and the viewer may see it." })
  async trade(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Trade | null> {
    const viewer = requireViewer(ctx);
    return TradeService.visible(viewer, await ctx.loaders.tradeById.load(id));
  }
}

/** The trades a bot made, resolved here for the bots subgraph's `Bot`. */
@Resolver(() => Bot)
export class BotTradesResolver {
  @FieldResolver(() => TradeConnection, { description: "The bot's trades, oldest first." })
  async trades(@Root() bot: Bot, @Args() args: BotTradesArgs, @Ctx() ctx: Context): Promise<TradeConnection> {
    const viewer = requireViewer(ctx);
    return TradeConnection.from(await new TradeService(ctx.em).forBot(viewer, bot.id, args));
  }
}
