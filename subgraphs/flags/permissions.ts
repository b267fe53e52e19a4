import { isAdmin, isAuthenticated, typesOpenTo, type PermissionMap } from "../../src/subgraph/permissions.js";

/** Who may do what in the flags subgraph: anyone signed in reads, only admins change. */
export const flagsPermissions: PermissionMap = {
  Query: {
    featureFlags: isAuthenticated,
    featureFlag: isAuthenticated,
    evaluateFlag: isAuthenticated,
    evaluateFlags: isAuthenticated,
  },
  Mutation: { upsertFeatureFlag: isAdmin, deleteFeatureFlag: isAdmin },
  ...typesOpenTo(isAuthenticated, [
    "FeatureFlag",
    "FlagVariant",
    "FlagEvaluation",
    "UserError",
    "UpsertFeatureFlagPayload",
    "DeleteFeatureFlagPayload",
  ]),
};
