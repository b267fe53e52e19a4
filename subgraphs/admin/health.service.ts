import { checkSubgraph, healthReport, type HealthReport as Report } from "../../src/health/report.js";
import type { SubgraphDirectory } from "../../src/subgraph/subgraph.js";

/**
 * The system's health as the gateway's `/health/ready` reports it (without the supergraph check):
 * every subgraph's readiness with its own checks (database, Redis, queue backlog, outbox lag,
 * webhook failure rate).
 */
export async function systemHealth(directory: SubgraphDirectory): Promise<Report> {
  const checks = await Promise.all([...directory].map(([name, url]) => checkSubgraph(name, url)));
  return healthReport(checks.flat());
}
