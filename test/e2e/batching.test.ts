import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { backendOptions, startTestStack, type TestBackends, type TestStack } from "../harness.js";
import { postgresAvailable, redisAvailable } from "../services.js";
import {
  BotWithTrades,
  BotsOrdersAndSells,
  BotsTradingBook,
  CreateBot,
  OrderById,
  StartBot,
  SubmitOrder,
} from "./documents.js";

const backends: TestBackends[] = [
  "embedded",
  ...((await postgresAvailable()) && (await redisAvailable()) ? (["postgres+redis"] as const) : []),
];

/** How many bots the trader runs: the larger of the two pages asked for. */
const BOTS = 20;
/** Extra BUYs of the first bot, so that its trades run past a page of 10. */
const EXTRA_BUYS = 10;
/** A statement logged this long ago, and none since, means the stack is idle. */
const QUIET_MS = 300;

type LogLine = Record<string, unknown>;

describe.each(backends)("DataLoader batching (%s)", (backend) => {
  let t: TestStack;
  let alice: string;
  let admin: string;
  const logLines: LogLine[] = [];
  /** Per bot, in creation order: its name and the ids of its orders, in the order they filled. */
  const bots: { id: string; name: string; orderIds: string[] }[] = [];
  /** Before the first trade. */
  let tradingStarted: string;

  let sequence = 0;
  async function filledOrder(botId: string, side: "BUY" | "SELL", quantity: string, limitPrice: string) {
    const { data, errors } = await t.execute(
      SubmitOrder,
      { input: { botId, clientOrderId: `o-${++sequence}`, side, type: "LIMIT", quantity, limitPrice } },
      { token: alice },
    );
    expect(errors).toBeUndefined();
    expect(data?.submitOrder.userErrors).toEqual([]);
    const id = data?.submitOrder.order?.id ?? "";
    await vi.waitFor(
      async () => expect((await t.execute(OrderById, { id }, { token: alice })).data?.order?.status).toBe("FILLED"),
      { timeout: 20_000, interval: 20 },
    );
    return id;
  }

  /** Waits until no SQL statement has run for {@link QUIET_MS}: fills, outbox relays and fan-outs are done. */
  async function quiet(): Promise<void> {
    await vi.waitFor(
      () => {
        const last = logLines.findLast((line) => line["msg"] === "sql");
        expect(Date.now() - Number(last?.["time"] ?? 0)).toBeGreaterThanOrEqual(QUIET_MS);
      },
      { timeout: 20_000, interval: 50 },
    );
  }

  /** Runs one request on an idle stack; returns its answer and the SQL statements it ran, per subgraph. */
  async function counted<T>(request: () => Promise<T>): Promise<{ result: T; statements: Record<string, number> }> {
    await quiet();
    const from = logLines.length;
    const result = await request();
    const statements: Record<string, number> = {};
    for (const line of logLines.slice(from)) {
      if (line["msg"] !== "sql") continue;
      const subgraph = String(line["subgraph"]);
      statements[subgraph] = (statements[subgraph] ?? 0) + 1;
    }
    return { result, statements };
  }

  const total = (statements: Record<string, number>) => Object.values(statements).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    t = await startTestStack({
      ...backendOptions(backend),
      // Only commits wake the outbox relays and no market moves, so nothing touches the databases by itself.
      env: { TRADING_FEE_RATE: "0", OUTBOX_RELAY_INTERVAL_MS: "3600000", SIMULATED_MARKET: "false" },
      logLines,
      logLevel: "debug",
    });
    alice = await t.token("alice");
    admin = await t.token("root", ["admin"]);
    for (let i = 0; i < BOTS; i++) {
      const name = `bot-${i}`;
      const { data } = await t.execute(CreateBot, { input: { name, symbol: "ETH/USDT" } }, { token: alice });
      const id = data?.createBot.bot?.id ?? "";
      expect((await t.execute(StartBot, { id }, { token: alice })).data?.startBot.bot?.status).toBe("RUNNING");
      bots.push({ id, name, orderIds: [] });
    }
    tradingStarted = new Date().toISOString();
    // Bot i buys 2 at 10 and sells 1 at 10 + i: it holds 1 and realized i. Bots trade in parallel.
    await Promise.all(
      bots.map(async (bot, i) => {
        bot.orderIds.push(await filledOrder(bot.id, "BUY", "2", "10"));
        bot.orderIds.push(await filledOrder(bot.id, "SELL", "1", String(10 + i)));
        for (let extra = 0; i === 0 && extra < EXTRA_BUYS; extra++) {
          bot.orderIds.push(await filledOrder(bot.id, "BUY", "1", "10"));
        }
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("runs as many SQL statements for 20 bots' trades, orders, performance and positions as for 5", async () => {
    const counts: Record<string, Record<string, number>> = {};
    for (const [viewer, token] of [
      ["trader", alice],
      ["admin", admin],
    ] as const) {
      for (const first of [5, BOTS]) {
        const { result, statements } = await counted(() => t.execute(BotsTradingBook, { first }, { token }));
        expect(result.errors).toBeUndefined();
        const nodes = result.data?.bots.edges.map((edge) => edge.node) ?? [];
        expect(nodes.map((node) => node.id)).toEqual(bots.slice(0, first).map((bot) => bot.id));
        nodes.forEach((node, i) => {
          const bot = bots[i];
          const trades = bot?.orderIds.length ?? 0;
          expect(node.name).toBe(bot?.name);
          expect(node.trades.totalCount).toBe(trades);
          expect(node.trades.pageInfo.hasNextPage).toBe(trades > 10);
          expect(node.trades.edges.map((edge) => edge.node.order.id)).toEqual(bot?.orderIds.slice(0, 10));
          expect(node.trades.edges.every((edge) => edge.node.bot.name === bot?.name)).toBe(true);
          expect(node.trades.pageInfo.endCursor).not.toBeNull();
          expect(node.performance.realizedPnl).toBe(String(i));
          expect(node.position.quantity).toBe(i === 0 ? String(1 + EXTRA_BUYS) : "1");
        });
        counts[`${viewer}, ${first} bots`] = statements;
      }
    }
    // bots: the page, its count, the bots behind `Trade.bot`; trades: the pages, their counts, the
    // trades' orders, the positions (performance and position share them).
    const expected = { bots: 3, trades: 4 };
    expect(counts).toEqual({
      "trader, 5 bots": expected,
      "trader, 20 bots": expected,
      "admin, 5 bots": expected,
      "admin, 20 bots": expected,
    });
    expect(total(expected)).toBe(7);
  });

  it("batches orders and filtered trades once per set of arguments, whatever the number of bots", async () => {
    const totals: number[] = [];
    for (const first of [5, BOTS]) {
      const { result, statements } = await counted(() =>
        t.execute(BotsOrdersAndSells, { first, status: "FILLED", since: tradingStarted }, { token: alice }),
      );
      expect(result.errors).toBeUndefined();
      result.data?.bots.edges.forEach(({ node }, i) => {
        const orderIds = bots[i]?.orderIds ?? [];
        expect(node.orders).toEqual({
          totalCount: orderIds.length,
          pageInfo: { hasNextPage: orderIds.length > 2 },
          edges: orderIds.slice(0, 2).map((id) => ({ node: { id, status: "FILLED" } })),
        });
        expect(node.sells).toEqual({ totalCount: 1, edges: [{ node: { side: "SELL", price: String(10 + i) } }] });
        expect(node.between.totalCount).toBe(orderIds.length);
      });
      // bots: the page and its count; trades: pages and counts of orders, of SELLs and of the time window.
      expect(statements).toEqual({ bots: 2, trades: 6 });
      totals.push(total(statements));
    }
    expect(totals).toEqual([8, 8]);
    const none = await t.execute(
      BotsOrdersAndSells,
      { first: 3, status: "CANCELED", until: tradingStarted },
      { token: alice },
    );
    expect(none.errors).toBeUndefined();
    expect(none.data?.bots.edges.map(({ node }) => [node.orders, node.between.totalCount])).toEqual(
      Array.from({ length: 3 }, () => [{ totalCount: 0, pageInfo: { hasNextPage: false }, edges: [] }, 0]),
    );
  });

  it("keeps connection semantics on the batched path: after, the end of the list, first and cursor checks", async () => {
    const [bot] = bots;
    const id = bot?.id ?? "";
    const page1 = await t.execute(BotWithTrades, { id, first: 10 }, { token: alice });
    const page2 = await t.execute(
      BotWithTrades,
      { id, first: 10, after: page1.data?.bot?.trades.pageInfo.endCursor },
      { token: alice },
    );
    expect(page2.data?.bot?.trades.totalCount).toBe(2 + EXTRA_BUYS);
    expect(page2.data?.bot?.trades.pageInfo.hasNextPage).toBe(false);
    expect(page2.data?.bot?.trades.edges.map((edge) => edge.node.side)).toEqual(["BUY", "BUY"]);
    const ids = [...(page1.data?.bot?.trades.edges ?? []), ...(page2.data?.bot?.trades.edges ?? [])].map(
      (edge) => edge.node.id,
    );
    expect(new Set(ids).size).toBe(2 + EXTRA_BUYS);

    const tooMany = await t.execute(BotWithTrades, { id, first: 101 }, { token: alice });
    expect(tooMany.errors?.[0]).toMatchObject({
      message: "first: must be between 1 and 100, got 101",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const forged = await t.execute(BotWithTrades, { id, first: 2, after: "bm90LWEtY3Vyc29y" }, { token: alice });
    expect(forged.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");

    const mallory = await t.token("mallory");
    expect((await t.execute(BotWithTrades, { id, first: 10 }, { token: mallory })).data?.bot).toBeNull();
  });
  it("updates only the columns that changed: creation and occurrence times are never rewritten", async () => {
    await quiet();
    const updates = logLines
      .filter((line) => line["msg"] === "sql" && /^update\b/i.test(String(line["sql"])))
      .map((line) => String(line["sql"]));
    // Orders fill, positions move, bots start and outbox rows are published above: all of them updates.
    expect(updates.filter((sql) => /trade_order/.test(sql)).length).toBeGreaterThan(0);
    expect(updates.filter((sql) => /_outbox/.test(sql)).length).toBeGreaterThan(0);
    expect(updates.filter((sql) => /created_at|occurred_at/.test(sql))).toEqual([]);
  });
});
