import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestStack, type TestStack } from "../harness.js";
import { CreateBot, OrderById, StartBot, SubmitOrder, TickerOf } from "./documents.js";

describe("the simulated market", () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack({ env: { SIMULATED_MARKET: "true", SIMULATED_MARKET_INTERVAL_MS: "100" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("prices every symbol a bot trades and keeps moving it", async () => {
    const alice = await t.token("alice");
    await t.execute(CreateBot, { input: { name: "walker", symbol: "BTC/USDT" } }, { token: alice });
    const first = await vi.waitFor(
      async () => {
        const ticker = (await t.execute(TickerOf, { symbol: "BTC/USDT" }, { token: alice })).data?.ticker;
        expect(ticker).not.toBeNull();
        return ticker;
      },
      { timeout: 5000, interval: 50 },
    );
    expect(Math.abs(Number(first?.price) / 60000 - 1)).toBeLessThan(0.01);
    await vi.waitFor(
      async () =>
        expect((await t.execute(TickerOf, { symbol: "BTC/USDT" }, { token: alice })).data?.ticker?.price).not.toBe(
          first?.price,
        ),
      { timeout: 5000, interval: 50 },
    );
  });
});

describe("a first order on a fresh stack", () => {
  let t: TestStack;

  beforeAll(async () => {
    // The walk does not step during the test: the price must come from the bot's creation alone.
    t = await startTestStack({ env: { SIMULATED_MARKET: "true", SIMULATED_MARKET_INTERVAL_MS: "3600000" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("fills a MARKET order sent right after creating and starting a bot on a new symbol", async () => {
    const alice = await t.token("alice");
    const created = await t.execute(CreateBot, { input: { name: "first", symbol: "ETH/USDT" } }, { token: alice });
    const botId = created.data?.createBot.bot?.id ?? "";
    await t.execute(StartBot, { id: botId }, { token: alice });
    const submitted = await t.execute(
      SubmitOrder,
      { input: { botId, clientOrderId: "first", side: "BUY", type: "MARKET", quantity: "0.5" } },
      { token: alice },
    );
    expect(submitted.data?.submitOrder.userErrors).toEqual([]);
    const orderId = submitted.data?.submitOrder.order?.id ?? "";
    const order = await vi.waitFor(
      async () => {
        const { data } = await t.execute(OrderById, { id: orderId }, { token: alice });
        expect(data?.order?.status).not.toBe("PENDING");
        return data?.order;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(order?.rejectReason ?? null).toBeNull();
    expect(order?.status).toBe("FILLED");
    expect(order?.trade?.price).toBe("3000");
  });

  it("quotes a new symbol once a bot on it is created, before the walk's first step", async () => {
    const bob = await t.token("bob");
    await t.execute(CreateBot, { input: { name: "quoted", symbol: "DOGE/USDT" } }, { token: bob });
    await vi.waitFor(
      async () =>
        expect((await t.execute(TickerOf, { symbol: "DOGE/USDT" }, { token: bob })).data?.ticker?.price).toBe("100"),
      { timeout: 5000, interval: 20 },
    );
  });
});
