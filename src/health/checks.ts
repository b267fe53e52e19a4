import { Redis } from "ioredis";
import { pingDatabase, type Database } from "../db/orm.js";
import type { OutboxEntity } from "../events/outbox.js";
import { outboxLagSeconds } from "../observability/metrics.js";
import type { TaskQueue } from "../queue/types.js";
import { timedCheck, type HealthCheck, type HealthStatus } from "./report.js";

/** Jobs waiting to run (all queues) from which the backlog warns. */
export const QUEUE_BACKLOG_WARN = 1000;
/** Seconds an event may wait in an outbox before readiness warns, and fails. */
export const OUTBOX_LAG_WARN_SECONDS = 30;
export const OUTBOX_LAG_FAIL_SECONDS = 300;

/** A measurement with thresholds; a throw is a `fail` whose output is the error message. */
export async function measuredCheck(
  name: string,
  componentType: string,
  observedUnit: string,
  measure: () => Promise<{ value: number; status: HealthStatus; output?: string }>,
): Promise<HealthCheck> {
  const time = new Date().toISOString();
  try {
    const { value, status, output } = await measure();
    return { name, componentType, status, observedValue: value, observedUnit, time, ...(output ? { output } : {}) };
  } catch (error) {
    return { name, componentType, status: "fail", observedUnit, time, output: (error as Error).message };
  }
}

/** `fail` from `failAt`, `warn` from `warnAt`, else `pass`. */
export const severity = (value: number, warnAt: number, failAt = Infinity): HealthStatus =>
  value >= failAt ? "fail" : value >= warnAt ? "warn" : "pass";

/** `database:responseTime`: a `select 1`. */
export function databaseCheck(orm: Database): Promise<HealthCheck> {
  return timedCheck("database:responseTime", "datastore", () => pingDatabase(orm));
}

/** `redis:responseTime`: a PING on a connection of its own (so a dead shared one cannot hide). */
export function redisCheck(url: string): Promise<HealthCheck> {
  return timedCheck("redis:responseTime", "datastore", async () => {
    const redis = new Redis(url, {
      lazyConnect: true,
      connectTimeout: 1000,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    redis.on("error", () => undefined);
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  });
}

/** `queue:backlog`: jobs waiting to run in every queue; warns from {@link QUEUE_BACKLOG_WARN}. */
export function queueBacklogCheck(queue: TaskQueue): Promise<HealthCheck> {
  return measuredCheck("queue:backlog", "component", "jobs", async () => {
    const stats = await queue.stats();
    const value = stats.reduce((sum, q) => sum + q.waiting + q.prioritized, 0);
    return { value, status: severity(value, QUEUE_BACKLOG_WARN) };
  });
}

/** `outbox:lag`: age of the oldest event not relayed yet. */
export function outboxLagCheck(orm: Database, outbox: OutboxEntity): Promise<HealthCheck> {
  return measuredCheck("outbox:lag", "component", "s", async () => {
    const value = Math.round((await outboxLagSeconds(orm, outbox)) * 10) / 10;
    return { value, status: severity(value, OUTBOX_LAG_WARN_SECONDS, OUTBOX_LAG_FAIL_SECONDS) };
  });
}

/** The check that makes readiness fail once shutdown has begun. */
export function shutdownCheck(): HealthCheck {
  return {
    name: "process:shutdown",
    componentType: "system",
    status: "fail",
    output: "shutting down",
    time: new Date().toISOString(),
  };
}
