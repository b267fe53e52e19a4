import { DateTimeType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { v7 as uuidv7 } from "uuid";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { WebhookEvent } from "./tasks.js";

/** Where a delivery is. */
export enum DeliveryStatus {
  PENDING = "PENDING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}
registerEnumType(DeliveryStatus, { name: "DeliveryStatus" });

/** One attempt, as stored (JSON in the delivery's row). */
export interface DeliveryAttemptRecord {
  attemptedAt: string;
  /** The HTTP status, or null when no response came (refused, timed out, unreachable). */
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  /** The first 1 KB of the response body. */
  responseBody: string | null;
}

/** One attempt, as the API shows it. */
@ObjectType()
export class DeliveryAttempt {
  @Field(() => Date)
  attemptedAt: Date;

  @Field(() => Int, { nullable: true, description: "The HTTP status; null when no response came." })
  responseStatus: number | null;

  @Field(() => Int)
  durationMs: number;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => String, { nullable: true, description: "The first 1 KB of the response body." })
  responseBody: string | null;
}

/** One event for one endpoint: exactly one per (endpoint, event), however often the event arrives. */
@ObjectType({ description: "One event for one endpoint, with every attempt to deliver it." })
@Entity({ tableName: "webhook_delivery" })
@Unique({ properties: ["endpointId", "eventId"] })
@Index({ properties: ["endpointId", "id"] })
export class WebhookDelivery {
  [OptionalProps]?: "status" | "attempts" | "seriesStart" | "nextAttemptAt" | "createdAt";

  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = uuidv7();

  @Property({ type: "uuid" })
  endpointId: string;

  @Field(() => ID, { description: "The event's id, sent as webhook-id on every attempt." })
  @Property({ type: "uuid" })
  eventId: string;

  @Field()
  @Property({ type: "string" })
  eventType: string;

  /** The event as it will be signed and sent. */
  @Property({ type: "json" })
  event: WebhookEvent;

  @Field(() => DeliveryStatus)
  @Enum({ items: () => DeliveryStatus, type: "string" })
  status: DeliveryStatus = DeliveryStatus.PENDING;

  /** Every attempt, oldest first. */
  @Property({ type: "json" })
  attempts: DeliveryAttemptRecord[] = [];

  /** Attempts made before the current series (redeliverWebhook starts a new one at the schedule's start). */
  @Property({ type: "integer" })
  seriesStart: number = 0;

  /** When the next attempt is due; null once the delivery SUCCEEDED or FAILED. */
  @Field(() => Date, { nullable: true, description: "When the next attempt is due; null once SUCCEEDED or FAILED." })
  @Property({ type: DateTimeType, nullable: true })
  nextAttemptAt: Date | null = new Date();

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
