import { ArgsType, Field, InputType, ObjectType } from "type-graphql";
import { ConnectionArgs, Connection } from "../../src/graphql/connection.js";
import { UserError } from "../../src/graphql/errors.js";
import { JSONScalar } from "../../src/graphql/scalars.js";
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

  @Field({ defaultValue: "manual", description: "manual, dca or grid." })
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
