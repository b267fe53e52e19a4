import { isAdmin, type Viewer } from "../../src/auth/viewer.js";
import type { EntityManager } from "../../src/db/orm.js";
import { Decimal } from "../../src/money/decimal.js";
import { averageEntryPrice, Money } from "./accounting.js";
import { BotPerformance, BotPosition, DailyPerformance } from "./performance.types.js";
import type { Position } from "./position.entity.js";
import { Trade } from "./trade.entity.js";

const DAY_MS = 24 * 3600 * 1000;

/** A bot's position as the API shows it (zero when it never traded). */
export function positionOf(position: Position | null): BotPosition {
  const quantity = position?.quantity ?? new Decimal(0);
  const costBasis = position?.costBasis ?? new Decimal(0);
  return Object.assign(new BotPosition(), {
    quantity,
    costBasis,
    averageEntryPrice: averageEntryPrice({ quantity, costBasis }),
  });
}

/** A bot's totals as the API shows them. */
export function performanceOf(botId: string, position: Position | null): BotPerformance {
  const winning = position?.winningTrades ?? 0;
  const losing = position?.losingTrades ?? 0;
  return Object.assign(new BotPerformance(), {
    botId,
    tradeCount: position?.tradeCount ?? 0,
    winningTrades: winning,
    losingTrades: losing,
    winRate: winning + losing === 0 ? null : winning / (winning + losing),
    realizedPnl: position?.realizedPnl ?? new Decimal(0),
    fees: position?.fees ?? new Decimal(0),
    volume: position?.volume ?? new Decimal(0),
  });
}

/** The last `days` UTC days (today included, oldest first), each with its realized PnL and trade count. */
export async function dailyPerformance(
  em: EntityManager,
  viewer: Viewer,
  botId: string,
  days: number,
  now = new Date(),
): Promise<DailyPerformance[]> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = today - (days - 1) * DAY_MS;
  const buckets = Array.from({ length: days }, (_, i) => ({
    date: new Date(first + i * DAY_MS).toISOString().slice(0, 10),
    realizedPnl: new Money(0),
    tradeCount: 0,
  }));
  const trades = await em.find(
    Trade,
    { botId, ...(isAdmin(viewer) ? {} : { ownerId: viewer.id }), executedAt: { $gte: new Date(first) } },
    { fields: ["executedAt", "realizedPnl"] },
  );
  for (const trade of trades) {
    const bucket = buckets[Math.floor((trade.executedAt.getTime() - first) / DAY_MS)];
    if (bucket === undefined) continue;
    bucket.realizedPnl = bucket.realizedPnl.add(trade.realizedPnl);
    bucket.tradeCount += 1;
  }
  return buckets.map((bucket) => Object.assign(new DailyPerformance(), bucket));
}
