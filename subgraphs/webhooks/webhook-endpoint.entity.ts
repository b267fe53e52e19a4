import { DateTimeType, Entity, Index, type Opt, PrimaryKey, Property } from "@mikro-orm/core";
import { v7 as uuidv7 } from "uuid";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Where a customer receives signed events. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "Where a customer receives signed events." })
@Entity({ tableName: "webhook_endpoint" })
@Index({ properties: ["ownerId", "id"] })
export class WebhookEndpoint {
  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = uuidv7();

  @Property({ type: "string" })
  ownerId: string;

  @Field({ description: "The https (or http) URL that receives POSTs." })
  @Property({ type: "text" })
  url: string;

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  description: string | null = null;

  @Field(() => [String], { description: 'Event types delivered here; ["*"] for all.' })
  @Property({ type: "json" })
  eventTypes: string[];

  @Field(() => Boolean)
  @Property({ type: "boolean" })
  enabled: boolean & Opt = true;

  @Field(() => String, { nullable: true, description: "Why the endpoint was disabled, when it was." })
  @Property({ type: "text", nullable: true })
  disabledReason: (string & Opt) | null = null;

  /** When the first failed attempt after the last successful one was made; null while deliveries succeed. */
  @Property({ type: DateTimeType, nullable: true })
  failingSince: (Date & Opt) | null = null;

  /** The signing secret, encrypted at rest (see src/crypto/seal.ts). */
  @Property({ type: "text" })
  sealedSecret: string;

  /** The secret before the last rotation, sealed; deliveries are signed with both for a grace period. */
  @Property({ type: "text", nullable: true })
  previousSealedSecret: (string & Opt) | null = null;

  @Property({ type: DateTimeType, nullable: true })
  secretRotatedAt: (Date & Opt) | null = null;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date & Opt = new Date();

  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
