import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestStack, type TestStack } from "../harness.js";
import { CreateBot, TickerOf } from "./documents.js";

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
