import { ArgsType, Field, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionArgs, Connection } from "../../src/subgraph/connection.js";
import { UserError } from "../../src/subgraph/errors.js";
import { JSONScalar } from "../../src/subgraph/scalars.js";
import { Bot, BotStatus } from "./bot.entity.js";

/** Input of `createBot`. */
@InputType()
export class CreateBotInput {
  @Field({ description: "1–100 characters after trimming, no markup." })
  name: string;

  @Field({ defaultValue: "paper", description: 'A registered exchange; "paper" is built in.' })
  exchange: string;

  @Field({ description: "BASE/QUOTE in capitals, e.g. BTC/USDT." })
  symbol: string;

  @Field({
    defaultValue: "manual",
    description: "manual, dca, grid or arbitrage (experimental: needs the arbitrage flag).",
  })
  strategy: string;

  @Field(() => JSONScalar, { nullable: true, description: "The strategy's parameters; {} when omitted." })
  config?: unknown;
}

/** Result of `createBot`. */
@ObjectType()
export class CreateBotPayload {
  @Field(() => Bot, { nullable: true })
  bot: Bot | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Input of `updateBot`: only the fields given change; trading settings only while STOPPED. */
@InputType()
export class UpdateBotInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  exchange?: string | null;

  @Field(() => String, { nullable: true })
  symbol?: string | null;

  @Field(() => String, { nullable: true, description: "A new strategy; its config is {} unless given." })
  strategy?: string | null;

  @Field(() => JSONScalar, { nullable: true })
  config?: unknown;
}

/** What the commands on one bot return. */
@ObjectType()
abstract class BotPayload {
  @Field(() => Bot, { nullable: true })
  bot: Bot | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Result of `updateBot`. */
@ObjectType()
export class UpdateBotPayload extends BotPayload {}

/** Result of `startBot`. */
@ObjectType()
export class StartBotPayload extends BotPayload {}

/** Result of `pauseBot`. */
@ObjectType()
export class PauseBotPayload extends BotPayload {}

/** Result of `stopBot`. */
@ObjectType()
export class StopBotPayload extends BotPayload {}

/** Result of `deleteBot`. */
@ObjectType()
export class DeleteBotPayload {
  @Field(() => ID, { nullable: true })
  deletedBotId: string | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Arguments of `bots`. */
@ArgsType()
export class BotsArgs extends ConnectionArgs {
  @Field(() => BotStatus, { nullable: true })
  status?: BotStatus | null;

  @Field(() => String, { nullable: true, description: "Only bots trading this BASE/QUOTE symbol." })
  symbol?: string | null;
}

/** A page of bots. */
export const BotConnection = Connection("Bot", Bot);
export type BotConnection = InstanceType<typeof BotConnection>;
