import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../db/orm.js";
import type { OutboxEntity } from "../events/outbox.js";
import type { JobObserver, QueueStats, TaskQueue } from "../queue/types.js";
import type { Logger } from "./logger.js";
import { MemoryOperationStats, type OperationStatsStore } from "./operation-stats.js";

/** Seconds: from 5 ms (a cached read) to 10 s (a slow job or request). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Queue states reported by `tradebot_queue_jobs`. */
const QUEUE_STATES = ["waiting", "prioritized", "delayed", "active", "completed", "failed"] as const;

/** What one subgraph contributes to the metrics read at scrape time. */
interface SubgraphSource {
  orm: Database;
  outbox?: OutboxEntity;
}

/** The knex pool (tarn) behind MikroORM's connection. */
interface KnexPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** Distinct operation names one process labels metrics with; clients choose the names. */
export const MAX_OPERATION_NAMES = 500;
/** Longest operation name kept in a label. */
const MAX_OPERATION_NAME_LENGTH = 100;

/**
 * Operation names come from clients, and every distinct value of a label is a series kept in memory
 * until the process ends: the first {@link MAX_OPERATION_NAMES} names (cut to 100 characters) are kept,
 * later ones count as "(other)", so random names cannot grow the registry without bound.
 */
export class BoundedNames {
  private readonly seen = new Set<string>();

  constructor(private readonly max = MAX_OPERATION_NAMES) {}

  of(name: string): string {
    const value = name.length > MAX_OPERATION_NAME_LENGTH ? name.slice(0, MAX_OPERATION_NAME_LENGTH) : name;
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return "(other)";
    this.seen.add(value);
    return value;
  }
}

