import type { Redis } from "ioredis";

/** At most `max` calls per `windowMs`. */
export interface Rate {
  max: number;
  windowMs: number;
}

/** One operation's claim on a caller's limits: the budget, and each limited field it uses `count` times. */
export interface RateLimitClaim {
  /** Who is counted (`viewer:<id>` or `address:<ip>`). */
  identity: string;
  budget: Rate;
  fields: readonly { field: string; count: number; rate: Rate }[];
}

/** What a claim got: allowed, or the limit it broke (`budget`, or a field's index) and when to retry. */
export type RateLimitVerdict = { allowed: true } | { allowed: false; field: number | "budget"; retryAfterMs: number };

/**
 * Where rate limits keep their counts: in this process, or in Redis so that every gateway instance
 * shares them. A claim always spends one operation of the budget (a fixed window); when the budget
 * allows it, each field's sliding log of calls must hold `count` more within its window, and only
 * then are they recorded (a refused call spends no field allowance). One call per operation: with
 * Redis, one round trip (a script).
 */
export interface RateLimitStore {
  claim(claim: RateLimitClaim): Promise<RateLimitVerdict>;
  close(): Promise<void>;
}

/** When a log of call times admits `count` more calls under `rate`: once enough of its oldest leave the window. */
function retryAfterOf(live: readonly number[], count: number, rate: Rate, now: number): number {
  const freeing = live[live.length + count - rate.max - 1];
  return freeing === undefined ? rate.windowMs : freeing + rate.windowMs - now;
}

/** Entries past which expired ones are swept; past twice this many everything starts over. */
const SWEEP_AT = 10_000;

/** Counts in this process, bounded: expired entries are swept as the maps grow (anonymous callers are many). */
export function memoryRateLimitStore(): RateLimitStore {
  const budgets = new Map<string, { count: number; resetAt: number }>();
  const logs = new Map<string, { times: number[]; expiresAt: number }>();
  function sweep<V>(map: Map<string, V>, expiry: (value: V) => number, now: number): void {
    if (map.size < SWEEP_AT) return;
    for (const [key, value] of map) if (expiry(value) <= now) map.delete(key);
    if (map.size >= SWEEP_AT * 2) map.clear();
  }
  return {
    claim({ identity, budget, fields }) {
      const now = Date.now();
      let spent = budgets.get(identity);
      if (spent === undefined || spent.resetAt <= now) {
        sweep(budgets, (entry) => entry.resetAt, now);
        spent = { count: 0, resetAt: now + budget.windowMs };
        budgets.set(identity, spent);
      }
      if (++spent.count > budget.max) {
        return Promise.resolve({ allowed: false, field: "budget", retryAfterMs: spent.resetAt - now });
      }
      const lives = fields.map(({ field, rate }) =>
        (logs.get(`${identity}|${field}`)?.times ?? []).filter((time) => time > now - rate.windowMs),
      );
      for (const [i, { count, rate }] of fields.entries()) {
        const live = lives[i] ?? [];
        if (live.length + count > rate.max) {
          return Promise.resolve({ allowed: false, field: i, retryAfterMs: retryAfterOf(live, count, rate, now) });
        }
      }
      sweep(logs, (entry) => entry.expiresAt, now);
      for (const [i, { field, count, rate }] of fields.entries()) {
        const times = [...(lives[i] ?? []), ...Array.from({ length: count }, () => now)];
        logs.set(`${identity}|${field}`, { times, expiresAt: now + rate.windowMs });
      }
      return Promise.resolve({ allowed: true });
    },
    close() {
      budgets.clear();
      logs.clear();
      return Promise.resolve();
    },
  };
}

/**
 * The claim as one Redis script: KEYS[1] the budget counter, then one sorted set of call times per
 * field; ARGV now, the budget's window and max, then count, window and max per field. Returns
 * {1} when allowed, else {0, 0 for the budget or the field's 1-based index, retry after ms}.
 */
const CLAIM_SCRIPT = `
local now = tonumber(ARGV[1])
local spent = redis.call('INCR', KEYS[1])
if spent == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if spent > tonumber(ARGV[3]) then return {0, 0, redis.call('PTTL', KEYS[1])} end
for i = 2, #KEYS do
  local base = 4 + (i - 2) * 3
  local count, window, max = tonumber(ARGV[base]), tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local live = redis.call('ZCARD', KEYS[i])
  if live + count > max then
    local freeing = redis.call('ZRANGE', KEYS[i], live + count - max - 1, live + count - max - 1, 'WITHSCORES')
    local retry = window
    if freeing[2] then retry = tonumber(freeing[2]) + window - now end
    return {0, i - 1, retry}
  end
end
for i = 2, #KEYS do
  local base = 4 + (i - 2) * 3
  for j = 1, tonumber(ARGV[base]) do redis.call('ZADD', KEYS[i], now, now .. ':' .. spent .. ':' .. j) end
  redis.call('PEXPIRE', KEYS[i], ARGV[base + 1])
end
return {1}
`;

type ClaimCommand = (keys: number, ...args: (string | number)[]) => Promise<number[]>;

/** Counts in Redis under `prefix`, shared by every gateway instance; keys expire with their window. */
export function redisRateLimitStore(redis: Redis, prefix: string): RateLimitStore {
  redis.defineCommand("tradebotRateLimitClaim", { lua: CLAIM_SCRIPT });
  const run = (redis as unknown as { tradebotRateLimitClaim: ClaimCommand }).tradebotRateLimitClaim.bind(redis);
  return {
    async claim({ identity, budget, fields }) {
      const keys = [
        `${prefix}:budget:${identity}`,
        ...fields.map(({ field }) => `${prefix}:field:${identity}|${field}`),
      ];
      const args = [Date.now(), budget.windowMs, budget.max];
      for (const { count, rate } of fields) args.push(count, rate.windowMs, rate.max);
      const [allowed, which = 0, retryAfterMs = 0] = await run(keys.length, ...keys, ...args);
      if (allowed === 1) return { allowed: true };
      return { allowed: false, field: which === 0 ? "budget" : which - 1, retryAfterMs: Number(retryAfterMs) };
    },
    async close() {
      await redis.quit();
    },
  };
}
