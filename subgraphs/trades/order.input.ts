import { ArgsType, Field, ID, InputType, ObjectType } from "type-graphql";
import { Connection, ConnectionArgs } from "../../src/subgraph/connection.js";
import { UserError } from "../../src/subgraph/errors.js";
import { Decimal } from "../../src/money/decimal.js";
import { DecimalScalar } from "../../src/subgraph/scalars.js";
import { Order, OrderStatus, OrderType } from "./order.entity.js";
import { OrderSide } from "./trade.entity.js";

/** Input of `submitOrder`. */
@InputType()
export class SubmitOrderInput {
  @Field(() => ID)
  botId: string;

  @Field({ description: "Your idempotency key (1–64 printable characters): the same key returns the same order." })
  clientOrderId: string;

  @Field(() => OrderSide)
  side: OrderSide;

  @Field(() => OrderType)
  type: OrderType;

  @Field(() => DecimalScalar, { description: "Base quantity, > 0 and at most the configured maximum." })
  quantity: Decimal;

  @Field(() => DecimalScalar, { nullable: true, description: "Required for LIMIT, refused for MARKET." })
  limitPrice?: Decimal | null;
}

/** Result of `submitOrder`: the PENDING order (or the one this key already made). */
@ObjectType()
export class SubmitOrderPayload {
  @Field(() => Order, { nullable: true })
  order: Order | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Result of `cancelOrder`. */
@ObjectType()
export class CancelOrderPayload {
  @Field(() => Order, { nullable: true })
  order: Order | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Arguments of `Bot.orders`. */
@ArgsType()
export class BotOrdersArgs extends ConnectionArgs {
  @Field(() => OrderStatus, { nullable: true })
  status?: OrderStatus | null;
}

/** A page of orders. */
export const OrderConnection = Connection("Order", Order);
export type OrderConnection = InstanceType<typeof OrderConnection>;
