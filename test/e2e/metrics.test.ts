import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { backendOptions, startTestStack, type TestBackends, type TestStack } from "../harness.js";
import { promtoolProblems, scrape, valueOf } from "../metrics.js";
import { postgresAvailable, redisAvailable } from "../services.js";
import { CreateBot, CreateWebhookEndpoint, OrderById, SetTicker, StartBot, SubmitOrder } from "./documents.js";

const backends: TestBackends[] = [
  "embedded",
  ...((await postgresAvailable()) && (await redisAvailable()) ? (["postgres+redis"] as const) : []),
];

describe.each(backends)("/metrics (%s)", (backend) => {
  let t: TestStack;
  let receiver: Server;
  let hookUrl: string;

  beforeAll(async () => {
    receiver = createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    t = await startTestStack({ ...backendOptions(backend) });
  });
  afterAll(async () => {
    await t?.close();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const gatewayMetrics = () => scrape(t.url);
  const subgraphMetrics = (name: "trades" | "webhooks") => scrape(t.stack.subgraphUrls.get(name) ?? "");

  it("serves Prometheus text that promtool accepts, at the gateway and on every subgraph's port", async () => {
    await t.execute(CreateBot, { input: { name: "lint", symbol: "BTC/USDT" } }, { token: await t.token("lint") });
    const gateway = await gatewayMetrics();
    expect(gateway.contentType).toContain("text/plain");
    expect(promtoolProblems(gateway.text)).toBe("");
    for (const url of t.stack.subgraphUrls.values()) {
      const subgraph = await scrape(url);
      expect(promtoolProblems(subgraph.text)).toBe("");
      expect(valueOf(subgraph.samples, "process_cpu_seconds_total")).toBeGreaterThan(0);
    }
  });

  it("moves when an order is submitted, filled by a job and announced by a webhook", async () => {
    const token = await t.token("mia");
    const admin = await t.token("root", ["admin"]);
    const endpoint = await t.execute(
      CreateWebhookEndpoint,
      { input: { url: hookUrl, eventTypes: ["trade.executed"] } },
      { token },
    );
    expect(endpoint.data?.createWebhookEndpoint.userErrors).toEqual([]);
    await t.execute(SetTicker, { symbol: "ETH/USDT", price: "2000" }, { token: admin });
    const bot = await t.execute(CreateBot, { input: { name: "metered", symbol: "ETH/USDT" } }, { token });
    const botId = bot.data?.createBot.bot?.id ?? "";
    await t.execute(StartBot, { id: botId }, { token });

    const before = (await gatewayMetrics()).samples;
    const submitted = await t.execute(
      SubmitOrder,
      { input: { botId, clientOrderId: "metered-1", side: "BUY", type: "MARKET", quantity: "1" } },
      { token },
    );
    const orderId = submitted.data?.submitOrder.order?.id ?? "";
    await vi.waitFor(
      async () => expect((await t.execute(OrderById, { id: orderId }, { token })).data?.order?.status).toBe("FILLED"),
      { timeout: 10_000, interval: 25 },
    );

    const operation = { operation_name: "SubmitOrder", operation_type: "mutation" };
    await vi.waitFor(
      async () => {
        const after = (await gatewayMetrics()).samples;
        const delta = (name: string, labels: Record<string, string> = {}) =>
          valueOf(after, name, labels) - valueOf(before, name, labels);
        expect(delta("graphql_gateway_operations_total", operation)).toBe(1);
        expect(delta("graphql_gateway_operation_duration_seconds_count", operation)).toBe(1);
        expect(
          delta("graphql_gateway_subgraph_request_duration_seconds_count", { subgraph: "trades" }),
        ).toBeGreaterThan(0);
        expect(delta("tradebot_subgraph_operations_total", { subgraph: "trades", outcome: "ok" })).toBeGreaterThan(0);
        expect(delta("tradebot_job_duration_seconds_count", { task: "orders.fill", outcome: "completed" })).toBe(1);
        expect(delta("tradebot_webhook_delivery_attempts_total", { outcome: "succeeded" })).toBe(1);
        expect(valueOf(after, "tradebot_queue_jobs", { queue: "orders", state: "completed" })).toBeGreaterThan(0);
      },
      { timeout: 10_000, interval: 50 },
    );

    // A subgraph's port serves the same registry: its pool, outbox and queue are there too.
    const trades = (await subgraphMetrics("trades")).samples;
    expect(valueOf(trades, "tradebot_db_pool_connections", { subgraph: "trades", state: "idle" })).toBeGreaterThan(0);
    expect(trades.some((s) => s.name === "tradebot_outbox_lag_seconds" && s.labels["subgraph"] === "trades")).toBe(
      true,
    );
    expect(trades.some((s) => s.name === "tradebot_queue_jobs" && s.labels["queue"] === "webhooks")).toBe(true);
  });

  it("counts errors by code at the gateway", async () => {
    const labels = { operation_name: "CreateBot", code: "UNAUTHENTICATED" };
    const before = valueOf((await gatewayMetrics()).samples, "graphql_gateway_operation_errors_total", labels);
    await t.execute(CreateBot, { input: { name: "anonymous", symbol: "BTC/USDT" } });
    const after = valueOf((await gatewayMetrics()).samples, "graphql_gateway_operation_errors_total", labels);
    expect(after - before).toBe(1);
  });
});
