import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signInternalToken } from "../../src/auth/tokens.js";
import { backendOptions, startTestStack, type TestBackends, type TestStack } from "../harness.js";
import { postgresAvailable, redisAvailable } from "../services.js";
import { subscribeWs, type TestSubscription } from "../subscriptions.js";
import {
  BotBook,
  CancelOrder,
  CreateBot,
  OnTradeExecuted,
  OrderById,
  PauseQueue,
  ResumeQueue,
  SetTicker,
  StartBot,
  SubmitOrder,
  StopBot,
} from "./documents.js";

const backends: TestBackends[] = [
  "embedded",
  ...((await postgresAvailable()) && (await redisAvailable()) ? (["postgres+redis"] as const) : []),
];

describe.each(backends)("trading (%s)", (backend) => {
  let t: TestStack;
  let alice: string;
  let admin: string;
  const logLines: Record<string, unknown>[] = [];
  const open: TestSubscription<unknown>[] = [];

  beforeAll(async () => {
    t = await startTestStack({ ...backendOptions(backend), env: { TRADING_FEE_RATE: "0" }, logLines });
    alice = await t.token("alice");
    admin = await t.token("root", ["admin"]);
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await t?.close();
  });

  async function runningBot(token: string, symbol = "ETH/USDT"): Promise<string> {
    const { data } = await t.execute(CreateBot, { input: { name: "trader", symbol } }, { token });
    const id = data?.createBot.bot?.id ?? "";
    await t.execute(StartBot, { id }, { token });
    return id;
  }

  let sequence = 0;
  async function order(token: string, botId: string, side: "BUY" | "SELL", quantity: string, limitPrice?: string) {
    const { data, errors } = await t.execute(
      SubmitOrder,
      {
        input: {
          botId,
          clientOrderId: `o-${++sequence}`,
          side,
          type: limitPrice ? "LIMIT" : "MARKET",
          quantity,
          limitPrice,
        },
      },
      { token },
    );
    expect(errors).toBeUndefined();
    expect(data?.submitOrder.userErrors).toEqual([]);
    expect(data?.submitOrder.order?.status).toBe("PENDING");
    return data?.submitOrder.order?.id ?? "";
  }

  async function settled(token: string, orderId: string) {
    return vi.waitFor(
      async () => {
        const { data } = await t.execute(OrderById, { id: orderId }, { token });
        expect(data?.order?.status).not.toBe("PENDING");
        return data?.order;
      },
      { timeout: 10_000, interval: 20 },
    );
  }

  it("keeps exact books: 0.1 @ 0.2 + 0.2 @ 0.1 is 0.3 for 0.04, and a SELL realizes a loss", async () => {
    const botId = await runningBot(alice);
    expect((await settled(alice, await order(alice, botId, "BUY", "0.1", "0.2")))?.status).toBe("FILLED");
    expect((await settled(alice, await order(alice, botId, "BUY", "0.2", "0.1")))?.status).toBe("FILLED");
    const afterBuys = await t.execute(BotBook, { id: botId }, { token: alice });
    expect(afterBuys.data?.bot?.position).toEqual({
      quantity: "0.3",
      costBasis: "0.04",
      averageEntryPrice: "0.133333333333333333",
    });

    const sell = await settled(alice, await order(alice, botId, "SELL", "0.3", "0.1"));
    expect(sell?.trade?.realizedPnl).toBe("-0.01");
    expect(sell?.trade?.order?.id).toBe(sell?.id);
    const book = (await t.execute(BotBook, { id: botId }, { token: alice })).data?.bot;
    expect(book?.position).toEqual({ quantity: "0", costBasis: "0", averageEntryPrice: null });
    expect(book?.performance).toMatchObject({
      tradeCount: 3,
      winningTrades: 0,
      losingTrades: 1,
      winRate: 0,
      realizedPnl: "-0.01",
      fees: "0",
      volume: "0.07",
    });
    expect(book?.performance.daily.at(-1)).toEqual({
      date: new Date().toISOString().slice(0, 10),
      realizedPnl: "-0.01",
      tradeCount: 3,
    });
    expect(book?.orders.totalCount).toBe(3);
  });

  it("fills MARKET orders at the ticker and rejects them without one, or when selling more than is held", async () => {
    const botId = await runningBot(alice, "SOL/USDT");
    const noPrice = await settled(alice, await order(alice, botId, "BUY", "1"));
    expect(noPrice).toMatchObject({ status: "REJECTED", rejectReason: "NO_MARKET_PRICE", trade: null });
    await t.execute(SetTicker, { symbol: "SOL/USDT", price: "150.5" }, { token: admin });
    const filled = await settled(alice, await order(alice, botId, "BUY", "2"));
    expect(filled?.trade).toMatchObject({ price: "150.5", fee: "0", realizedPnl: "0" });
    const oversold = await settled(alice, await order(alice, botId, "SELL", "2.5"));
    expect(oversold).toMatchObject({ status: "REJECTED", rejectReason: "INSUFFICIENT_POSITION" });
    const winner = await settled(alice, await order(alice, botId, "SELL", "1", "160.5"));
    expect(winner?.trade?.realizedPnl).toBe("10");
  });

  it("returns one order for 50 concurrent submissions with the same clientOrderId", async () => {
    const botId = await runningBot(alice);
    const input = {
      botId,
      clientOrderId: "same-key",
      side: "BUY" as const,
      type: "LIMIT" as const,
      quantity: "1",
      limitPrice: "10",
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.execute(SubmitOrder, { input }, { token: alice })),
    );
    const ids = new Set(results.map((r) => r.data?.submitOrder.order?.id));
    expect(results.every((r) => r.errors === undefined && r.data?.submitOrder.userErrors.length === 0)).toBe(true);
    expect(ids.size).toBe(1);
    await settled(alice, [...ids][0] ?? "");
    expect((await t.execute(BotBook, { id: botId }, { token: alice })).data?.bot?.orders.totalCount).toBe(1);
  });

  it("reports bad orders as userErrors naming the field, and needs a RUNNING bot of the viewer's", async () => {
    const botId = await runningBot(alice);
    const bad = await t.execute(
      SubmitOrder,
      { input: { botId, clientOrderId: "bad one", side: "BUY", type: "LIMIT", quantity: "0" } },
      { token: alice },
    );
    expect(bad.data?.submitOrder.userErrors.map((e) => e.field?.join("."))).toEqual([
      "input.clientOrderId",
      "input.quantity",
      "input.limitPrice",
    ]);
    const marketWithPrice = await t.execute(
      SubmitOrder,
      { input: { botId, clientOrderId: "m", side: "BUY", type: "MARKET", quantity: "1", limitPrice: "1" } },
      { token: alice },
    );
    expect(marketWithPrice.data?.submitOrder.userErrors[0]?.message).toBe(
      "limitPrice: not allowed on a MARKET order, which fills at the last price",
    );
    const tooBig = await t.execute(
      SubmitOrder,
      { input: { botId, clientOrderId: "big", side: "BUY", type: "MARKET", quantity: "1000000.1" } },
      { token: alice },
    );
    expect(tooBig.data?.submitOrder.userErrors[0]?.field).toEqual(["input", "quantity"]);
    const notDecimal = await t.execute(
      SubmitOrder,
      { input: { botId, clientOrderId: "x", side: "BUY", type: "MARKET", quantity: "1e3" } },
      { token: alice },
    );
    expect(notDecimal.errors?.[0]?.message).toContain('Decimal must be a string such as "0.3"');

    await t.execute(StopBot, { id: botId }, { token: alice });
    const stopped = await t.execute(
      SubmitOrder,
      { input: { botId, clientOrderId: "s", side: "BUY", type: "MARKET", quantity: "1" } },
      { token: alice },
    );
    expect(stopped.data?.submitOrder.userErrors[0]).toMatchObject({ field: ["input", "botId"], code: "INVALID_STATE" });

    const mallory = await t.token("mallory");
    const foreign = await t.execute(
      SubmitOrder,
      { input: { botId, clientOrderId: "f", side: "BUY", type: "MARKET", quantity: "1" } },
      { token: mallory },
    );
    expect(foreign.data?.submitOrder.userErrors[0]).toMatchObject({ field: ["input", "botId"], code: "NOT_FOUND" });
  });

  it("cancels a PENDING order, after which its fill job leaves it alone", async () => {
    const botId = await runningBot(alice);
    await t.execute(PauseQueue, { name: "orders" }, { token: admin });
    const id = await order(alice, botId, "BUY", "1", "5");
    const canceled = await t.execute(CancelOrder, { id }, { token: alice });
    expect(canceled.data?.cancelOrder.order?.status).toBe("CANCELED");
    await t.execute(ResumeQueue, { name: "orders" }, { token: admin });
    await vi.waitFor(() => expect(logLines.some((l) => l["orderId"] === id && l["status"] === "SKIPPED")).toBe(true), {
      timeout: 10_000,
    });
    const again = await t.execute(CancelOrder, { id }, { token: alice });
    expect(again.data?.cancelOrder.userErrors[0]).toMatchObject({
      code: "INVALID_STATE",
      message: "id: only a PENDING order can be canceled; this one is CANCELED",
    });
    const mallory = await t.token("mallory");
    expect((await t.execute(OrderById, { id }, { token: mallory })).data?.order).toBeNull();
  });

  it("shows another trader nothing of a bot's orders and trades, even through _entities", async () => {
    const botId = await runningBot(alice);
    const orderId = await order(alice, botId, "BUY", "1", "3");
    const filled = await settled(alice, orderId);
    const tradeId = filled?.trade?.id ?? "";
    const asMallory = await signInternalToken(
      { viewer: { id: "mallory", roles: ["trader"] } },
      t.stack.secrets.internalSecret,
      60,
    );
    const entities = async (token: string) => {
      const response = await fetch(t.stack.subgraphUrls.get("trades") ?? "", {
        method: "POST",
        headers: { "content-type": "application/json", "x-internal-token": token },
        body: JSON.stringify({
          query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id status } ... on Trade { id price } ... on Bot { position { quantity } performance { tradeCount } orders(first: 5) { totalCount } trades(first: 5) { totalCount } } } }`,
          variables: {
            r: [
              { __typename: "Order", id: orderId },
              { __typename: "Trade", id: tradeId },
              { __typename: "Bot", id: botId },
            ],
          },
        }),
      });
      return ((await response.json()) as { data: { _entities: unknown[] } }).data._entities;
    };
    expect(await entities(asMallory)).toEqual([
      null,
      null,
      {
        position: { quantity: "0" },
        performance: { tradeCount: 0 },
        orders: { totalCount: 0 },
        trades: { totalCount: 0 },
      },
    ]);
    const asAlice = await signInternalToken(
      { viewer: { id: "alice", roles: ["trader"] } },
      t.stack.secrets.internalSecret,
      60,
    );
    expect(await entities(asAlice)).toEqual([
      { id: orderId, status: "FILLED" },
      { id: tradeId, price: "3" },
      {
        position: { quantity: "1" },
        performance: { tradeCount: 1 },
        orders: { totalCount: 1 },
        trades: { totalCount: 1 },
      },
    ]);
  });

  it("streams tradeExecuted through the gateway to the owner only", async () => {
    const botId = await runningBot(alice);
    const started = logLines.filter((l) => l["msg"] === "subscription started").length;
    const mine = subscribeWs(t.url, OnTradeExecuted, { botId }, alice);
    const other = subscribeWs(t.url, OnTradeExecuted, {}, await t.token("mallory"));
    open.push(mine, other);
    await vi.waitFor(
      () =>
        expect(logLines.filter((l) => l["msg"] === "subscription started").length).toBeGreaterThanOrEqual(started + 2),
      { timeout: 5000 },
    );
    const id = await order(alice, botId, "BUY", "0.5", "20");
    const trade = (await mine.next(10_000)).data?.tradeExecuted;
    expect(trade).toMatchObject({
      side: "BUY",
      quantity: "0.5",
      price: "20",
      realizedPnl: "0",
      bot: { id: botId, name: "trader" },
      order: { id },
    });
    const mallorysBot = await runningBot(await t.token("mallory"));
    await order(await t.token("mallory"), mallorysBot, "BUY", "1", "1");
    expect((await other.next(10_000)).data?.tradeExecuted.bot.id).toBe(mallorysBot);
  });
});
