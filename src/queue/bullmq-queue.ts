import { Queue, QueueEvents, WaitingError, Worker, type Job, type JobsOptions, type JobState } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "../observability/logger.js";
import { settlesWithin, TaskHandlers } from "./dispatch.js";
import {
  activeNotRemovable,
  checkEnqueue,
  checkLimit,
  checkQueue,
  checkSchedule,
  DEFAULT_JOBS_LIMIT,
  initialStatus,
  jobNotFound,
  KEEP_FINISHED,
  notFailed,
  queueOfTask,
  toJobInfo,
  type JobRecord,
} from "./job-rules.js";
import type { TaskCatalog } from "./tasks.js";
import type {
  JobObserver,
  BulkJob,
  EnqueueOptions,
  JobEvent,
  JobHandler,
  JobInfo,
  JobStatus,
  PayloadOf,
  QueueName,
  QueueStats,
  ScheduleOptions,
  SchedulerInfo,
  TaskName,
  TaskQueue,
} from "./types.js";

/** Options of {@link BullmqTaskQueue}. */
export interface BullmqTaskQueueOptions {
  /** The tasks it runs: any other is refused. */
  tasks: TaskCatalog;
  /** Told about every job attempt run here. */
  observer?: JobObserver;
  /** The Redis server. @default "redis://127.0.0.1:6379" */
  redisUrl?: string;
  /** Prefix of every Redis key, isolating deployments (and tests) that share one Redis. @default "tradebot" */
  prefix?: string;
  /**
   * How long `close()` waits for active jobs before abandoning them; an abandoned job runs again
   * elsewhere once its lock expires and a worker's stalled check finds it. @default 10000
   */
  shutdownTimeoutMs?: number;
  /** How often workers look for stalled jobs (active, lock expired) and put them back. @default 30000 */
  stalledIntervalMs?: number;
  /** How long a worker's lock on an active job lasts; the worker renews it every half. @default 30000 */
  lockDurationMs?: number;
  /** Where connection problems and failed attempts are logged. */
  logger: Logger;
}

/**
 * Moves the waiting job of a paused queue's scheduler (KEYS: meta, repeat, wait, paused; ARGV: scheduler
 * id) to the legacy "paused" list. BullMQ 6.7.0 keeps a paused queue's jobs in "wait", but its
 * addJobScheduler script looks for them in "paused": without this, replacing the scheduler of a paused
 * queue leaves its waiting run, old payload and all, and adds another one interval later. BullMQ's own
 * resume() drains that list into "wait", so a job left there meanwhile is not lost.
 */
const PARK_WAITING_RUN = `
if redis.call("HEXISTS", KEYS[1], "paused") == 0 then return 0 end
local runAt = redis.call("ZSCORE", KEYS[2], ARGV[1])
if not runAt then return 0 end
local jobId = "repeat:" .. ARGV[1] .. ":" .. runAt
if redis.call("LREM", KEYS[3], 1, jobId) == 0 then return 0 end
redis.call("RPUSH", KEYS[4], jobId)
return 1
`;

/** BullMQ's job states as ours; "unknown" (the job is gone) as null. */
function toStatus(state: JobState | "unknown"): JobStatus | null {
  if (state === "unknown") return null;
  // Flows are not used, so "waiting-children" cannot occur; it is waiting in all but name.
  return state === "waiting-children" ? "waiting" : state;
}

function toBullmqOptions(options: EnqueueOptions): JobsOptions {
  return {
    attempts: options.attempts ?? 1,
    removeOnComplete: { count: KEEP_FINISHED.completed },
    removeOnFail: { count: KEEP_FINISHED.failed },
    ...(options.priority !== undefined && { priority: options.priority }),
    ...(options.delayMs !== undefined && { delay: options.delayMs }),
    ...(options.jobId !== undefined && { jobId: options.jobId }),
    ...(options.backoff !== undefined && {
      backoff: { type: options.backoff.type, delay: options.backoff.delayMs, jitter: options.backoff.jitter ?? 0 },
    }),
  };
}

function toRecord(job: Job, dueAt: number | null): JobRecord {
  if (job.id === undefined) throw new Error(`BullMQ returned a job of queue "${job.queueName}" without an id`);
  return {
    id: job.id,
    queue: job.queueName,
    name: job.name,
    data: job.data,
    priority: job.priority,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    progress: job.progress,
    failedReason: job.failedReason ?? null,
    result: job.returnvalue,
    createdAt: job.timestamp,
    processedAt: job.processedOn ?? null,
    finishedAt: job.finishedOn ?? null,
    dueAt,
  };
}

