import { DateTimeType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { v7 as uuidv7 } from "uuid";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DecimalType } from "../../src/db/decimal-type.js";
import { Decimal } from "../../src/money/decimal.js";
import { DecimalScalar } from "../../src/subgraph/scalars.js";
import { OrderSide } from "./trade.entity.js";

/** MARKET fills at the last price; LIMIT at its limit price. */
export enum OrderType {
  MARKET = "MARKET",
  LIMIT = "LIMIT",
}
registerEnumType(OrderType, { name: "OrderType" });

/** Where an order is. */
export enum OrderStatus {
  PENDING = "PENDING",
  FILLED = "FILLED",
  REJECTED = "REJECTED",
  CANCELED = "CANCELED",
}
registerEnumType(OrderStatus, { name: "OrderStatus" });

/** Why the exchange refused an order. */
export const RejectReason = {
  NoMarketPrice: "NO_MARKET_PRICE",
  InsufficientPosition: "INSUFFICIENT_POSITION",
} as const;

/** An instruction to buy or sell, filled by a queue job. Idempotent on (bot, clientOrderId). */
@Directive('@key(fields: "id")')
@ObjectType({ description: "An instruction to buy or sell, filled by a queue job." })
@Entity({ tableName: "trade_order" })
@Unique({ properties: ["botId", "clientOrderId"] })
@Index({ properties: ["botId", "id"] })
export class Order {
  [OptionalProps]?: "status" | "createdAt" | "updatedAt" | "limitPrice" | "rejectReason" | "tradeId";

  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = uuidv7();

  @Property({ type: "uuid" })
  botId: string;

  @Property({ type: "string" })
  ownerId: string;

  @Field({ description: "The client's idempotency key, unique per bot." })
  @Property({ type: "string", length: 64 })
  clientOrderId: string;

  @Property({ type: "string" })
  symbol: string;

  @Field(() => OrderSide)
  @Enum({ items: () => OrderSide, type: "string" })
  side: OrderSide;

  @Field(() => OrderType)
  @Enum({ items: () => OrderType, type: "string" })
  type: OrderType;

  @Field(() => DecimalScalar)
  @Property({ type: DecimalType })
  quantity: Decimal;

  @Field(() => DecimalScalar, { nullable: true })
  @Property({ type: DecimalType, nullable: true })
  limitPrice: Decimal | null = null;

  @Field(() => OrderStatus)
  @Enum({ items: () => OrderStatus, type: "string" })
  status: OrderStatus = OrderStatus.PENDING;

  @Field(() => String, { nullable: true, description: "NO_MARKET_PRICE or INSUFFICIENT_POSITION when REJECTED." })
  @Property({ type: "string", nullable: true })
  rejectReason: string | null = null;

  @Property({ type: "uuid", nullable: true })
  tradeId: string | null = null;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();

  @Property({ type: DateTimeType })
  updatedAt: Date = new Date();
}
