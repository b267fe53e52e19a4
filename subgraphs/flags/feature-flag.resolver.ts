import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { isAdmin } from "../../src/auth/viewer.js";
import { requireViewer, type RequestContext } from "../../src/graphql/context.js";
import { forbidden } from "../../src/graphql/errors.js";
import { FeatureFlag } from "./feature-flag.entity.js";
import { UpsertFeatureFlagInput, UpsertFeatureFlagPayload } from "./feature-flag.input.js";
import { FeatureFlagService } from "./feature-flag.service.js";

type Context = RequestContext;

/** Queries and mutations of feature flags. */
@Resolver(() => FeatureFlag)
export class FeatureFlagResolver {
  @Query(() => [FeatureFlag], { description: "Every feature flag, by key." })
  featureFlags(@Ctx() ctx: Context): Promise<FeatureFlag[]> {
    requireViewer(ctx);
    return new FeatureFlagService(ctx.em).list();
  }

  @Mutation(() => UpsertFeatureFlagPayload, { description: "Creates or replaces a flag (admin)." })
  async upsertFeatureFlag(
    @Arg("input", () => UpsertFeatureFlagInput) input: UpsertFeatureFlagInput,
    @Ctx() ctx: Context,
  ): Promise<UpsertFeatureFlagPayload> {
    if (!isAdmin(requireViewer(ctx))) throw forbidden("Only admins can change feature flags.");
    return Object.assign(new UpsertFeatureFlagPayload(), await new FeatureFlagService(ctx.em).upsert(input));
  }
}
