import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { requireAdmin, type RequestContext } from "../../src/subgraph/context.js";
import type { SubgraphServices } from "../../src/subgraph/subgraph.js";
import { OperationStat } from "./operation-stats.types.js";

/** Operation analytics recorded by the gateways (admin only). */
@Resolver()
export class OperationStatsResolver {
  constructor(private readonly services: SubgraphServices) {}

  @Query(() => [OperationStat], {
    description:
      "Per operation name and client: count, errors and latency percentiles since `since` (at most the last " +
      "hour), from every gateway when Redis is configured, busiest first (admin).",
  })
  async operationStats(
    @Arg("since", () => Date, { description: "Start of the window; clipped to one hour ago." }) since: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<OperationStat[]> {
    requireAdmin(ctx, "read operation stats");
    const stats = await this.services.metrics.operationStats.query(since);
    const ms = (value: number) => Math.round(value * 100) / 100;
    return stats.map((s) => ({ ...s, p50Ms: ms(s.p50Ms), p90Ms: ms(s.p90Ms), p95Ms: ms(s.p95Ms), p99Ms: ms(s.p99Ms) }));
  }
}
