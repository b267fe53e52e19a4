import { allow, isAdmin, typesOpenTo, type PermissionMap } from "../../src/subgraph/permissions.js";

/** Who may do what in the admin subgraph: health is public (like /health/ready), the rest is for admins. */
export const adminPermissions: PermissionMap = {
  Query: { health: allow, queues: isAdmin, job: isAdmin, jobs: isAdmin, operationStats: isAdmin },
  Mutation: { enqueueJob: isAdmin, retryJob: isAdmin, removeJob: isAdmin, pauseQueue: isAdmin, resumeQueue: isAdmin },
  Subscription: { jobUpdated: isAdmin },
  ...typesOpenTo(allow, ["HealthReport", "HealthCheckResult"]),
  ...typesOpenTo(isAdmin, [
    "QueueStats",
    "OperationStat",
    "Job",
    "UserError",
    "EnqueueJobPayload",
    "RetryJobPayload",
    "RemoveJobPayload",
    "PauseQueuePayload",
    "ResumeQueuePayload",
  ]),
};
