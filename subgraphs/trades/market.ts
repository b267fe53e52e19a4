import type { Database } from "../../src/db/orm.js";
import { plainSql, type SqlSession } from "../../src/db/sql.js";
import type { EventBus } from "../../src/events/types.js";
import { Decimal } from "../../src/money/decimal.js";
import type { Logger } from "../../src/observability/logger.js";
import type { BotReader } from "../bots/public.js";
import { Ticker } from "./ticker.entity.js";

/** Where a symbol's walk starts when it has no price yet. */
const STARTING_PRICES: Record<string, string> = { BTC: "60000", ETH: "3000", SOL: "150" };
const DEFAULT_START = "100";
/** Largest move per step: ±0.5 %. */
const MAX_STEP = 0.005;

/** Where a symbol's walk starts: a typical price of its base (BTC, ETH, SOL), else 100. */
export function startingPrice(symbol: string): Decimal {
  return new Decimal(STARTING_PRICES[symbol.split("/")[0] ?? ""] ?? DEFAULT_START);
}

/** The symbol's last price; a symbol without one gets its starting price first. */
export async function quoteOrSeed(session: SqlSession, symbol: string): Promise<Decimal> {
  await session.run(
    'insert into "ticker" ("symbol", "price", "updated_at") values (?, ?, ?) on conflict ("symbol") do nothing',
    [symbol, startingPrice(symbol).toFixed(), new Date()],
  );
  const row = await session.get<{ price: string }>('select "price" from "ticker" where "symbol" = ?', [symbol]);
  if (row === undefined) throw new Error(`no ticker of ${symbol} after seeding it`);
  return new Decimal(row.price);
}

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
 * For demos: a symbol is quoted at its starting price as soon as a bot on it is created (and a fill
 * that finds no price seeds it the same way, see `fillOrder`); every `intervalMs`, the ticker of each
 * symbol some bot trades moves by a seeded random walk, so bots show changing PnL. Off in tests and
 * when configured off.
 */
export function startSimulatedMarket(options: {
  orm: Database;
  bots: BotReader;
  bus: EventBus;
  intervalMs: number;
  seed: number;
  logger: Logger;
}): SimulatedMarket {
  const random = seededRandom(options.seed);
  let inFlight: Promise<void> = Promise.resolve();
  const unsubscribe = options.bus.subscribe((event) => {
    if (event.type !== "bot.created") return;
    const { symbol } = event.data.bot;
    inFlight = inFlight
      .then(() => quoteOrSeed(plainSql(options.orm.em), symbol))
      .then(
        () => undefined,
        (error: unknown) => options.logger.warn({ err: error, symbol }, "seeding a ticker failed"),
      );
  });
  const step = async (): Promise<void> => {
    const symbols = await options.bots.symbols();
    if (symbols.length === 0) return;
    const em = options.orm.em.fork();
    const tickers = new Map((await em.find(Ticker, { symbol: { $in: symbols } })).map((t) => [t.symbol, t]));
    for (const symbol of symbols) {
      const ticker = tickers.get(symbol);
      const price = nextPrice(ticker?.price ?? startingPrice(symbol), random);
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
      unsubscribe();
      clearInterval(timer);
      await inFlight;
    },
  };
}
