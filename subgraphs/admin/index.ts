import type { SubgraphDefinition } from "../../src/subgraph/subgraph.js";
import { HealthResolver } from "./health.resolver.js";
import { JobResolver } from "./job.resolver.js";
import { OperationStatsResolver } from "./operation-stats.resolver.js";
import { adminPermissions } from "./permissions.js";
import { adminTasks } from "./tasks.js";

/** The admin subgraph: health, queues and jobs for operators. */
export const adminSubgraph: SubgraphDefinition<Record<string, never>> = {
  name: "admin",
  entities: [],
  migrations: [],
  tasks: adminTasks,
  resolvers: [HealthResolver, JobResolver, OperationStatsResolver],
  permissions: adminPermissions,
  createLoaders: () => ({}),
  startWorkers({ queue }) {
    queue.process("maintenance.noop", () => Promise.resolve(null));
    queue.process("maintenance.echo", (job) => Promise.resolve(job.payload.message));
  },
};
