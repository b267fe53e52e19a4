import type { SubgraphDefinition } from "../../src/subgraph/subgraph.js";
import { FeatureFlag } from "./feature-flag.entity.js";
import { FeatureFlagResolver } from "./feature-flag.resolver.js";
import { FeatureFlagService } from "./feature-flag.service.js";
import { CreateFeatureFlag } from "./migrations/001-create-feature-flag.js";
import { CreateFlagsOutbox } from "./migrations/002-create-flags-outbox.js";
import { AddFlagsOutboxTraceparent } from "./migrations/003-add-outbox-traceparent.js";
import { flagsOutbox } from "./outbox.js";
import { flagsPermissions } from "./permissions.js";

/** The flags subgraph: feature flags and their evaluation. */
export const flagsSubgraph: SubgraphDefinition<Record<string, never>> = {
  name: "flags",
  entities: [FeatureFlag],
  outbox: flagsOutbox,
  migrations: [
    { name: "001-create-feature-flag", class: CreateFeatureFlag },
    { name: "002-create-flags-outbox", class: CreateFlagsOutbox },
    { name: "003-add-outbox-traceparent", class: AddFlagsOutboxTraceparent },
  ],
  resolvers: [FeatureFlagResolver],
  permissions: flagsPermissions,
  createLoaders: () => ({}),
  async onStart({ orm, config, logger }) {
    const created = await new FeatureFlagService(orm.em.fork()).bootstrap(config.flags.bootstrap);
    if (created.length > 0) logger.info({ flags: created }, "flags created from configuration");
  },
};
