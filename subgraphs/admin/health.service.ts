import { pingDatabase, type Database } from "../../src/db/orm.js";
import { checkSubgraph, healthReport, timedCheck, type HealthReport as Report } from "../../src/health/report.js";
import type { SubgraphDirectory } from "../../src/graphql/subgraph.js";

/** The system's health: the database and every subgraph's readiness. */
export async function systemHealth(orm: Database, directory: SubgraphDirectory): Promise<Report> {
  const checks = await Promise.all([
    timedCheck("database:responseTime", "datastore", () => pingDatabase(orm)),
    ...[...directory].map(([name, url]) => checkSubgraph(name, url)),
  ]);
  return healthReport(checks);
}
