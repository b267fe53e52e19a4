import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { EvaluationReason } from "../../src/flags/evaluate.js";
import { UserError } from "../../src/subgraph/errors.js";
import { JSONScalar } from "../../src/subgraph/scalars.js";
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

/** Result of `deleteFeatureFlag`. */
@ObjectType()
export class DeleteFeatureFlagPayload {
  @Field(() => ID, { nullable: true, description: "The key of the flag deleted." })
  deletedKey: string | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Who a flag is evaluated for (OpenFeature's evaluation context). */
@InputType()
export class EvaluationContextInput {
  @Field(() => String, { nullable: true, description: "The user to evaluate for; defaults to the viewer's id." })
  targetingKey?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: "Further attributes (accepted; no rule reads them yet)." })
  attributes?: unknown;
}

registerEnumType(EvaluationReason, {
  name: "EvaluationReason",
  description: "Why a flag evaluated as it did (OpenFeature's reasons).",
});

/** The outcome of evaluating one flag. */
@ObjectType({ description: "The outcome of evaluating one flag for one targeting key." })
export class FlagEvaluation {
  @Field(() => ID)
  key: string;

  @Field(() => Boolean)
  value: boolean;

  @Field(() => String, { nullable: true, description: "The variant assigned as Unleash assigns it, when on." })
  variant: string | null;

  @Field(() => EvaluationReason)
  reason: EvaluationReason;

  @Field(() => String, {
    nullable: true,
    description: "With reason ERROR: FLAG_NOT_FOUND or TARGETING_KEY_MISSING (OpenFeature's codes).",
  })
  errorCode: string | null;
}
