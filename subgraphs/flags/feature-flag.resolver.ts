import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { isAdmin } from "../../src/auth/viewer.js";
import { requireViewer, type RequestContext } from "../../src/subgraph/context.js";
import { clientError, ErrorCode, forbidden } from "../../src/subgraph/errors.js";
import { FeatureFlag } from "./feature-flag.entity.js";
import {
  DeleteFeatureFlagPayload,
  EvaluationContextInput,
  FlagEvaluation,
  UpsertFeatureFlagInput,
  UpsertFeatureFlagPayload,
} from "./feature-flag.input.js";
import { FeatureFlagService, MAX_EVALUATED_KEYS } from "./feature-flag.service.js";

type Context = RequestContext;

const service = (ctx: Context): FeatureFlagService => new FeatureFlagService(ctx.em, ctx.requestId);

/** The targeting key: the context's, else the viewer's id. Evaluating needs a viewer either way. */
function targetingKeyOf(ctx: Context, context: EvaluationContextInput | null | undefined): string {
  const viewer = requireViewer(ctx);
  return context?.targetingKey ?? viewer.id;
}

/** Queries and mutations of feature flags. */
@Resolver(() => FeatureFlag)
export class FeatureFlagResolver {
  @Query(() => [FeatureFlag], { description: "Every feature flag, by key." })
  featureFlags(@Ctx() ctx: Context): Promise<FeatureFlag[]> {
    requireViewer(ctx);
    return service(ctx).list();
  }

  @Query(() => FeatureFlag, { nullable: true, description: "One feature flag, or null when there is none." })
  featureFlag(@Arg("key", () => ID) key: string, @Ctx() ctx: Context): Promise<FeatureFlag | null> {
    requireViewer(ctx);
    return service(ctx).get(key);
  }

  @Query(() => FlagEvaluation, {
    description: "Evaluates one flag; the targeting key defaults to the viewer's id.",
  })
  async evaluateFlag(
    @Arg("key", () => ID) key: string,
    @Arg("context", () => EvaluationContextInput, { nullable: true }) context: EvaluationContextInput | null,
    @Ctx() ctx: Context,
  ): Promise<FlagEvaluation> {
    const [evaluation] = await service(ctx).evaluate([key], targetingKeyOf(ctx, context));
    return Object.assign(new FlagEvaluation(), evaluation);
  }

  @Query(() => [FlagEvaluation], {
    description: `Evaluates several flags (every flag when keys is null; at most ${MAX_EVALUATED_KEYS} keys), in the order asked.`,
  })
  async evaluateFlags(
    @Arg("keys", () => [ID], { nullable: true }) keys: string[] | null,
    @Arg("context", () => EvaluationContextInput, { nullable: true }) context: EvaluationContextInput | null,
    @Ctx() ctx: Context,
  ): Promise<FlagEvaluation[]> {
    if (keys !== null && keys.length > MAX_EVALUATED_KEYS)
      throw clientError(ErrorCode.BadUserInput, `keys: at most ${MAX_EVALUATED_KEYS} keys, got ${keys.length}`);
    const evaluations = await service(ctx).evaluate(keys, targetingKeyOf(ctx, context));
    return evaluations.map((evaluation) => Object.assign(new FlagEvaluation(), evaluation));
  }

  @Mutation(() => UpsertFeatureFlagPayload, { description: "Creates or replaces a flag (admin)." })
  async upsertFeatureFlag(
    @Arg("input", () => UpsertFeatureFlagInput) input: UpsertFeatureFlagInput,
    @Ctx() ctx: Context,
  ): Promise<UpsertFeatureFlagPayload> {
    const viewer = requireViewer(ctx);
    if (!isAdmin(viewer)) throw forbidden("Only admins can change feature flags.");
    return Object.assign(new UpsertFeatureFlagPayload(), await service(ctx).upsert(viewer.id, input));
  }

  @Mutation(() => DeleteFeatureFlagPayload, { description: "Deletes a flag (admin)." })
  async deleteFeatureFlag(@Arg("key", () => ID) key: string, @Ctx() ctx: Context): Promise<DeleteFeatureFlagPayload> {
    const viewer = requireViewer(ctx);
    if (!isAdmin(viewer)) throw forbidden("Only admins can change feature flags.");
    return Object.assign(new DeleteFeatureFlagPayload(), await service(ctx).delete(viewer.id, key));
  }
}