/**
 * The metrics of one composition root (one process in production): the gateway and every subgraph
 * it runs register here, and every port serves this one registry, so nothing is registered twice.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly subgraphOperations: Counter<"subgraph" | "operation_name" | "operation_type" | "outcome">;
  readonly subgraphOperationDuration: Histogram<"subgraph" | "operation_name" | "operation_type">;
  readonly subgraphErrors: Counter<"subgraph" | "code">;
  readonly jobDuration: Histogram<"queue" | "task" | "outcome">;
  readonly jobFailures: Counter<"queue" | "task">;
  private readonly subgraphs = new Map<string, SubgraphSource>();
  private queue: TaskQueue | undefined;

  /** Per operation and client, for the admin `operationStats` (Redis or memory). */
  readonly operationStats: OperationStatsStore;

  constructor(options: { operationStats?: OperationStatsStore } = {}) {
    this.operationStats = options.operationStats ?? new MemoryOperationStats();
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    // Gauges named like counters (promtool refuses them); `nodejs_active_*{type}` hold the same counts.
    for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"])
      this.registry.removeSingleMetric(name);
    this.subgraphOperations = new Counter({
      name: "tradebot_subgraph_operations_total",
      help: "GraphQL operations a subgraph answered, by outcome (ok or error).",
      labelNames: ["subgraph", "operation_name", "operation_type", "outcome"],
      registers,
    });
    this.subgraphOperationDuration = new Histogram({
      name: "tradebot_subgraph_operation_duration_seconds",
      help: "Time a subgraph took to answer a GraphQL operation.",
      labelNames: ["subgraph", "operation_name", "operation_type"],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.subgraphErrors = new Counter({
      name: "tradebot_subgraph_errors_total",
      help: "GraphQL errors a subgraph returned, by extensions.code.",
      labelNames: ["subgraph", "code"],
      registers,
    });
    this.jobDuration = new Histogram({
      name: "tradebot_job_duration_seconds",
      help: "Time a job attempt ran in this process, by outcome (completed or failed).",
      labelNames: ["queue", "task", "outcome"],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.jobFailures = new Counter({
      name: "tradebot_job_failures_total",
      help: "Job attempts that threw in this process.",
      labelNames: ["queue", "task"],
      registers,
    });
    const subgraphs = this.subgraphs;
    new Gauge({
      name: "tradebot_db_pool_connections",
      help: "Database pool connections of a subgraph, by state (used or idle).",
      labelNames: ["subgraph", "state"],
      registers,
      collect() {
        this.reset();
        for (const [name, { orm }] of subgraphs) {
          const pool = poolOf(orm);
          if (pool === undefined) continue;
          this.set({ subgraph: name, state: "used" }, pool.numUsed());
          this.set({ subgraph: name, state: "idle" }, pool.numFree());
        }
      },
    });
    new Gauge({
      name: "tradebot_db_pool_pending_acquires",
      help: "Requests waiting for a database connection of a subgraph's pool.",
      labelNames: ["subgraph"],
      registers,
      collect() {
        this.reset();
        for (const [name, { orm }] of subgraphs) {
          const pool = poolOf(orm);
          if (pool !== undefined) this.set({ subgraph: name }, pool.numPendingAcquires());
        }
      },
    });
    new Gauge({
      name: "tradebot_outbox_lag_seconds",
      help: "Age of a subgraph's oldest event not yet relayed (0 when none waits).",
      labelNames: ["subgraph"],
      registers,
      async collect() {
        this.reset();
        for (const [name, source] of subgraphs) {
          if (source.outbox === undefined) continue;
          const lag = await outboxLagSeconds(source.orm, source.outbox).catch(() => undefined);
          if (lag !== undefined) this.set({ subgraph: name }, lag);
        }
      },
    });
    const queueOf = (): TaskQueue | undefined => this.queue;
    new Gauge({
      name: "tradebot_queue_jobs",
      help: "Jobs in each queue, by state.",
      labelNames: ["queue", "state"],
      registers,
      async collect() {
        this.reset();
        const stats: QueueStats[] =
          (await queueOf()
            ?.stats()
            .catch(() => undefined)) ?? [];
        for (const queue of stats) {
          for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, queue[state]);
        }
      },
    });
  }

  /** Reports a subgraph's database pool and outbox lag until {@link removeSubgraph}. */
  addSubgraph(name: string, source: SubgraphSource): void {
    this.subgraphs.set(name, source);
  }

  removeSubgraph(name: string): void {
    this.subgraphs.delete(name);
  }

  /** Reports the depth of every queue of `queue`. */
  observeQueue(queue: TaskQueue): void {
    this.queue = queue;
  }

  /** Flushes and closes the operation stats store. */
  close(): Promise<void> {
    return this.operationStats.close();
  }

  /** The Prometheus text exposition of everything registered. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function poolOf(orm: Database): KnexPool | undefined {
  const client = orm.em.getConnection().getKnex().client as { pool?: KnexPool };
  return client.pool ?? undefined;
}

/** Seconds since the oldest unpublished outbox row occurred; 0 when there is none. */
export async function outboxLagSeconds(orm: Database, outbox: OutboxEntity): Promise<number> {
  const oldest = await orm.em
    .fork()
    .findOne(outbox, { publishedAt: null }, { orderBy: { id: "asc" }, fields: ["occurredAt"] });
  return oldest === null ? 0 : Math.max(0, (Date.now() - oldest.occurredAt.getTime()) / 1000);
}

/** Records every job attempt of this process: its duration and outcome, and one log line. */
export function jobObserver(metrics: Metrics | undefined, logger: Logger): JobObserver {
  const log = logger.child({ component: "queue" });
  return {
    attemptFinished({ queue, task, jobId, attempt, durationSeconds, error, requestId }) {
      const outcome = error === undefined ? "completed" : "failed";
      metrics?.jobDuration.observe({ queue, task, outcome }, durationSeconds);
      if (error !== undefined) metrics?.jobFailures.inc({ queue, task });
      log.info(
        { queue, task, jobId, attempt, requestId, durationMs: Math.round(durationSeconds * 1000), outcome },
        "job",
      );
    },
  };
}
