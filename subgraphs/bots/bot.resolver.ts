import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { canWrite } from "../../src/auth/viewer.js";
import { requireViewer, type RequestContext } from "../../src/graphql/context.js";
import { forbidden } from "../../src/graphql/errors.js";
import { Bot } from "./bot.entity.js";
import { BotConnection, BotsArgs, CreateBotInput, CreateBotPayload } from "./bot.input.js";
import type { BotLoaders } from "./bot.loader.js";
import { BotService } from "./bot.service.js";

type Context = RequestContext<BotLoaders>;

/** Queries and mutations of bots. */
@Resolver(() => Bot)
export class BotResolver {
  @Query(() => Bot, { nullable: true, description: "One bot, if it exists and the viewer may see it." })
  async bot(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Bot | null> {
    const viewer = requireViewer(ctx);
    return BotService.visible(viewer, await ctx.loaders.botById.load(id));
  }

  @Query(() => BotConnection, { description: "The viewer's bots (every bot for an admin), oldest first." })
  async bots(@Args() args: BotsArgs, @Ctx() ctx: Context): Promise<BotConnection> {
    const viewer = requireViewer(ctx);
    return BotConnection.from(await new BotService(ctx.em).list(viewer, args));
  }

  @Mutation(() => CreateBotPayload, { description: "Creates a STOPPED bot owned by the viewer." })
  async createBot(
    @Arg("input", () => CreateBotInput) input: CreateBotInput,
    @Ctx() ctx: Context,
  ): Promise<CreateBotPayload> {
    const viewer = requireViewer(ctx);
    if (!canWrite(viewer)) throw forbidden("Only traders and admins can create bots.");
    const result = await new BotService(ctx.em).create(viewer, input);
    if (result.value !== null) ctx.logger.info({ botId: result.value.id }, "bot created");
    return Object.assign(new CreateBotPayload(), { bot: result.value, userErrors: result.userErrors });
  }
}
