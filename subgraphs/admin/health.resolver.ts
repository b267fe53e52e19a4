import { Ctx, Query, Resolver } from "type-graphql";
import { isAdmin } from "../../src/auth/viewer.js";
import type { RequestContext } from "../../src/subgraph/context.js";
import type { SubgraphServices } from "../../src/subgraph/subgraph.js";
import { systemHealth } from "./health.service.js";
import { HealthReport, HealthStatus } from "./health.types.js";

/** The admin subgraph's health query. */
@Resolver()
export class HealthResolver {
  constructor(private readonly services: SubgraphServices) {}

  @Query(() => HealthReport, {
    description:
      "The health of every subgraph and what it depends on, as the gateway's /health/ready reports it. " +
      "The checks (details) are for admins only; others see the status.",
  })
  async health(@Ctx() ctx: RequestContext): Promise<HealthReport> {
    const report = await systemHealth(this.services.directory);
    const status = (s: string): HealthStatus => s.toUpperCase() as HealthStatus;
    return {
      status: status(report.status),
      version: report.version,
      uptimeSeconds: report.uptimeSeconds,
      checks: isAdmin(ctx.viewer)
        ? report.checks.map((check) => ({ ...check, status: status(check.status), time: new Date(check.time) }))
        : [],
    };
  }
}
