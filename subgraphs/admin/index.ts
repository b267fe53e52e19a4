import type { SubgraphDefinition } from "../../src/graphql/subgraph.js";
import { HealthResolver } from "./health.resolver.js";

/** The admin subgraph: health, queues and jobs for operators. */
export const adminSubgraph: SubgraphDefinition<Record<string, never>> = {
  name: "admin",
  entities: [],
  migrations: [],
  resolvers: [HealthResolver],
  createLoaders: () => ({}),
};
