import { Entity, Enum, Index, PrimaryKey, Property, Unique, type Opt } from "@mikro-orm/core";
import { v7 as uuidv7 } from "uuid";
import type { DomainEvent } from "../../src/events/types.js";

/** Where a delivery is. */
export enum DeliveryStatus {
  PENDING = "PENDING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}

/** One event for one endpoint: exactly one per (endpoint, event), however often the event arrives. */
@Entity({ tableName: "webhook_delivery" })
@Unique({ properties: ["endpointId", "eventId"] })
@Index({ properties: ["endpointId", "id"] })
export class WebhookDelivery {
  @PrimaryKey({ type: "uuid" })
  id: string = uuidv7();

  @Property({ type: "uuid" })
  endpointId: string;

  @Property({ type: "uuid" })
  eventId: string;

  @Property({ type: "string" })
  eventType: string;

  /** The event as it will be signed and sent. */
  @Property({ type: "json" })
  event: DomainEvent;

  @Enum({ items: () => DeliveryStatus, type: "string" })
  status: DeliveryStatus & Opt = DeliveryStatus.PENDING;

  @Property({ type: "datetime" })
  createdAt: Date & Opt = new Date();
}
