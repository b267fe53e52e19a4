import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { canSee } from "../../src/auth/viewer.js";
import type { DomainEvent } from "../../src/events/types.js";
import { requireViewer, type RequestContext } from "../../src/subgraph/context.js";
import { plainSql } from "../../src/db/sql.js";
import type { SubgraphServices } from "../../src/subgraph/subgraph.js";
import { Decimal } from "../../src/money/decimal.js";
import { pushIterator } from "../../src/subgraph/subscriptions.js";
import { Bot } from "./bot.reference.js";
import type { TradesDependencies } from "./dependencies.js";
import { orderFromSnapshot } from "./events.js";
import { Order } from "./order.entity.js";
import { CancelOrderPayload, SubmitOrderInput, SubmitOrderPayload } from "./order.input.js";
import { OrderService } from "./order.service.js";
import { Trade } from "./trade.entity.js";
import type { TradeLoaders } from "./trade.loader.js";

type Context = RequestContext<TradeLoaders>;
type OrderEvent = DomainEvent<"order.updated" | "order.rejected">;

/** Orders: submit, cancel, read, watch. */
@Resolver(() => Order)
export class OrderResolver {
  constructor(private readonly services: SubgraphServices<TradesDependencies>) {}

  @Query(() => Order, { nullable: true, description: "One order, if it exists and the viewer may see it." })
  async order(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Order | null> {
    return OrderService.visible(requireViewer(ctx), await ctx.loaders.orderById.load(id));
  }

  @Mutation(() => SubmitOrderPayload, {
    description:
      "Stores a PENDING order for a RUNNING bot and returns it at once; a job fills it. Idempotent on (botId, clientOrderId).",
  })
  async submitOrder(
    @Arg("input", () => SubmitOrderInput) input: SubmitOrderInput,
    @Ctx() ctx: Context,
  ): Promise<SubmitOrderPayload> {
    const result = await this.service(ctx).submit(
      requireViewer(ctx),
      input,
      new Decimal(this.services.config.trading.maxOrderQuantity),
    );
    return Object.assign(new SubmitOrderPayload(), { order: result.value, userErrors: result.userErrors });
  }

  @Mutation(() => CancelOrderPayload, { description: "Cancels an order that is still PENDING." })
  async cancelOrder(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<CancelOrderPayload> {
    const result = await this.service(ctx).cancel(requireViewer(ctx), id);
    return Object.assign(new CancelOrderPayload(), { order: result.value, userErrors: result.userErrors });
  }

  @FieldResolver(() => Bot)
  bot(@Root() order: Order): Bot {
    return Bot.reference(order.botId);
  }

  @FieldResolver(() => Trade, { nullable: true, description: "The trade that filled it." })
  async trade(@Root() order: Order, @Ctx() ctx: Context): Promise<Trade | null> {
    return order.tradeId === null ? null : ctx.loaders.tradeById.load(order.tradeId);
  }

  @Subscription(() => Order, {
    description:
      "An order each time its status changes (submitted, filled, rejected, canceled): one bot's, or every order the viewer may see.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const viewer = requireViewer(ctx);
      const { botId } = args as { botId?: string | null };
      return pushIterator<DomainEvent, OrderEvent>(
        (push) => ctx.live.events(push),
        (event) =>
          (event.type === "order.updated" || event.type === "order.rejected") &&
          event.ownerId !== null &&
          canSee(viewer, event.ownerId) &&
          (botId == null || event.data.order.botId === botId)
            ? event
            : undefined,
      );
    },
  })
  orderUpdated(@Root() event: OrderEvent, @Arg("botId", () => ID, { nullable: true }) _botId: string | null): Order {
    return orderFromSnapshot(event.data.order);
  }

  private service(ctx: Context): OrderService {
    return new OrderService(ctx.em, plainSql(ctx.em), this.services.dependencies.bots, ctx.requestId);
  }
}
