import { Arg, Args, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { canSee, canWrite } from "../../src/auth/viewer.js";
import type { DomainEvent } from "../../src/events/types.js";
import { requireViewer, type RequestContext } from "../../src/subgraph/context.js";
import { forbidden } from "../../src/subgraph/errors.js";
import { pushIterator } from "../../src/subgraph/subscriptions.js";
import type { SubgraphServices } from "../../src/subgraph/subgraph.js";
import type { FlagCache } from "../../src/flags/cache.js";
import type { BotsDependencies } from "./dependencies.js";
import { Bot } from "./bot.entity.js";
import {
  BotConnection,
  BotsArgs,
  CreateBotInput,
  CreateBotPayload,
  DeleteBotPayload,
  PauseBotPayload,
  StartBotPayload,
  StopBotPayload,
  UpdateBotInput,
  UpdateBotPayload,
} from "./bot.input.js";
import type { BotLoaders } from "./bot.loader.js";
import { BotService, type LifecycleCommand } from "./bot.service.js";
import { botsOutbox } from "./outbox.js";

type Context = RequestContext<BotLoaders>;

const service = (ctx: Context, flags?: FlagCache): BotService =>
  new BotService(ctx.em, botsOutbox, ctx.requestId, flags);

/** Queries, mutations and subscriptions of bots. */
@Resolver(() => Bot)
export class BotResolver {
  private readonly flags: FlagCache;

  constructor(services: SubgraphServices<BotsDependencies>) {
    this.flags = services.dependencies.flags;
  }

  @Query(() => Bot, { nullable: true, description: "One bot, if it exists and the viewer may see it." })
  async bot(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Bot | null> {
    const viewer = requireViewer(ctx);
    return BotService.visible(viewer, await ctx.loaders.botById.load(id));
  }

  @Query(() => BotConnection, { description: "The viewer's bots (every bot for an admin), oldest first." })
  async bots(@Args() args: BotsArgs, @Ctx() ctx: Context): Promise<BotConnection> {
    const viewer = requireViewer(ctx);
    return BotConnection.from(await service(ctx).list(viewer, args));
  }

  @Mutation(() => CreateBotPayload, { description: "Creates a STOPPED bot owned by the viewer." })
  async createBot(
    @Arg("input", () => CreateBotInput) input: CreateBotInput,
    @Ctx() ctx: Context,
  ): Promise<CreateBotPayload> {
    const viewer = requireViewer(ctx);
    if (!canWrite(viewer)) throw forbidden("Only traders and admins can create bots.");
    const result = await service(ctx, this.flags).create(viewer, input);
    if (result.value !== null) ctx.logger.info({ botId: result.value.id }, "bot created");
    return Object.assign(new CreateBotPayload(), { bot: result.value, userErrors: result.userErrors });
  }

  @Mutation(() => UpdateBotPayload, {
    description: "Changes a bot's name any time, its trading settings while STOPPED.",
  })
  async updateBot(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateBotInput) input: UpdateBotInput,
    @Ctx() ctx: Context,
  ): Promise<UpdateBotPayload> {
    const result = await service(ctx, this.flags).update(requireViewer(ctx), id, input);
    return Object.assign(new UpdateBotPayload(), { bot: result.value, userErrors: result.userErrors });
  }

  @Mutation(() => StartBotPayload, { description: "STOPPED or PAUSED → RUNNING." })
  async startBot(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<StartBotPayload> {
    return Object.assign(new StartBotPayload(), await this.transition(ctx, id, "start"));
  }

  @Mutation(() => PauseBotPayload, { description: "RUNNING → PAUSED." })
  async pauseBot(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<PauseBotPayload> {
    return Object.assign(new PauseBotPayload(), await this.transition(ctx, id, "pause"));
  }

  @Mutation(() => StopBotPayload, { description: "RUNNING, PAUSED or ERROR → STOPPED." })
  async stopBot(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<StopBotPayload> {
    return Object.assign(new StopBotPayload(), await this.transition(ctx, id, "stop"));
  }

  @Mutation(() => DeleteBotPayload, { description: "Deletes a STOPPED bot." })
  async deleteBot(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<DeleteBotPayload> {
    const result = await service(ctx).delete(requireViewer(ctx), id);
    return Object.assign(new DeleteBotPayload(), { deletedBotId: result.value, userErrors: result.userErrors });
  }

  @Subscription(() => Bot, {
    description: "A bot each time its status changes: one bot's, or every bot the viewer may see.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const viewer = requireViewer(ctx);
      const { botId } = args as { botId?: string | null };
      return pushIterator<DomainEvent, DomainEvent<"bot.status_changed">>(
        (push) => ctx.live.events(push),
        (event) =>
          event.type === "bot.status_changed" &&
          event.ownerId !== null &&
          canSee(viewer, event.ownerId) &&
          (botId == null || event.data.bot.id === botId)
            ? event
            : undefined,
      );
    },
  })
  botStatusChanged(
    @Root() event: DomainEvent<"bot.status_changed">,
    @Arg("botId", () => ID, { nullable: true }) _botId: string | null,
  ): Bot {
    const { createdAt, updatedAt, status, ...rest } = event.data.bot;
    return Object.assign(new Bot(), rest, {
      status: status as Bot["status"],
      createdAt: new Date(createdAt),
      updatedAt: new Date(updatedAt),
    });
  }

  private async transition(
    ctx: Context,
    id: string,
    command: LifecycleCommand,
  ): Promise<{ bot: Bot | null; userErrors: CreateBotPayload["userErrors"] }> {
    const result = await service(ctx).transition(requireViewer(ctx), id, command);
    if (result.value !== null) ctx.logger.info({ botId: id, status: result.value.status }, `bot ${command}`);
    return { bot: result.value, userErrors: result.userErrors };
  }
}
