import type { SubgraphName } from "../src/config/index.js";
import type { SubgraphDefinition } from "../src/subgraph/subgraph.js";
import { adminSubgraph } from "./admin/index.js";
import { botsSubgraph } from "./bots/index.js";
import { flagsSubgraph } from "./flags/index.js";
import { tradesSubgraph } from "./trades/index.js";
import { webhooksSubgraph } from "./webhooks/index.js";

/** Every subgraph, by name, in the order they are composed. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition<unknown>> = {
  bots: botsSubgraph,
  trades: tradesSubgraph,
  webhooks: webhooksSubgraph,
  flags: flagsSubgraph,
  admin: adminSubgraph,
};
