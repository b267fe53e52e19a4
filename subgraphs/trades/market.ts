import type { Database } from "../../src/db/orm.js";
import { Decimal } from "../../src/graphql/scalars.js";
import type { Logger } from "../../src/observability/logger.js";
import type { BotReader } from "../bots/public.js";
import { Ticker } from "./ticker.entity.js";

/** Where a symbol's walk starts when it has no price yet. */
const STARTING_PRICES: Record<string, string> = { BTC: "60000", ETH: "3000", SOL: "150" };
const DEFAULT_START = "100";
/** Largest move per step: ±0.5 %. */
const MAX_STEP = 0.005;

/** mulberry32: a small seeded PRNG, so a demo replays the same prices. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The next price of a random walk: a step of up to ±0.5 %, 8 decimal places, never below 0.00000001. */
export function nextPrice(price: Decimal, random: () => number): Decimal {
  const step = new Decimal((random() * 2 - 1) * MAX_STEP).toDecimalPlaces(6);
  return Decimal.max(price.mul(step.add(1)).toDecimalPlaces(8), new Decimal("0.00000001"));
}

/** A running simulated market; `stop()` waits for the step in flight. */
export interface SimulatedMarket {
  stop(): Promise<void>;
}

/**
 * For demos: every `intervalMs`, the ticker of each symbol some bot trades moves by a seeded random
 * walk (a new symbol starts at a typical price), so a bot has a price by the time it is started and
 * shows changing PnL. Off in tests and when configured off.
 */
export function startSimulatedMarket(options: {
  orm: Database;
  bots: BotReader;
  intervalMs: number;
  seed: number;
  logger: Logger;
}): SimulatedMarket {
  const random = seededRandom(options.seed);
  let inFlight: Promise<void> = Promise.resolve();
  const step = async (): Promise<void> => {
    const symbols = await options.bots.symbols();
    if (symbols.length === 0) return;
    const em = options.orm.em.fork();
    const tickers = new Map((await em.find(Ticker, { symbol: { $in: symbols } })).map((t) => [t.symbol, t]));
    for (const symbol of symbols) {
      const ticker = tickers.get(symbol);
      const base = symbol.split("/")[0] ?? "";
      const price = nextPrice(ticker?.price ?? new Decimal(STARTING_PRICES[base] ?? DEFAULT_START), random);
      if (ticker === undefined) em.create(Ticker, { symbol, price });
      else em.assign(ticker, { price, updatedAt: new Date() });
    }
    await em.flush();
  };
  const timer = setInterval(() => {
    inFlight = inFlight
      .then(step)
      .catch((error: unknown) => options.logger.warn({ err: error }, "simulated market step failed"));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
