import { ArgsType, Field } from "type-graphql";
import { Connection, ConnectionArgs } from "../../src/subgraph/connection.js";
import { OrderSide, Trade } from "./trade.entity.js";

/** Arguments of `Bot.trades`. */
@ArgsType()
export class BotTradesArgs extends ConnectionArgs {
  @Field(() => OrderSide, { nullable: true })
  side?: OrderSide | null;

  @Field(() => Date, { nullable: true, description: "Only trades executed at or after this time." })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only trades executed before this time." })
  until?: Date | null;
}

/** A page of trades. */
export const TradeConnection = Connection("Trade", Trade);
export type TradeConnection = InstanceType<typeof TradeConnection>;
