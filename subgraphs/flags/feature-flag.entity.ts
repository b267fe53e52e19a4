import { DateTimeType, Entity, type Opt, PrimaryKey, Property } from "@mikro-orm/core";
import { Field, ID, Int, ObjectType } from "type-graphql";

/** One variant of a flag and its share of the users who get the flag. */
@ObjectType()
export class FlagVariant {
  @Field()
  name: string;

  @Field(() => Int, { description: "Relative weight, > 0." })
  weight: number;
}

/** A feature flag with gradual rollout (Unleash-compatible). */
@ObjectType({ description: "A feature flag with gradual rollout." })
@Entity({ tableName: "feature_flag" })
export class FeatureFlag {
  @Field(() => ID, { description: "[a-z0-9_.-]{1,64}" })
  @PrimaryKey({ type: "string", length: 64 })
  key: string;

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  description: string | null = null;

  @Field(() => Boolean)
  @Property({ type: "boolean" })
  enabled: boolean & Opt = false;

  @Field(() => Int, { description: "Share of users (0–100) who get the flag." })
  @Property({ type: "integer" })
  rolloutPercentage: number & Opt = 100;

  @Field(() => [String])
  @Property({ type: "json" })
  allowUserIds: string[] & Opt = [];

  @Field(() => [String])
  @Property({ type: "json" })
  denyUserIds: string[] & Opt = [];

  @Field(() => [FlagVariant])
  @Property({ type: "json" })
  variants: FlagVariant[] & Opt = [];

  @Field(() => Date)
  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
