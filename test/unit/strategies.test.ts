import { describe, expect, it } from "vitest";
import { checkStrategyConfig } from "../../subgraphs/bots/strategies.js";

describe("strategy config schemas", () => {
  it("accepts valid configs", () => {
    expect(checkStrategyConfig("manual", {})).toEqual([]);
    expect(checkStrategyConfig("dca", { orderQuantity: "0.01", intervalSeconds: 3600 })).toEqual([]);
    expect(
      checkStrategyConfig("grid", { lowerPrice: "100", upperPrice: "200", gridLevels: 10, orderQuantity: "1" }),
    ).toEqual([]);
    expect(checkStrategyConfig("arbitrage", { spreadThreshold: "0.002", orderQuantity: "0.1" })).toEqual([]);
  });

  it("names each bad parameter", () => {
    expect(checkStrategyConfig("manual", { x: 1 })).toEqual([{ path: [], message: 'unknown parameter "x"' }]);
    expect(checkStrategyConfig("dca", { orderQuantity: 1, intervalSeconds: 1.5 })).toEqual([
      { path: ["orderQuantity"], message: 'must be a decimal string such as "0.01"' },
      { path: ["intervalSeconds"], message: "must be a whole number of seconds" },
    ]);
    expect(checkStrategyConfig("dca", { orderQuantity: "0", intervalSeconds: 5 })).toEqual([
      { path: ["orderQuantity"], message: "must be greater than 0" },
      { path: ["intervalSeconds"], message: "must be at least 10" },
    ]);
  });
});