/** Closes an ioredis client: politely when connected, at once otherwise (QUIT would wait for a reconnect). */
async function closeClient(client: Redis): Promise<void> {
  if (client.status === "ready") await client.quit();
  else client.disconnect();
}

/**
 * The queue abstraction on BullMQ and Redis: one BullMQ `Queue` per queue name, one `Worker` per
 * queue that has handlers in this process, one `QueueEvents` per queue once someone listens.
 */
export class BullmqTaskQueue implements TaskQueue {
  private readonly redisUrl: string;
  private readonly prefix: string;
  private readonly shutdownTimeoutMs: number;
  private readonly stalledIntervalMs: number;
  private readonly lockDurationMs: number;
  private readonly logger: Logger;
  private readonly observer: JobObserver | undefined;
  readonly tasks: TaskCatalog;
  /** Queues and reads. Keeps ioredis' per-command retry limit: enqueue fails, in time, when Redis is gone. */
  private readonly redis: Redis;
  /** Workers and event readers (BullMQ requires `maxRetriesPerRequest: null`); they duplicate it to block. */
  private workerRedis: Redis | undefined;
  private readonly queues = new Map<string, Queue<unknown, unknown, string>>();
  private readonly workers = new Map<string, { worker: Worker<unknown, unknown, string>; handlers: TaskHandlers }>();
  private readonly queueEvents: QueueEvents[] = [];
  private readonly listeners = new Set<(event: JobEvent) => void>();
  /**
   * Settles once every queue's event reader knows where in the stream it starts; our own writes wait
   * for it, so that none of their events comes before that point.
   */
  private listening: Promise<void> | undefined;
  /** Handler runs in progress, which close() waits for. */
  private readonly running = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;

  constructor(options: BullmqTaskQueueOptions) {
    this.redisUrl = options.redisUrl ?? "redis://127.0.0.1:6379";
    this.prefix = options.prefix ?? "tradebot";
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
    this.stalledIntervalMs = options.stalledIntervalMs ?? 30_000;
    this.lockDurationMs = options.lockDurationMs ?? 30_000;
    this.logger = options.logger;
    this.observer = options.observer;
    this.tasks = options.tasks;
    this.redis = this.connect({});
  }

  async enqueue<T extends TaskName>(task: T, payload: PayloadOf<T>, options?: EnqueueOptions): Promise<JobInfo> {
    this.assertOpen();
    const checked = checkEnqueue(this.tasks, task, payload, options);
    await this.listening;
    const job = await this.queue(checked.queue).add(task, checked.payload, toBullmqOptions(checked.options));
    if (checked.options.jobId !== undefined) {
      // With an id that exists BullMQ adds nothing but returns a Job made of these arguments: read the real one.
      const existing = await this.getJob(checked.queue, checked.options.jobId);
      if (existing !== null) return existing;
    }
    const status = initialStatus(checked.options);
    return toJobInfo(toRecord(job, status === "delayed" ? job.timestamp + job.delay : null), status);
  }

  async enqueueMany(jobs: readonly BulkJob[]): Promise<void> {
    this.assertOpen();
    const byQueue = new Map<QueueName, { name: string; data: unknown; opts: JobsOptions }[]>();
    for (const job of jobs) {
      const checked = checkEnqueue(this.tasks, job.task, job.payload, job.options);
      const bulk = byQueue.get(checked.queue) ?? [];
      bulk.push({ name: job.task, data: checked.payload, opts: toBullmqOptions(checked.options) });
      byQueue.set(checked.queue, bulk);
    }
    await this.listening;
    await Promise.all([...byQueue].map(([queue, bulk]) => this.queue(queue).addBulk(bulk)));
  }

  async getJob(queue: string, id: string): Promise<JobInfo | null> {
    const bullQueue = this.queue(checkQueue(this.tasks, queue));
    // State first, data second: a job that completes in between then reads as completed with its
    // result (BullMQ writes both in one step), never as completed without one.
    const status = toStatus(await bullQueue.getJobState(id));
    const job = await bullQueue.getJob(id);
    if (job === undefined || status === null) return null;
    return this.toInfo(bullQueue, job, status);
  }

  async getJobs(queue: string, status: JobStatus, limit = DEFAULT_JOBS_LIMIT): Promise<JobInfo[]> {
    const bullQueue = this.queue(checkQueue(this.tasks, queue));
    const jobs = await bullQueue.getJobs([status], 0, checkLimit(limit) - 1, false);
    // A job removed between the listing and the read comes back undefined.
    const found = jobs.filter((job): job is Job<unknown, unknown, string> => job !== undefined);
    return Promise.all(found.map((job) => this.toInfo(bullQueue, job, status)));
  }

