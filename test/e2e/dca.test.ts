import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dcaSchedulerId } from "../../subgraphs/trades/dca.js";
import { backendOptions, startTestStack, type TestBackends, type TestStack } from "../harness.js";
import { postgresAvailable, redisAvailable } from "../services.js";
import { BotBook, BotState, CreateBot, PauseBot, SetTicker, StartBot, StopBot } from "./documents.js";

const backends: TestBackends[] = [
  "embedded",
  ...((await postgresAvailable()) && (await redisAvailable()) ? (["postgres+redis"] as const) : []),
];

describe.each(backends)("a DCA bot (%s)", (backend) => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack({ ...backendOptions(backend), env: { TRADING_FEE_RATE: "0.001" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("buys by itself once started, through the same path as submitOrder, and stops when paused", async () => {
    const alice = await t.token("alice");
    await t.execute(SetTicker, { symbol: "ETH/USDT", price: "2000" }, { token: await t.token("root", ["admin"]) });
    const { data } = await t.execute(
      CreateBot,
      {
        input: {
          name: "dca",
          symbol: "ETH/USDT",
          strategy: "dca",
          config: { orderQuantity: "0.05", intervalSeconds: 3600 },
        },
      },
      { token: alice },
    );
    const botId = data?.createBot.bot?.id ?? "";
    await t.execute(StartBot, { id: botId }, { token: alice });

    const book = await vi.waitFor(
      async () => {
        const bot = (await t.execute(BotBook, { id: botId }, { token: alice })).data?.bot;
        expect(bot?.position.quantity).toBe("0.05");
        return bot;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(book?.position).toEqual({ quantity: "0.05", costBasis: "100.1", averageEntryPrice: "2002" });
    expect(book?.performance).toMatchObject({ tradeCount: 1, fees: "0.1", volume: "100" });
    expect((await t.stack.queue.getSchedulers("orders")).map((s) => [s.id, s.everyMs])).toContainEqual([
      dcaSchedulerId(botId),
      3_600_000,
    ]);

    await t.execute(PauseBot, { id: botId }, { token: alice });
    await vi.waitFor(
      async () =>
        expect((await t.stack.queue.getSchedulers("orders")).map((s) => s.id)).not.toContain(dcaSchedulerId(botId)),
      {
        timeout: 10_000,
        interval: 50,
      },
    );
    expect((await t.execute(BotBook, { id: botId }, { token: alice })).data?.bot?.orders.totalCount).toBe(1);
  });

  it("is set to ERROR with the reason when its order is rejected, and can then be stopped", async () => {
    const bob = await t.token("bob");
    const { data } = await t.execute(
      CreateBot,
      {
        input: {
          name: "no market",
          symbol: "XRP/USDT",
          strategy: "dca",
          config: { orderQuantity: "10", intervalSeconds: 60 },
        },
      },
      { token: bob },
    );
    const botId = data?.createBot.bot?.id ?? "";
    await t.execute(StartBot, { id: botId }, { token: bob });
    const failed = await vi.waitFor(
      async () => {
        const bot = (await t.execute(BotState, { id: botId }, { token: bob })).data?.bot;
        expect(bot?.status).toBe("ERROR");
        return bot;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(failed?.statusReason).toBe("DCA order rejected: NO_MARKET_PRICE");
    await vi.waitFor(
      async () =>
        expect((await t.stack.queue.getSchedulers("orders")).map((s) => s.id)).not.toContain(dcaSchedulerId(botId)),
      {
        timeout: 10_000,
        interval: 50,
      },
    );
    const stopped = await t.execute(StopBot, { id: botId }, { token: bob });
    expect(stopped.data?.stopBot.bot?.status).toBe("STOPPED");
    expect((await t.execute(BotState, { id: botId }, { token: bob })).data?.bot?.statusReason).toBeNull();
  });
});
