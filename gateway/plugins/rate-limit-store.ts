import type { Redis } from "ioredis";

/** One caller's key for one limited field, as @envelop/rate-limiter names it. */
export interface RateLimitIdentity {
  contextIdentity: string;
  fieldIdentity: string;
}

/** Counts a window's operations for the per-viewer budget. */
export interface BudgetHit {
  /** Operations in the current window, this one included. */
  count: number;
  /** When the current window ends (epoch ms). */
  resetAt: number;
}

/**
 * Where rate limits keep their counts: in this process, or in Redis so that every gateway instance
 * shares them. `getForIdentity`/`setForIdentity` are @envelop/rate-limiter's store contract (a log
 * of call times per caller and field); `hitBudget` is a fixed-window counter.
 */
export interface RateLimitStore {
  getForIdentity(identity: RateLimitIdentity): Promise<number[]>;
  setForIdentity(identity: RateLimitIdentity, timestamps: number[], windowMs: number): Promise<void>;
  hitBudget(key: string, windowMs: number): Promise<BudgetHit>;
  close(): Promise<void>;
}

const keyOf = (identity: RateLimitIdentity): string => `${identity.contextIdentity}|${identity.fieldIdentity}`;

/** Entries past which expired ones are swept; past twice this many everything starts over. */
const SWEEP_AT = 10_000;

/** Counts in this process, bounded: expired entries are swept as the maps grow (anonymous callers are many). */
export function memoryRateLimitStore(): RateLimitStore {
  const logs = new Map<string, { timestamps: number[]; expiresAt: number }>();
  const budgets = new Map<string, BudgetHit>();
  function sweep<V>(map: Map<string, V>, expiry: (value: V) => number): void {
    if (map.size < SWEEP_AT) return;
    const now = Date.now();
    for (const [key, value] of map) if (expiry(value) <= now) map.delete(key);
    if (map.size >= SWEEP_AT * 2) map.clear();
  }
  return {
    getForIdentity(identity) {
      const entry = logs.get(keyOf(identity));
      return Promise.resolve(entry !== undefined && entry.expiresAt > Date.now() ? entry.timestamps : []);
    },
    setForIdentity(identity, timestamps, windowMs) {
      sweep(logs, (entry) => entry.expiresAt);
      logs.set(keyOf(identity), { timestamps, expiresAt: Math.max(0, ...timestamps) + windowMs });
      return Promise.resolve();
    },
    hitBudget(key, windowMs) {
      const now = Date.now();
      let hit = budgets.get(key);
      if (hit === undefined || hit.resetAt <= now) {
        sweep(budgets, (entry) => entry.resetAt);
        hit = { count: 0, resetAt: now + windowMs };
        budgets.set(key, hit);
      }
      hit.count++;
      return Promise.resolve({ ...hit });
    },
    close() {
      logs.clear();
      budgets.clear();
      return Promise.resolve();
    },
  };
}

/** Counts in Redis under `prefix`, shared by every gateway instance; keys expire with their window. */
export function redisRateLimitStore(redis: Redis, prefix: string): RateLimitStore {
  return {
    async getForIdentity(identity) {
      const stored = await redis.get(`${prefix}:field:${keyOf(identity)}`);
      return stored === null ? [] : (JSON.parse(stored) as number[]);
    },
    async setForIdentity(identity, timestamps, windowMs) {
      const ttl = Math.max(1, Math.max(0, ...timestamps) + windowMs - Date.now());
      await redis.set(`${prefix}:field:${keyOf(identity)}`, JSON.stringify(timestamps), "PX", ttl);
    },
    async hitBudget(key, windowMs) {
      const redisKey = `${prefix}:budget:${key}`;
      // Created with its expiry the first time in a window; INCR keeps the expiry.
      const replies = await redis.multi().set(redisKey, "0", "PX", windowMs, "NX").incr(redisKey).pttl(redisKey).exec();
      const count = Number(replies?.[1]?.[1] ?? 1);
      const ttl = Number(replies?.[2]?.[1] ?? windowMs);
      return { count, resetAt: Date.now() + (ttl > 0 ? ttl : windowMs) };
    },
    async close() {
      await redis.quit();
    },
  };
}
