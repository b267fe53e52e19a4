import { Field, Float, Int, ObjectType } from "type-graphql";
import { Decimal } from "../../src/money/decimal.js";
import { DecimalScalar } from "../../src/subgraph/scalars.js";

/** What a bot holds, with average-cost accounting. */
@ObjectType()
export class BotPosition {
  @Field(() => DecimalScalar, { description: "Base currency held." })
  quantity: Decimal;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "costBasis ÷ quantity (18 decimal places); null with nothing held.",
  })
  averageEntryPrice: Decimal | null;

  @Field(() => DecimalScalar, { description: "What the held quantity cost, fees included (quote currency)." })
  costBasis: Decimal;
}

/** One UTC day of a bot's trading. */
@ObjectType()
export class DailyPerformance {
  @Field({ description: "YYYY-MM-DD (UTC)." })
  date: string;

  @Field(() => DecimalScalar)
  realizedPnl: Decimal;

  @Field(() => Int)
  tradeCount: number;
}

/** How a bot did. A SELL with realizedPnl > 0 wins, < 0 loses; BUYs count in neither. */
@ObjectType()
export class BotPerformance {
  botId: string;

  @Field(() => Int)
  tradeCount: number;

  @Field(() => Int)
  winningTrades: number;

  @Field(() => Int)
  losingTrades: number;

  @Field(() => Float, { nullable: true, description: "winning ÷ (winning + losing); null before the first SELL." })
  winRate: number | null;

  @Field(() => DecimalScalar)
  realizedPnl: Decimal;

  @Field(() => DecimalScalar)
  fees: Decimal;

  @Field(() => DecimalScalar, { description: "Σ quantity × price (quote currency)." })
  volume: Decimal;
}