  async retry(queue: string, id: string): Promise<JobInfo> {
    const bullQueue = this.queue(checkQueue(this.tasks, queue));
    const job = await bullQueue.getJob(id);
    const status = job === undefined ? null : toStatus(await job.getState());
    if (job === undefined || status === null) throw jobNotFound(queue, id);
    if (status !== "failed") throw notFailed(queue, id, status);
    await this.listening;
    await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
    const retried = await this.getJob(queue, id);
    if (retried === null) throw jobNotFound(queue, id);
    return retried;
  }

  async remove(queue: string, id: string): Promise<boolean> {
    const bullQueue = this.queue(checkQueue(this.tasks, queue));
    // Queue.remove answers 1 for an id that names no job too, so look first.
    if ((await bullQueue.getJob(id)) === undefined) return false;
    await this.listening;
    // 0: the job is locked, i.e. a worker is running it.
    if ((await bullQueue.remove(id)) === 0) throw activeNotRemovable(queue, id);
    return true;
  }

  async schedule<T extends TaskName>(
    task: T,
    schedulerId: string,
    everyMs: number,
    payload: PayloadOf<T>,
    options?: ScheduleOptions,
  ): Promise<void> {
    this.assertOpen();
    const checked = checkSchedule(this.tasks, task, schedulerId, everyMs, payload, options);
    await this.listening;
    const queue = this.queue(checked.queue);
    const keys = ["meta", "repeat", "wait", "paused"].map((key) => queue.toKey(key));
    await this.redis.eval(PARK_WAITING_RUN, keys.length, ...keys, checked.schedulerId);
    // A Job Scheduler (stored in Redis): its first job now, each next one added when a worker takes the
    // previous one. The template's options are what every job of the scheduler gets.
    await queue.upsertJobScheduler(
      checked.schedulerId,
      { every: checked.everyMs },
      { name: task, data: checked.payload, opts: toBullmqOptions(checked.options) },
    );
  }

  async unschedule(queue: string, schedulerId: string): Promise<boolean> {
    const bullQueue = this.queue(checkQueue(this.tasks, queue));
    await this.listening;
    // Also removes the scheduler's next job if it is delayed (the others run as usual).
    return bullQueue.removeJobScheduler(schedulerId);
  }

  async getSchedulers(queue: string): Promise<SchedulerInfo[]> {
    const bullQueue = this.queue(checkQueue(this.tasks, queue));
    const schedulers = await bullQueue.getJobSchedulers(0, -1, true);
    return schedulers.map((scheduler) => ({
      id: scheduler.key,
      queue,
      task: scheduler.name,
      everyMs: scheduler.every ?? 0,
      nextRunAt: scheduler.next === undefined ? null : new Date(scheduler.next),
    }));
  }

  async pause(queue: string): Promise<void> {
    const bullQueue = this.queue(checkQueue(this.tasks, queue));
    await this.listening;
    await bullQueue.pause();
  }

  async resume(queue: string): Promise<void> {
    const bullQueue = this.queue(checkQueue(this.tasks, queue));
    await this.listening;
    await bullQueue.resume();
  }

  async stats(): Promise<QueueStats[]> {
    return Promise.all(
      this.tasks.queueNames.map(async (name) => {
        const queue = this.queue(name);
        const [counts, paused] = await Promise.all([
          queue.getJobCounts("waiting", "active", "delayed", "prioritized", "completed", "failed"),
          queue.isPaused(),
        ]);
        return {
          name,
          waiting: counts["waiting"] ?? 0,
          active: counts["active"] ?? 0,
          delayed: counts["delayed"] ?? 0,
          prioritized: counts["prioritized"] ?? 0,
          completed: counts["completed"] ?? 0,
          failed: counts["failed"] ?? 0,
          paused,
        };
      }),
    );
  }

  process<T extends TaskName>(task: T, handler: JobHandler<T>, options: { concurrency?: number } = {}): void {
    this.assertOpen();
    const queue = queueOfTask(this.tasks, task);
    const existing = this.workers.get(queue);
    if (existing !== undefined) {
      existing.handlers.add(task, handler, options.concurrency);
      existing.worker.concurrency = existing.handlers.concurrency;
      return;
    }
    const handlers = new TaskHandlers(queue, this.tasks, this.observer);
    handlers.add(task, handler, options.concurrency);
    const worker = new Worker<unknown, unknown, string>(
      queue,
      async (job, token) => {
        if (this.closing !== undefined) {
          // Fetched by a read that was under way when close() began: hand it back untouched.
          await job.moveToWait(token);
          throw new WaitingError();
        }
        const run = handlers.run(toRecord(job, null), (progress) => job.updateProgress(progress));
        this.running.add(run);
        try {
          return await run;
        } finally {
          this.running.delete(run);
        }
      },
      {
        connection: this.workerConnection(),
        prefix: this.prefix,
        concurrency: handlers.concurrency,
        stalledInterval: this.stalledIntervalMs,
        lockDuration: this.lockDurationMs,
      },
    );
    worker.on("error", (error) => this.logger.error({ err: error, queue }, "queue worker error"));
    worker.on("failed", (job, error) =>
      this.logger.warn({ err: error, queue, jobId: job?.id, task: job?.name }, "job attempt failed"),
    );
    this.workers.set(queue, { worker, handlers });
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    this.assertOpen();
    this.listeners.add(listener);
    this.listening ??= this.listen();
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw new Error("the task queue is closed");
  }

