import { DateTimeType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { v7 as uuidv7 } from "uuid";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { JSONScalar } from "../../src/subgraph/scalars.js";

/** Where a bot is in its lifecycle. */
export enum BotStatus {
  STOPPED = "STOPPED",
  RUNNING = "RUNNING",
  PAUSED = "PAUSED",
  ERROR = "ERROR",
}
registerEnumType(BotStatus, { name: "BotStatus", description: "Where a bot is in its lifecycle." });

/** A trading bot, owned by one trader. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A trading bot, owned by one trader." })
@Entity({ tableName: "bot" })
@Index({ properties: ["ownerId", "id"] })
export class Bot {
  /** Properties with defaults, optional in `em.create`. */
  [OptionalProps]?: "status" | "statusReason" | "createdAt" | "updatedAt";

  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = uuidv7();

  @Field()
  @Property({ type: "string", length: 100 })
  name: string;

  @Field(() => ID, { description: "The user who owns the bot (the `sub` of their token)." })
  @Property({ type: "string" })
  ownerId: string;

  @Field({ description: 'The exchange it trades on; "paper" is built in.' })
  @Property({ type: "string" })
  exchange: string;

  @Field({ description: "BASE/QUOTE, e.g. BTC/USDT." })
  @Property({ type: "string" })
  symbol: string;

  @Field({ description: "A registered strategy: manual, dca, grid or arbitrage." })
  @Property({ type: "string" })
  strategy: string;

  @Field(() => JSONScalar, { description: "The strategy's parameters, checked by its schema." })
  @Property({ type: "json" })
  config: Record<string, unknown>;

  @Field(() => BotStatus)
  @Enum({ items: () => BotStatus, type: "string" })
  status: BotStatus = BotStatus.STOPPED;

  @Field(() => String, { nullable: true, description: "Why the system set the bot to ERROR." })
  @Property({ type: "text", nullable: true })
  statusReason: string | null = null;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
