import { Arg, Ctx, Mutation, ObjectType, Field, Query, Resolver } from "type-graphql";
import { requireAdmin, requireViewer, type RequestContext } from "../../src/subgraph/context.js";
import { argumentError, UserError } from "../../src/subgraph/errors.js";
import { Decimal } from "../../src/money/decimal.js";
import { DecimalScalar } from "../../src/subgraph/scalars.js";
import { Ticker } from "./ticker.entity.js";

const SYMBOL = /^[A-Z0-9]{2,10}\/[A-Z0-9]{2,10}$/;

/** Result of `setTicker`. */
@ObjectType()
export class SetTickerPayload {
  @Field(() => Ticker, { nullable: true })
  ticker: Ticker | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** The paper exchange's prices. */
@Resolver(() => Ticker)
export class TickerResolver {
  @Query(() => Ticker, { nullable: true, description: "The paper exchange's last price of a symbol." })
  ticker(@Arg("symbol") symbol: string, @Ctx() ctx: RequestContext): Promise<Ticker | null> {
    requireViewer(ctx);
    return ctx.em.findOne(Ticker, { symbol });
  }

  @Mutation(() => SetTickerPayload, { description: "Sets the paper exchange's last price of a symbol (admin)." })
  async setTicker(
    @Arg("symbol") symbol: string,
    @Arg("price", () => DecimalScalar) price: Decimal,
    @Ctx() ctx: RequestContext,
  ): Promise<SetTickerPayload> {
    requireAdmin(ctx, "set prices");
    const userErrors: UserError[] = [];
    if (!SYMBOL.test(symbol))
      userErrors.push(
        argumentError(
          "symbol",
          `symbol: must be BASE/QUOTE in capitals, e.g. "BTC/USDT", got ${JSON.stringify(symbol)}`,
        ),
      );
    if (price.lte(0))
      userErrors.push(argumentError("price", `price: must be greater than 0, got "${price.toFixed()}"`));
    if (userErrors.length > 0) return Object.assign(new SetTickerPayload(), { ticker: null, userErrors });
    const ticker = await setTicker(ctx.em, symbol, price);
    return Object.assign(new SetTickerPayload(), { ticker, userErrors: [] });
  }
}

/** Upserts a symbol's last price. */
export async function setTicker(em: RequestContext["em"], symbol: string, price: Decimal): Promise<Ticker> {
  const ticker = (await em.findOne(Ticker, { symbol })) ?? em.create(Ticker, { symbol, price });
  em.assign(ticker, { price, updatedAt: new Date() });
  await em.flush();
  return ticker;
}
