import { DateTimeType, Entity, Enum, Index, type Opt, PrimaryKey, Property } from "@mikro-orm/core";
import { v7 as uuidv7 } from "uuid";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DecimalType } from "../../src/db/decimal-type.js";
import { Decimal } from "../../src/money/decimal.js";
import { DecimalScalar } from "../../src/subgraph/scalars.js";
import { Bot } from "./bot.reference.js";

/** Buy or sell. */
export enum OrderSide {
  BUY = "BUY",
  SELL = "SELL",
}
registerEnumType(OrderSide, { name: "OrderSide" });

/** One execution of an order on an exchange. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "One execution of an order on an exchange." })
@Entity({ tableName: "trade" })
@Index({ properties: ["botId", "id"] })
export class Trade {
  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = uuidv7();

  @Property({ type: "uuid" })
  botId: string;

  /** The order this trade filled. */
  @Property({ type: "uuid" })
  orderId: string;

  /** Copied from the bot when the trade is made, so visibility needs no call to the bots subgraph. */
  @Property({ type: "string" })
  ownerId: string;

  @Field({ description: "BASE/QUOTE, e.g. BTC/USDT." })
  @Property({ type: "string" })
  symbol: string;

  @Field(() => OrderSide)
  @Enum({ items: () => OrderSide, type: "string" })
  side: OrderSide;

  @Field(() => DecimalScalar)
  @Property({ type: DecimalType })
  quantity: Decimal;

  @Field(() => DecimalScalar)
  @Property({ type: DecimalType })
  price: Decimal;

  @Field(() => DecimalScalar)
  @Property({ type: DecimalType })
  fee: Decimal;

  @Field({ description: "The currency of the fee (the quote currency)." })
  @Property({ type: "string" })
  feeCurrency: string;

  @Field(() => DecimalScalar, { description: "Profit or loss this trade realized; 0 for a BUY." })
  @Property({ type: DecimalType })
  realizedPnl: Decimal;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  executedAt: Date & Opt = new Date();

  @Field(() => Bot)
  bot(): Bot {
    return Bot.reference(this.botId);
  }
}
