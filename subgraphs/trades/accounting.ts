import { Decimal as BaseDecimal } from "decimal.js";

/** Exact arithmetic for money: 60 significant digits, so sums and products never round. */
export const Money = BaseDecimal.clone({ precision: 60, rounding: BaseDecimal.ROUND_HALF_EVEN });
type Amount = BaseDecimal;

/** Decimal places kept where a division makes a result non-terminating (average cost). */
export const SCALE = 18;

/** A bot's holding and totals, as average-cost accounting keeps them. */
export interface Book {
  quantity: Amount;
  costBasis: Amount;
  realizedPnl: Amount;
  fees: Amount;
  volume: Amount;
  tradeCount: number;
  winningTrades: number;
  losingTrades: number;
}

/** One fill. */
export interface Fill {
  side: "BUY" | "SELL";
  quantity: Amount;
  price: Amount;
  fee: Amount;
}

/** A fill the book cannot take. */
export class InsufficientPositionError extends Error {
  override name = "InsufficientPositionError";
}

/** The fee of a fill: `feeRate` × notional, in the quote currency. */
export function feeOf(quantity: Amount, price: Amount, feeRate: Amount): Amount {
  return new Money(quantity).mul(price).mul(feeRate);
}

/** The average entry price, or null with nothing held. */
export function averageEntryPrice(book: Pick<Book, "quantity" | "costBasis">): Amount | null {
  return book.quantity.isZero() ? null : new Money(book.costBasis).div(book.quantity).toDecimalPlaces(SCALE);
}

/**
 * Applies a fill with average-cost accounting (API.md): a BUY adds `qty` and `qty×price + fee` to the
 * cost basis; a SELL realizes `qty×price − fee − qty×averageCost` and removes `qty×averageCost` from
 * the cost basis (all of it when the position closes). Spot only: selling more than is held throws.
 */
export function applyFill(book: Book, fill: Fill): { book: Book; realizedPnl: Amount } {
  const quantity = new Money(fill.quantity);
  const notional = quantity.mul(fill.price);
  const totals = {
    fees: new Money(book.fees).add(fill.fee),
    volume: new Money(book.volume).add(notional),
    tradeCount: book.tradeCount + 1,
  };
  if (fill.side === "BUY") {
    return {
      book: {
        ...book,
        ...totals,
        quantity: new Money(book.quantity).add(quantity),
        costBasis: new Money(book.costBasis).add(notional).add(fill.fee),
      },
      realizedPnl: new Money(0),
    };
  }
  if (quantity.gt(book.quantity)) {
    throw new InsufficientPositionError(
      `cannot sell ${quantity.toFixed()}: the position holds ${book.quantity.toFixed()}`,
    );
  }
  const remaining = new Money(book.quantity).sub(quantity);
  const costRemoved = remaining.isZero()
    ? new Money(book.costBasis)
    : new Money(book.costBasis).mul(quantity).div(book.quantity).toDecimalPlaces(SCALE);
  const realizedPnl = notional.sub(fill.fee).sub(costRemoved);
  return {
    book: {
      ...book,
      ...totals,
      quantity: remaining,
      costBasis: new Money(book.costBasis).sub(costRemoved),
      realizedPnl: new Money(book.realizedPnl).add(realizedPnl),
      winningTrades: book.winningTrades + (realizedPnl.gt(0) ? 1 : 0),
      losingTrades: book.losingTrades + (realizedPnl.lt(0) ? 1 : 0),
    },
    realizedPnl,
  };
}
