import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { v7 as uuidv7 } from "uuid";
import { OrderSide, Trade } from "../../subgraphs/trades/trade.entity.js";
import { startTestStack, type TestDatabase, type TestStack } from "../harness.js";
import { postgresAvailable } from "../services.js";
import { BotWithTrades, Bots, CreateBot, TradeById } from "./documents.js";

const databases: TestDatabase[] = ["sqlite", ...((await postgresAvailable()) ? (["postgres"] as const) : [])];

describe.each(databases)("the federated stack on %s", (database) => {
  let t: TestStack;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    t = await startTestStack({ database });
    alice = await t.token("alice", ["trader"]);
    bob = await t.token("bob", ["trader"]);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function createBot(token: string, name: string): Promise<string> {
    const { data, errors } = await t.execute(CreateBot, { input: { name, symbol: "BTC/USDT" } }, { token });
    expect(errors).toBeUndefined();
    expect(data?.createBot.userErrors).toEqual([]);
    return data?.createBot.bot?.id ?? "";
  }

  it("creates a bot owned by the viewer and reads it back with its trades from the trades subgraph", async () => {
    const created = await t.execute(
      CreateBot,
      {
        input: {
          name: "  Grid runner  ",
          symbol: "ETH/USDT",
          strategy: "dca",
          config: { orderQuantity: "0.5", intervalSeconds: 60 },
        },
      },
      { token: alice },
    );
    expect(created.errors).toBeUndefined();
    const bot = created.data?.createBot.bot;
    expect(bot).toMatchObject({
      name: "Grid runner",
      ownerId: "alice",
      exchange: "paper",
      symbol: "ETH/USDT",
      strategy: "dca",
      config: { orderQuantity: "0.5", intervalSeconds: 60 },
      status: "STOPPED",
    });
    expect(new Date(bot?.createdAt ?? "").toISOString()).toBe(bot?.createdAt);

    const em = t.orm("trades").em.fork();
    const trades = ["0.1", "0.2"].map((quantity, i) =>
      em.create(Trade, {
        botId: bot?.id ?? "",
        orderId: uuidv7(),
        ownerId: "alice",
        symbol: "ETH/USDT",
        side: OrderSide.BUY,
        quantity: new Decimal(quantity),
        price: new Decimal(i === 0 ? "0.2" : "0.1"),
        fee: new Decimal("0"),
        feeCurrency: "USDT",
        realizedPnl: new Decimal("0"),
      }),
    );
    await em.flush();

    const read = await t.execute(BotWithTrades, { id: bot?.id ?? "", first: 10 }, { token: alice });
    expect(read.errors).toBeUndefined();
    expect(read.data?.bot?.name).toBe("Grid runner");
    expect(read.data?.bot?.trades.totalCount).toBe(2);
    expect(read.data?.bot?.trades.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        id: trades[0]?.id,
        quantity: "0.1",
        price: "0.2",
        side: "BUY",
        bot: { id: bot?.id, name: "Grid runner" },
      }),
      expect.objectContaining({
        id: trades[1]?.id,
        quantity: "0.2",
        price: "0.1",
        feeCurrency: "USDT",
        realizedPnl: "0",
      }),
    ]);

    const trade = await t.execute(TradeById, { id: trades[0]?.id ?? "" }, { token: alice });
    expect(trade.data?.trade).toEqual({
      id: trades[0]?.id,
      quantity: "0.1",
      bot: { id: bot?.id, name: "Grid runner", ownerId: "alice" },
    });
  });

  it("pages through trades with first and after", async () => {
    const botId = await createBot(alice, "pager");
    const em = t.orm("trades").em.fork();
    for (let i = 1; i <= 3; i++) {
      em.create(Trade, {
        botId,
        orderId: uuidv7(),
        ownerId: "alice",
        symbol: "BTC/USDT",
        side: OrderSide.BUY,
        quantity: new Decimal(i),
        price: new Decimal("100"),
        fee: new Decimal("0.1"),
        feeCurrency: "USDT",
        realizedPnl: new Decimal("0"),
        executedAt: new Date(Date.UTC(2026, 0, i)),
      });
      await em.flush();
    }
    const first = await t.execute(BotWithTrades, { id: botId, first: 2 }, { token: alice });
    expect(first.data?.bot?.trades.edges.map((e) => e.node.quantity)).toEqual(["1", "2"]);
    expect(first.data?.bot?.trades.pageInfo.hasNextPage).toBe(true);
    const second = await t.execute(
      BotWithTrades,
      { id: botId, first: 2, after: first.data?.bot?.trades.pageInfo.endCursor },
      { token: alice },
    );
    expect(second.data?.bot?.trades.edges.map((e) => e.node.quantity)).toEqual(["3"]);
    expect(second.data?.bot?.trades.pageInfo).toEqual({
      hasNextPage: false,
      endCursor: second.data?.bot?.trades.edges[0]?.cursor,
    });
    expect(second.data?.bot?.trades.totalCount).toBe(3);
  });

  it("shows a trader only their own bots and trades", async () => {
    const bobsBot = await createBot(bob, "bob's bot");
    const seenByAlice = await t.execute(BotWithTrades, { id: bobsBot, first: 5 }, { token: alice });
    expect(seenByAlice.errors).toBeUndefined();
    expect(seenByAlice.data?.bot).toBeNull();

    const alicesList = await t.execute(Bots, { first: 100 }, { token: alice });
    expect(alicesList.data?.bots.edges.map((e) => e.node.ownerId)).not.toContain("bob");
    const bobsList = await t.execute(Bots, { first: 100 }, { token: bob });
    expect(bobsList.data?.bots.edges.map((e) => e.node.id)).toEqual([bobsBot]);

    const admin = await t.token("root", ["admin"]);
    const adminsView = await t.execute(BotWithTrades, { id: bobsBot, first: 5 }, { token: admin });
    expect(adminsView.data?.bot?.name).toBe("bob's bot");
  });

  it("pages bots with a stable cursor and refuses a forged one", async () => {
    const carol = await t.token("carol");
    const ids = [await createBot(carol, "c1"), await createBot(carol, "c2"), await createBot(carol, "c3")];
    const page1 = await t.execute(Bots, { first: 2 }, { token: carol });
    expect(page1.data?.bots.totalCount).toBe(3);
    expect(page1.data?.bots.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    const page2 = await t.execute(Bots, { first: 2, after: page1.data?.bots.pageInfo.endCursor }, { token: carol });
    expect(page2.data?.bots.edges.map((e) => e.node.id)).toEqual(ids.slice(2));

    const tooMany = await t.execute(Bots, { first: 101 }, { token: carol });
    expect(tooMany.errors?.[0]).toMatchObject({
      message: "first: must be between 1 and 100, got 101",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const forged = await t.execute(Bots, { first: 2, after: "bm90LWEtY3Vyc29y" }, { token: carol });
    expect(forged.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
  });

  it("reports every problem of a bad createBot input as userErrors naming the field", async () => {
    const { data, errors } = await t.execute(
      CreateBot,
      {
        input: {
          name: "<b>x</b>",
          symbol: "btc-usdt",
          exchange: "binance",
          strategy: "grid",
          config: { lowerPrice: "10", upperPrice: "5", gridLevels: 1, orderQuantity: "1" },
        },
      },
      { token: alice },
    );
    expect(errors).toBeUndefined();
    expect(data?.createBot.bot).toBeNull();
    expect(data?.createBot.userErrors).toEqual(
      expect.arrayContaining([
        { field: ["input", "name"], message: "name: must not contain markup (< or >)", code: "INVALID" },
        {
          field: ["input", "symbol"],
          message: 'symbol: must be BASE/QUOTE in capitals, e.g. "BTC/USDT", got "btc-usdt"',
          code: "INVALID",
        },
        {
          field: ["input", "exchange"],
          message: 'exchange: unknown exchange "binance"; registered: paper',
          code: "INVALID",
        },
        { field: ["input", "config", "gridLevels"], message: "config.gridLevels: must be at least 2", code: "INVALID" },
        {
          field: ["input", "config", "upperPrice"],
          message: "config.upperPrice: must be greater than lowerPrice",
          code: "INVALID",
        },
      ]),
    );
    const blank = await t.execute(
      CreateBot,
      { input: { name: "   ", symbol: "BTC/USDT", strategy: "martingale" } },
      { token: alice },
    );
    expect(blank.data?.createBot.userErrors.map((e) => e.message)).toEqual([
      "name: must not be empty",
      'strategy: unknown strategy "martingale"; registered: manual, dca, grid, arbitrage',
    ]);
  });

  it("refuses anonymous, malformed and expired credentials with UNAUTHENTICATED, never a 500", async () => {
    const anonymous = await t.execute(Bots, { first: 1 });
    expect(anonymous.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");

    const malformed = await t.execute(Bots, { first: 1 }, { token: "not-a-jwt" });
    expect(malformed.status).toBe(401);
    expect(malformed.errors?.[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });

    const { signUserToken } = await import("../../src/auth/tokens.js");
    const expired = await signUserToken(
      { id: "alice", roles: ["trader"] },
      t.stack.secrets.jwtSecret,
      Math.floor(Date.now() / 1000) - 60,
    );
    const late = await t.execute(Bots, { first: 1 }, { token: expired });
    expect(late.status).toBe(401);
    expect(late.errors?.[0]?.message).toBe("Invalid token: the token has expired.");

    const otherSecret = await signUserToken({ id: "alice", roles: ["admin"] }, "x".repeat(40));
    const forged = await t.execute(Bots, { first: 1 }, { token: otherSecret });
    expect(forged.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");

    const viewerOnly = await t.token("vera", ["viewer"]);
    const write = await t.execute(CreateBot, { input: { name: "nope", symbol: "BTC/USDT" } }, { token: viewerOnly });
    expect(write.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
  });

  it("returns the client's x-request-id, or a new one", async () => {
    const kept = await t.execute(Bots, { first: 1 }, { token: alice, headers: { "x-request-id": "trace-me-123" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-me-123");
    const replaced = await t.execute(
      Bots,
      { first: 1 },
      { token: alice, headers: { "x-request-id": "x".repeat(129) } },
    );
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
