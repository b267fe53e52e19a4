import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { DecimalType } from "../../src/db/decimal-type.js";
import { Decimal } from "../../src/money/decimal.js";
import { DecimalScalar } from "../../src/subgraph/scalars.js";

/** The paper exchange's last price of a symbol. */
@ObjectType({ description: "The paper exchange's last price of a symbol." })
@Entity({ tableName: "ticker" })
export class Ticker {
  [OptionalProps]?: "updatedAt";

  @Field({ description: "BASE/QUOTE, e.g. BTC/USDT." })
  @PrimaryKey({ type: "string", length: 32 })
  symbol: string;

  @Field(() => DecimalScalar)
  @Property({ type: DecimalType })
  price: Decimal;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  updatedAt: Date = new Date();
}
