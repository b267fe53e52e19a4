import { Redis } from "ioredis";
import type { Logger } from "./logger.js";

/** One operation the gateway executed. */
export interface OperationSample {
  operationName: string;
  clientName: string;
  clientVersion: string;
  durationMs: number;
  failed: boolean;
}

/** Per operation and client, over a window. */
export interface OperationStat {
  operationName: string;
  clientName: string;
  clientVersion: string;
  count: number;
  errorCount: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** How far back stats are kept: the "recent window" `operationStats(since)` reads. */
export const OPERATION_STATS_WINDOW_MS = 60 * 60 * 1000;
/** Latencies kept per operation, client and minute: enough for a p99, bounded memory. */
const LATENCIES_PER_MINUTE = 500;
const MINUTE_MS = 60_000;
/**
 * Operation and client combinations kept per minute: names and client headers come from clients, so
 * beyond this many a minute's further combinations count together under "(other)".
 */
const KEYS_PER_MINUTE = 1000;
/** Longest operation name, client name or version kept. */
const MAX_FIELD_LENGTH = 100;

/** Where operation samples go and stats come from: Redis (every gateway contributes) or this process. */
export interface OperationStatsStore {
  record(sample: OperationSample): void;
  /** Stats since `since` (at most {@link OPERATION_STATS_WINDOW_MS} ago), busiest first. */
  query(since: Date): Promise<OperationStat[]>;
  close(): Promise<void>;
}

/** Counts of one operation and client in one minute. */
interface Bucket {
  count: number;
  errorCount: number;
  latencies: number[];
}

const SEPARATOR = "\u0000";
const OTHER_KEY = ["(other)", "(other)", ""].join(SEPARATOR);
const keyOf = (s: Pick<OperationSample, "operationName" | "clientName" | "clientVersion">): string =>
  [s.operationName, s.clientName, s.clientVersion].map((field) => field.slice(0, MAX_FIELD_LENGTH)).join(SEPARATOR);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Merges per-minute buckets into stats. */
function summarize(buckets: Iterable<[string, Bucket]>): OperationStat[] {
  const merged = new Map<string, Bucket>();
  for (const [key, bucket] of buckets) {
    const into = merged.get(key) ?? { count: 0, errorCount: 0, latencies: [] };
    into.count += bucket.count;
    into.errorCount += bucket.errorCount;
    into.latencies.push(...bucket.latencies);
    merged.set(key, into);
  }
  return [...merged]
    .map(([key, bucket]) => {
      const [operationName = "", clientName = "", clientVersion = ""] = key.split(SEPARATOR);
      const sorted = bucket.latencies.sort((a, b) => a - b);
      return {
        operationName,
        clientName,
        clientVersion,
        count: bucket.count,
        errorCount: bucket.errorCount,
        p50Ms: percentile(sorted, 50),
        p90Ms: percentile(sorted, 90),
        p95Ms: percentile(sorted, 95),
        p99Ms: percentile(sorted, 99),
      };
    })
    .sort((a, b) => b.count - a.count || a.operationName.localeCompare(b.operationName));
}

/** The minutes (epoch minute numbers) from `since` (clipped to the window) to now. */
function minutesSince(since: Date, now = Date.now()): number[] {
  const from = Math.floor(Math.max(since.getTime(), now - OPERATION_STATS_WINDOW_MS) / MINUTE_MS);
  const to = Math.floor(now / MINUTE_MS);
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** Adds a sample to a minute's buckets, keeping a bounded sample of latencies. */
function addTo(buckets: Map<string, Bucket>, sample: OperationSample): void {
  let key = keyOf(sample);
  if (!buckets.has(key) && buckets.size >= KEYS_PER_MINUTE) key = OTHER_KEY;
  const bucket = buckets.get(key) ?? { count: 0, errorCount: 0, latencies: [] };
  bucket.count += 1;
  if (sample.failed) bucket.errorCount += 1;
  if (bucket.latencies.length < LATENCIES_PER_MINUTE) bucket.latencies.push(sample.durationMs);
  else bucket.latencies[Math.floor(Math.random() * LATENCIES_PER_MINUTE)] = sample.durationMs;
  buckets.set(key, bucket);
}

/** Stats kept in this process, per minute, for the window. */
export class MemoryOperationStats implements OperationStatsStore {
  private readonly minutes = new Map<number, Map<string, Bucket>>();

  record(sample: OperationSample): void {
    const minute = Math.floor(Date.now() / MINUTE_MS);
    let buckets = this.minutes.get(minute);
    if (buckets === undefined) {
      buckets = new Map();
      this.minutes.set(minute, buckets);
      const oldest = minute - OPERATION_STATS_WINDOW_MS / MINUTE_MS;
      for (const kept of this.minutes.keys()) if (kept < oldest) this.minutes.delete(kept);
    }
    addTo(buckets, sample);
  }

  query(since: Date): Promise<OperationStat[]> {
    const wanted = minutesSince(since).flatMap((minute) => [...(this.minutes.get(minute) ?? [])]);
    return Promise.resolve(
      summarize(wanted.map(([key, bucket]) => [key, { ...bucket, latencies: [...bucket.latencies] }])),
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Stats in Redis, so that every gateway instance contributes: samples are buffered and written once a
 * second (one pipeline), per minute: a hash of counts and a capped list of latencies per operation and client.
 */
export class RedisOperationStats implements OperationStatsStore {
  private readonly redis: Redis;
  private pending = new Map<number, Map<string, Bucket>>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly logger: Logger,
    flushIntervalMs = 1000,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1 });
    this.redis.on("error", (error: Error) => logger.warn({ err: error }, "operation stats: Redis error"));
    this.timer = setInterval(() => void this.flush(), flushIntervalMs);
    this.timer.unref();
  }

  record(sample: OperationSample): void {
    const minute = Math.floor(Date.now() / MINUTE_MS);
    const buckets = this.pending.get(minute) ?? new Map<string, Bucket>();
    this.pending.set(minute, buckets);
    addTo(buckets, sample);
  }

  /** Writes the buffered samples; a failed write is logged and dropped (stats, not data). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      const pipeline = this.redis.pipeline();
      const ttlSeconds = Math.ceil(OPERATION_STATS_WINDOW_MS / 1000) + 120;
      for (const [minute, buckets] of batch) {
        const counts = `${this.prefix}:opstats:${minute}`;
        for (const [key, bucket] of buckets) {
          pipeline.hincrby(counts, `count${SEPARATOR}${key}`, bucket.count);
          if (bucket.errorCount > 0) pipeline.hincrby(counts, `errors${SEPARATOR}${key}`, bucket.errorCount);
          const latencies = `${this.prefix}:opstats:${minute}:latency:${key}`;
          pipeline.rpush(latencies, ...bucket.latencies.map(String));
          pipeline.ltrim(latencies, -LATENCIES_PER_MINUTE, -1);
          pipeline.expire(latencies, ttlSeconds);
        }
        pipeline.expire(counts, ttlSeconds);
      }
      await pipeline.exec().catch((error: unknown) => this.logger.warn({ err: error }, "operation stats not written"));
    });
    return this.flushing;
  }

  async query(since: Date): Promise<OperationStat[]> {
    await this.flush();
    const buckets: [string, Bucket][] = [];
    for (const minute of minutesSince(since)) {
      const counts = await this.redis.hgetall(`${this.prefix}:opstats:${minute}`);
      for (const [field, value] of Object.entries(counts)) {
        const [kind, ...rest] = field.split(SEPARATOR);
        if (kind !== "count") continue;
        const key = rest.join(SEPARATOR);
        const latencies = await this.redis.lrange(`${this.prefix}:opstats:${minute}:latency:${key}`, 0, -1);
        buckets.push([
          key,
          {
            count: Number(value),
            errorCount: Number(counts[`errors${SEPARATOR}${key}`] ?? 0),
            latencies: latencies.map(Number),
          },
        ]);
      }
    }
    return summarize(buckets);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    await this.redis.quit().catch(() => undefined);
  }
}

/** Redis when a URL is configured, else this process's memory. */
export function createOperationStats(options: {
  redisUrl?: string;
  prefix: string;
  logger: Logger;
}): OperationStatsStore {
  return options.redisUrl === undefined
    ? new MemoryOperationStats()
    : new RedisOperationStats(options.redisUrl, options.prefix, options.logger);
}
