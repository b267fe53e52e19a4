import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { DecimalType } from "../../src/db/decimal-type.js";
import { Decimal } from "../../src/money/decimal.js";

/** A bot's holding and running totals, updated in the transaction of each fill. */
@Entity({ tableName: "bot_position" })
export class Position {
  [OptionalProps]?:
    | "quantity"
    | "costBasis"
    | "realizedPnl"
    | "fees"
    | "volume"
    | "tradeCount"
    | "winningTrades"
    | "losingTrades"
    | "updatedAt";

  @PrimaryKey({ type: "uuid" })
  botId: string;

  @Property({ type: "string" })
  ownerId: string;

  @Property({ type: "string" })
  symbol: string;

  /** Base currency held. */
  @Property({ type: DecimalType })
  quantity: Decimal = new Decimal(0);

  /** What the held quantity cost, fees included (quote currency). */
  @Property({ type: DecimalType })
  costBasis: Decimal = new Decimal(0);

  @Property({ type: DecimalType })
  realizedPnl: Decimal = new Decimal(0);

  @Property({ type: DecimalType })
  fees: Decimal = new Decimal(0);

  /** Notional traded, quantity × price summed (quote currency). */
  @Property({ type: DecimalType })
  volume: Decimal = new Decimal(0);

  @Property({ type: "integer" })
  tradeCount: number = 0;

  @Property({ type: "integer" })
  winningTrades: number = 0;

  @Property({ type: "integer" })
  losingTrades: number = 0;

  @Property({ type: DateTimeType })
  updatedAt: Date = new Date();
}
