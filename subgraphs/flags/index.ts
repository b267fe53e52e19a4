import type { SubgraphDefinition } from "../../src/graphql/subgraph.js";
import { FeatureFlag } from "./feature-flag.entity.js";
import { FeatureFlagResolver } from "./feature-flag.resolver.js";
import { CreateFeatureFlag } from "./migrations/001-create-feature-flag.js";
import { flagsPermissions } from "./permissions.js";

/** The flags subgraph: feature flags and their evaluation. */
export const flagsSubgraph: SubgraphDefinition<Record<string, never>> = {
  name: "flags",
  entities: [FeatureFlag],
  migrations: [{ name: "001-create-feature-flag", class: CreateFeatureFlag }],
  resolvers: [FeatureFlagResolver],
  permissions: flagsPermissions,
  createLoaders: () => ({}),
};
