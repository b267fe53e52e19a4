import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  applyFill,
  averageEntryPrice,
  feeOf,
  InsufficientPositionError,
  Money,
  type Book,
} from "../../subgraphs/trades/accounting.js";
import { nextPrice } from "../../subgraphs/trades/market.js";

const empty = (): Book => ({
  quantity: new Money(0),
  costBasis: new Money(0),
  realizedPnl: new Money(0),
  fees: new Money(0),
  volume: new Money(0),
  tradeCount: 0,
  winningTrades: 0,
  losingTrades: 0,
});
const d = (value: string) => new Money(value);

describe("average-cost accounting", () => {
  it("adds BUYs exactly: 0.1 @ 0.2 + 0.2 @ 0.1 = 0.3 for 0.04", () => {
    const first = applyFill(empty(), { side: "BUY", quantity: d("0.1"), price: d("0.2"), fee: d("0") }).book;
    const second = applyFill(first, { side: "BUY", quantity: d("0.2"), price: d("0.1"), fee: d("0") }).book;
    expect(second.quantity.toFixed()).toBe("0.3");
    expect(second.costBasis.toFixed()).toBe("0.04");
    expect(averageEntryPrice(second)?.toFixed()).toBe("0.133333333333333333");
  });

  it("realizes qty×price − fee − qty×averageCost on a SELL, with fees in the cost basis", () => {
    const feeRate = d("0.001");
    let book = applyFill(empty(), {
      side: "BUY",
      quantity: d("2"),
      price: d("100"),
      fee: feeOf(d("2"), d("100"), feeRate),
    }).book;
    expect(book.costBasis.toFixed()).toBe("200.2");
    const win = applyFill(book, {
      side: "SELL",
      quantity: d("1"),
      price: d("110"),
      fee: feeOf(d("1"), d("110"), feeRate),
    });
    expect(win.realizedPnl.toFixed()).toBe("9.79");
    book = win.book;
    expect(book.costBasis.toFixed()).toBe("100.1");
    const loss = applyFill(book, {
      side: "SELL",
      quantity: d("1"),
      price: d("90"),
      fee: feeOf(d("1"), d("90"), feeRate),
    });
    expect(loss.realizedPnl.toFixed()).toBe("-10.19");
    expect(loss.book).toMatchObject({ tradeCount: 3, winningTrades: 1, losingTrades: 1 });
    expect(loss.book.quantity.toFixed()).toBe("0");
    expect(loss.book.costBasis.toFixed()).toBe("0");
    expect(loss.book.realizedPnl.toFixed()).toBe("-0.4");
    expect(loss.book.fees.toFixed()).toBe("0.4");
    expect(loss.book.volume.toFixed()).toBe("400");
  });

  it("refuses to sell more than is held (spot only)", () => {
    const book = applyFill(empty(), { side: "BUY", quantity: d("1"), price: d("1"), fee: d("0") }).book;
    expect(() => applyFill(book, { side: "SELL", quantity: d("1.00000001"), price: d("1"), fee: d("0") })).toThrow(
      InsufficientPositionError,
    );
  });
});

describe("the simulated market", () => {
  it("moves a price by at most 0.5 % per step, repeatably for a seed", () => {
    const sequence = (seed: number) => {
      let state = seed;
      const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
      let price = new Decimal("100");
      return Array.from({ length: 50 }, () => (price = nextPrice(price, random)).toFixed());
    };
    const walk = sequence(7);
    expect(sequence(7)).toEqual(walk);
    walk.reduce((previous, current) => {
      expect(Math.abs(Number(current) / Number(previous) - 1)).toBeLessThanOrEqual(0.005 + 1e-9);
      return current;
    }, "100");
  });
});