  private connect(options: { maxRetriesPerRequest?: null }): Redis {
    const client = new Redis(this.redisUrl, options);
    client.on("error", (error) => this.logger.warn({ err: error }, "Redis connection error"));
    return client;
  }

  private workerConnection(): Redis {
    this.workerRedis ??= this.connect({ maxRetriesPerRequest: null });
    return this.workerRedis;
  }

  private queue(name: string): Queue<unknown, unknown, string> {
    let queue = this.queues.get(name);
    if (queue === undefined) {
      queue = new Queue<unknown, unknown, string>(name, { connection: this.redis, prefix: this.prefix });
      queue.on("error", (error) => this.logger.error({ err: error, queue: name }, "queue error"));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async toInfo(queue: Queue<unknown, unknown, string>, job: Job, status: JobStatus): Promise<JobInfo> {
    let dueAt: number | null = null;
    if (status === "delayed" && job.id !== undefined) {
      // The delayed set's score is the due time × 0x1000 plus an ordering counter.
      const score = await this.redis.zscore(queue.toKey("delayed"), job.id);
      if (score !== null) dueAt = Math.floor(Number(score) / 0x1000);
    }
    return toJobInfo(toRecord(job, dueAt), status);
  }

  /**
   * Starts one `QueueEvents` per queue, each reading from the stream's current end as known now (not
   * from whenever its first blocking read happens), so no event after this point is missed.
   */
  private async listen(): Promise<void> {
    await Promise.all(
      this.tasks.queueNames.map(async (name) => {
        const eventsKey = this.queue(name).toKey("events");
        let lastEventId = "$";
        try {
          const [last] = await this.redis.xrevrange(eventsKey, "+", "-", "COUNT", 1);
          lastEventId = last?.[0] ?? "0-0";
        } catch (error) {
          this.logger.warn({ err: error, queue: name }, "cannot read the job event stream; early events may be missed");
        }
        const events = new QueueEvents(name, { connection: this.workerConnection(), prefix: this.prefix, lastEventId });
        events.on("error", (error) => this.logger.error({ err: error, queue: name }, "job event reader error"));
        const forward =
          (event: JobEvent["event"]) =>
          ({ jobId }: { jobId: string }) =>
            this.emit({ queue: name, jobId, event });
        events.on("added", forward("added"));
        // A failed job moved back by retry() is announced as "waiting" with prev "failed".
        events.on("waiting", ({ jobId, prev }) =>
          this.emit({ queue: name, jobId, event: prev === "failed" ? "retried" : "waiting" }),
        );
        events.on("delayed", forward("delayed"));
        events.on("active", forward("active"));
        events.on("progress", forward("progress"));
        events.on("completed", forward("completed"));
        events.on("failed", forward("failed"));
        events.on("removed", forward("removed"));
        this.queueEvents.push(events);
      }),
    );
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, event }, "job event listener threw");
      }
    }
  }

  /**
   * Workers stop taking jobs; their active ones get up to the timeout, then the workers close, by
   * force if late (`worker.pause()` without its own wait: its wait reconnects when the jobs end).
   */
  private async shutdown(): Promise<void> {
    await this.listening;
    const workers = [...this.workers.values()].map(({ worker }) => worker);
    await Promise.all(workers.map((worker) => worker.pause(true)));
    const finished = await settlesWithin(Promise.allSettled(this.running), this.shutdownTimeoutMs);
    if (!finished) {
      this.logger.warn(
        { shutdownTimeoutMs: this.shutdownTimeoutMs, active: this.running.size },
        "active jobs did not finish in time; abandoned, they run again after the stalled check",
      );
    }
    await Promise.all(workers.map((worker) => worker.close(!finished)));
    await Promise.all([
      ...this.queueEvents.map((events) => events.close()),
      ...[...this.queues.values()].map((queue) => queue.close()),
    ]);
    await Promise.all(
      [this.redis, this.workerRedis].filter((client) => client !== undefined).map((client) => closeClient(client)),
    );
    this.listeners.clear();
  }
}
