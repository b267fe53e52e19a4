import { Field, InputType, Int, ObjectType } from "type-graphql";
import { UserError } from "../../src/graphql/errors.js";
import { FeatureFlag } from "./feature-flag.entity.js";

/** A variant as written. */
@InputType()
export class FlagVariantInput {
  @Field()
  name: string;

  @Field(() => Int)
  weight: number;
}

/** Input of `upsertFeatureFlag`: the whole desired state of one flag. */
@InputType()
export class UpsertFeatureFlagInput {
  @Field({ description: "[a-z0-9_.-]{1,64}" })
  key: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field({ defaultValue: false })
  enabled: boolean;

  @Field(() => Int, { defaultValue: 100, description: "0–100." })
  rolloutPercentage: number;

  @Field(() => [String], { defaultValue: [] })
  allowUserIds: string[];

  @Field(() => [String], { defaultValue: [] })
  denyUserIds: string[];

  @Field(() => [FlagVariantInput], { defaultValue: [] })
  variants: FlagVariantInput[];
}

/** Result of `upsertFeatureFlag`. */
@ObjectType()
export class UpsertFeatureFlagPayload {
  @Field(() => FeatureFlag, { nullable: true })
  flag: FeatureFlag | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
