import { isAdmin, isAuthenticated, typesOpenTo, type PermissionMap } from "../../src/graphql/permissions.js";

/** Who may do what in the flags subgraph: anyone signed in reads, only admins change. */
export const flagsPermissions: PermissionMap = {
  Query: { featureFlags: isAuthenticated },
  Mutation: { upsertFeatureFlag: isAdmin },
  ...typesOpenTo(isAuthenticated, ["FeatureFlag", "FlagVariant", "UserError", "UpsertFeatureFlagPayload"]),
};
