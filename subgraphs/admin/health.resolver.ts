import { Query, Resolver } from "type-graphql";
import type { SubgraphServices } from "../../src/graphql/subgraph.js";
import { systemHealth } from "./health.service.js";
import { HealthReport, HealthStatus } from "./health.types.js";

/** The admin subgraph's health query. */
@Resolver()
export class HealthResolver {
  constructor(private readonly services: SubgraphServices) {}

  @Query(() => HealthReport, { description: "The health of the database and every subgraph." })
  async health(): Promise<HealthReport> {
    const report = await systemHealth(this.services.orm, this.services.directory);
    const status = (s: string): HealthStatus => s.toUpperCase() as HealthStatus;
    return {
      status: status(report.status),
      version: report.version,
      uptimeSeconds: report.uptimeSeconds,
      checks: report.checks.map((check) => ({ ...check, status: status(check.status), time: new Date(check.time) })),
    };
  }
}
