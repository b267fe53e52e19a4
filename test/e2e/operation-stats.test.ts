import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../gateway/gateway.js";
import { createLogger } from "../../src/observability/logger.js";
import { Metrics } from "../../src/observability/metrics.js";
import { RedisOperationStats } from "../../src/observability/operation-stats.js";
import { backendOptions, startTestStack, type TestBackends, type TestStack } from "../harness.js";
import { postgresAvailable, redisAvailable, REDIS_TEST_URL } from "../services.js";
import { Bots, OperationStats } from "./documents.js";

const backends: TestBackends[] = [
  "embedded",
  ...((await postgresAvailable()) && (await redisAvailable()) ? (["postgres+redis"] as const) : []),
];

describe.each(backends)("operationStats (%s)", (backend) => {
  let t: TestStack;
  let admin: string;
  const client = (name: string, version: string) => ({
    "apollographql-client-name": name,
    "apollographql-client-version": version,
  });

  beforeAll(async () => {
    t = await startTestStack(backendOptions(backend));
    admin = await t.token("root", ["admin"]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const since = () => new Date(Date.now() - 5 * 60_000).toISOString();

  it("counts operations per name and client, with errors and latency percentiles (admin only)", async () => {
    const token = await t.token("cleo");
    for (let i = 0; i < 3; i += 1) await t.execute(Bots, { first: 5 }, { token, headers: client("web", "1.2.0") });
    await t.execute(Bots, { first: 5 }, { headers: client("web", "1.2.0") });
    await t.execute(Bots, { first: 5 }, { token, headers: client("ios", "7.0") });

    const { data } = await t.execute(OperationStats, { since: since() }, { token: admin });
    const web = data?.operationStats.find((s) => s.operationName === "Bots" && s.clientName === "web");
    expect(web).toMatchObject({ clientVersion: "1.2.0", count: 4, errorCount: 1 });
    expect(web?.p50Ms).toBeGreaterThan(0);
    expect(web?.p99Ms).toBeGreaterThanOrEqual(web?.p50Ms ?? Infinity);
    expect(data?.operationStats.find((s) => s.clientName === "ios")).toMatchObject({ count: 1, errorCount: 0 });

    const refused = await t.execute(OperationStats, { since: since() }, { token });
    expect(refused.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
  });

  it.runIf(backend === "postgres+redis")("adds up what every gateway instance saw", async () => {
    const second: { gateway?: Gateway; metrics?: Metrics } = {};
    try {
      const logger = createLogger({ level: "silent" });
      second.metrics = new Metrics({
        operationStats: new RedisOperationStats(REDIS_TEST_URL, t.config.queue.prefix, logger),
      });
      second.gateway = createGateway({
        config: t.config,
        logger,
        secrets: t.stack.secrets,
        subgraphUrls: t.stack.subgraphUrls,
        metrics: second.metrics,
      });
      const url = await second.gateway.listen(0, "127.0.0.1");
      const token = await t.token("cleo");
      await t.execute(Bots, { first: 1 }, { token, headers: client("cli", "0.1") });
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...client("cli", "0.1") },
        body: JSON.stringify({ query: print(Bots), variables: { first: 1 } }),
      });
      expect(response.status).toBe(200);
      await second.metrics.operationStats.close();

      const { data } = await t.execute(OperationStats, { since: since() }, { token: admin });
      expect(data?.operationStats.find((s) => s.clientName === "cli")).toMatchObject({
        operationName: "Bots",
        count: 2,
      });
    } finally {
      await second.gateway?.close();
      await second.metrics?.close();
    }
  });
});
