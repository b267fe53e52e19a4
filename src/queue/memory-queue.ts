/* eslint-disable @typescript-eslint/require-await -- the TaskQueue contract is asynchronous, and a refusal must
   reject rather than throw, as it does with BullMQ: the methods are async without having anything to await. */
import type { Logger } from "../observability/logger.js";
import { settlesWithin, TaskHandlers } from "./dispatch.js";
import {
  activeNotRemovable,
  backoffDelay,
  checkEnqueue,
  checkLimit,
  checkQueue,
  checkSchedule,
  DEFAULT_JOBS_LIMIT,
  freeRunTime,
  jobNotFound,
  KEEP_FINISHED,
  nextRunTime,
  notFailed,
  parseSchedulerJobId,
  queueOfTask,
  schedulerJobId,
  shouldRetry,
  slotsBusy,
  toJobInfo,
  type JobRecord,
} from "./job-rules.js";
import type { TaskCatalog } from "./tasks.js";
import type {
  JobObserver,
  BulkJob,
  BackoffOptions,
  EnqueueOptions,
  JobEvent,
  JobHandler,
  JobInfo,
  JobStatus,
  PayloadOf,
  QueueStats,
  ScheduleOptions,
  SchedulerInfo,
  TaskName,
  TaskQueue,
} from "./types.js";

/** A job as it is first added: no attempts yet, waiting until placed. */
function newJob(
  fields: Pick<MemoryJob, "id" | "queue" | "name" | "data" | "priority" | "maxAttempts" | "createdAt" | "backoff">,
): MemoryJob {
  return {
    ...fields,
    attemptsMade: 0,
    progress: 0,
    failedReason: null,
    result: null,
    processedAt: null,
    finishedAt: null,
    dueAt: null,
    status: "waiting",
    seq: 0,
  };
}

/** Options of {@link MemoryTaskQueue}. */
export interface MemoryTaskQueueOptions {
  /** The tasks it runs: any other is refused. */
  tasks: TaskCatalog;
  /** Told about every job attempt run here. */
  observer?: JobObserver;
  /** How long `close()` waits for active jobs before abandoning them. @default 10000 */
  shutdownTimeoutMs?: number;
  /** Where failed attempts and listener errors are logged. */
  logger: Logger;
}

interface MemoryJob extends JobRecord {
  status: JobStatus;
  /** Insertion order within the job's current list, as BullMQ's counters keep it. */
  seq: number;
  backoff: BackoffOptions | undefined;
}

/** A job scheduler, as BullMQ keeps one: its template and the run time of its next job. */
interface MemoryScheduler {
  id: string;
  task: TaskName;
  everyMs: number;
  payload: unknown;
  options: ScheduleOptions;
  /** The run time of its newest job: the next run, unless that one has started already. */
  nextRunAt: number;
  /** Run times are this far past multiples of everyMs (the phase missed runs are skipped to). */
  offset: number;
}

/** setTimeout's longest delay; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface MemoryQueue {
  name: string;
  jobs: Map<string, MemoryJob>;
  schedulers: Map<string, MemoryScheduler>;
  /** Unprioritized jobs, in arrival order. */
  waiting: Set<MemoryJob>;
  /** By priority, then arrival. */
  prioritized: MemoryJob[];
  /** By due time, then arrival. */
  delayed: MemoryJob[];
  active: Set<MemoryJob>;
  /** In finishing order. */
  completed: MemoryJob[];
  failed: MemoryJob[];
  paused: boolean;
  lastId: number;
  lastSeq: number;
  delayTimer: NodeJS.Timeout | undefined;
  handlers: TaskHandlers | undefined;
  running: number;
  dispatchScheduled: boolean;
}

/** Inserts `job` into `list`, kept sorted by `key` then `seq`. */
function insertSorted(list: MemoryJob[], job: MemoryJob, key: (job: MemoryJob) => number): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = list[middle] as MemoryJob;
    if (key(other) < key(job) || (key(other) === key(job) && other.seq < job.seq)) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, job);
}

function removeFrom(list: MemoryJob[], job: MemoryJob): void {
  const index = list.indexOf(job);
  if (index >= 0) list.splice(index, 1);
}

/** Values as they come back from Redis: JSON, so a handler's copy is its own. */
function asJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

/**
 * The queue abstraction in this process, with BullMQ's semantics (the contract tests are their
 * definition): for embedded setups without Redis. Jobs do not survive a restart.
 */
export class MemoryTaskQueue implements TaskQueue {
  private readonly shutdownTimeoutMs: number;
  private readonly logger: Logger;
  private readonly observer: JobObserver | undefined;
  readonly tasks: TaskCatalog;
  private readonly queues = new Map<string, MemoryQueue>();
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private readonly running = new Set<Promise<void>>();
  private closing: Promise<void> | undefined;
  /** Set once close() has given up on (or finished) active jobs: nothing changes any more. */
  private closed = false;

  constructor(options: MemoryTaskQueueOptions) {
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
    this.logger = options.logger;
    this.observer = options.observer;
    this.tasks = options.tasks;
  }

  async enqueue<T extends TaskName>(task: T, payload: PayloadOf<T>, options?: EnqueueOptions): Promise<JobInfo> {
    this.assertOpen();
    const checked = checkEnqueue(this.tasks, task, payload, options);
    const queue = this.queue(checked.queue);
    const { jobId, priority, delayMs, attempts, backoff } = checked.options;
    const existing = jobId === undefined ? undefined : queue.jobs.get(jobId);
    if (existing !== undefined) return this.toInfo(existing);
    const now = Date.now();
    const job = newJob({
      id: jobId ?? String((queue.lastId += 1)),
      queue: queue.name,
      name: task,
      data: asJson(checked.payload),
      priority: priority ?? 0,
      maxAttempts: attempts ?? 1,
      createdAt: now,
      backoff,
    });
    this.add(queue, job, now + (delayMs ?? 0), now);
    return this.toInfo(job);
  }

  async enqueueMany(jobs: readonly BulkJob[]): Promise<void> {
    this.assertOpen();
    for (const job of jobs) checkEnqueue(this.tasks, job.task, job.payload, job.options);
    for (const job of jobs) await this.enqueue(job.task, job.payload, job.options);
  }

  async getJob(queue: string, id: string): Promise<JobInfo | null> {
    const job = this.queue(checkQueue(this.tasks, queue)).jobs.get(id);
    return job === undefined ? null : this.toInfo(job);
  }

  async getJobs(queue: string, status: JobStatus, limit = DEFAULT_JOBS_LIMIT): Promise<JobInfo[]> {
    const state = this.queue(checkQueue(this.tasks, queue));
    const lists: Record<JobStatus, Iterable<MemoryJob>> = {
      waiting: state.waiting,
      prioritized: state.prioritized,
      delayed: state.delayed,
      active: state.active,
      completed: state.completed,
      failed: state.failed,
    };
    // Newest first: the reverse of each list's order, as BullMQ lists them.
    return [...lists[status]]
      .reverse()
      .slice(0, checkLimit(limit))
      .map((job) => this.toInfo(job));
  }

  async retry(queue: string, id: string): Promise<JobInfo> {
    const state = this.queue(checkQueue(this.tasks, queue));
    const job = state.jobs.get(id);
    if (job === undefined) throw jobNotFound(queue, id);
    if (job.status !== "failed") throw notFailed(queue, id, job.status);
    removeFrom(state.failed, job);
    Object.assign(job, { attemptsMade: 0, failedReason: null, processedAt: null, finishedAt: null });
    this.makeReady(state, job, "retried");
    return this.toInfo(job);
  }

  async remove(queue: string, id: string): Promise<boolean> {
    const state = this.queue(checkQueue(this.tasks, queue));
    const job = state.jobs.get(id);
    if (job === undefined) return false;
    if (job.status === "active") throw activeNotRemovable(queue, id);
    this.detach(state, job);
    state.jobs.delete(id);
    this.emit(state, job, "removed");
    return true;
  }

  /** BullMQ's addJobScheduler script, step by step. */
  async schedule<T extends TaskName>(
    task: T,
    schedulerId: string,
    everyMs: number,
    payload: PayloadOf<T>,
    options?: ScheduleOptions,
  ): Promise<void> {
    this.assertOpen();
    const checked = checkSchedule(this.tasks, task, schedulerId, everyMs, payload, options);
    const queue = this.queue(checked.queue);
    const now = Date.now();
    const previous = queue.schedulers.get(checked.schedulerId);
    // A changed interval starts again from now.
    const everyChanged = previous !== undefined && previous.everyMs !== checked.everyMs;
    const computed = nextRunTime(everyChanged ? null : (previous?.nextRunAt ?? null), checked.everyMs, now, 0);
    let runAt = computed.runAt;
    let offset = previous?.offset ?? computed.offset;
    // The previous template's next run, if not started yet, is replaced: same run time unless the interval changed.
    const pending =
      previous === undefined ? undefined : queue.jobs.get(schedulerJobId(previous.id, previous.nextRunAt));
    if (
      previous !== undefined &&
      pending !== undefined &&
      ["waiting", "prioritized", "delayed"].includes(pending.status)
    ) {
      this.detach(queue, pending);
      queue.jobs.delete(pending.id);
      if (!everyChanged) runAt = previous.nextRunAt;
    } else {
      offset = computed.offset;
    }
    const free = freeRunTime(runAt, checked.everyMs, (time) =>
      queue.jobs.has(schedulerJobId(checked.schedulerId, time)),
    );
    if (free === null) throw slotsBusy(queue.name, checked.schedulerId);
    const scheduler: MemoryScheduler = {
      id: checked.schedulerId,
      task,
      everyMs: checked.everyMs,
      payload: asJson(checked.payload),
      options: checked.options,
      nextRunAt: free,
      offset,
    };
    queue.schedulers.set(scheduler.id, scheduler);
    this.addScheduledJob(queue, scheduler, now);
  }

  /** BullMQ's removeJobScheduler script: the scheduler goes, and its next job if delayed. */
  async unschedule(queue: string, schedulerId: string): Promise<boolean> {
    const state = this.queue(checkQueue(this.tasks, queue));
    const scheduler = state.schedulers.get(schedulerId);
    if (scheduler === undefined) return false;
    const next = state.jobs.get(schedulerJobId(scheduler.id, scheduler.nextRunAt));
    if (next?.status === "delayed") {
      this.detach(state, next);
      state.jobs.delete(next.id);
      this.emit(state, next, "removed");
    }
    state.schedulers.delete(schedulerId);
    return true;
  }

  async getSchedulers(queue: string): Promise<SchedulerInfo[]> {
    const state = this.queue(checkQueue(this.tasks, queue));
    return [...state.schedulers.values()]
      .sort((a, b) => a.nextRunAt - b.nextRunAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((scheduler) => ({
        id: scheduler.id,
        queue: state.name,
        task: scheduler.task,
        everyMs: scheduler.everyMs,
        nextRunAt: new Date(scheduler.nextRunAt),
      }));
  }

  async pause(queue: string): Promise<void> {
    this.queue(checkQueue(this.tasks, queue)).paused = true;
  }

  async resume(queue: string): Promise<void> {
    const state = this.queue(checkQueue(this.tasks, queue));
    state.paused = false;
    this.scheduleDispatch(state);
  }

  async stats(): Promise<QueueStats[]> {
    return this.tasks.queueNames.map((name) => {
      const queue = this.queue(name);
      return {
        name,
        waiting: queue.waiting.size,
        active: queue.active.size,
        delayed: queue.delayed.length,
        prioritized: queue.prioritized.length,
        completed: queue.completed.length,
        failed: queue.failed.length,
        paused: queue.paused,
      };
    });
  }

  process<T extends TaskName>(task: T, handler: JobHandler<T>, options: { concurrency?: number } = {}): void {
    this.assertOpen();
    const queue = this.queue(queueOfTask(this.tasks, task));
    const handlers = queue.handlers ?? new TaskHandlers(queue.name, this.tasks, this.observer);
    handlers.add(task, handler, options.concurrency);
    queue.handlers = handlers;
    this.scheduleDispatch(queue);
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    this.assertOpen();
    this.listeners.add(listener);
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

  private queue(name: string): MemoryQueue {
    let queue = this.queues.get(name);
    if (queue === undefined) {
      queue = {
        name,
        jobs: new Map(),
        schedulers: new Map(),
        waiting: new Set(),
        prioritized: [],
        delayed: [],
        active: new Set(),
        completed: [],
        failed: [],
        paused: false,
        lastId: 0,
        lastSeq: 0,
        delayTimer: undefined,
        handlers: undefined,
        running: 0,
        dispatchScheduled: false,
      };
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Adds the job of the scheduler's next run: waiting when due, else delayed until its run time. */
  private addScheduledJob(queue: MemoryQueue, scheduler: MemoryScheduler, now: number): void {
    // BullMQ counts these in its job id sequence too.
    queue.lastId += 1;
    const job = newJob({
      id: schedulerJobId(scheduler.id, scheduler.nextRunAt),
      queue: queue.name,
      name: scheduler.task,
      data: structuredClone(scheduler.payload),
      priority: 0,
      maxAttempts: scheduler.options.attempts ?? 1,
      createdAt: now,
      backoff: scheduler.options.backoff,
    });
    this.add(queue, job, scheduler.nextRunAt, now);
  }

  /** Stores a new job and emits "added"; it waits when `runAt` has come, else it is delayed until then. */
  private add(queue: MemoryQueue, job: MemoryJob, runAt: number, now: number): void {
    queue.jobs.set(job.id, job);
    this.emit(queue, job, "added");
    if (runAt > now) this.delay(queue, job, runAt);
    else this.makeReady(queue, job, "waiting");
  }

  /**
   * BullMQ's updateJobScheduler script, which its worker runs as it takes a job: when `job` is its
   * scheduler's next run, the run after it is added. A later attempt of a run adds nothing.
   */
  private advanceScheduler(queue: MemoryQueue, job: MemoryJob): void {
    const run = parseSchedulerJobId(job.id);
    const scheduler = run === null ? undefined : queue.schedulers.get(run.schedulerId);
    if (scheduler === undefined || job.id !== schedulerJobId(scheduler.id, scheduler.nextRunAt)) return;
    const now = Date.now();
    const { runAt } = nextRunTime(scheduler.nextRunAt, scheduler.everyMs, now, scheduler.offset);
    if (queue.jobs.has(schedulerJobId(scheduler.id, runAt))) return;
    scheduler.nextRunAt = runAt;
    this.addScheduledJob(queue, scheduler, now);
  }

  private toInfo(job: MemoryJob): JobInfo {
    const info = toJobInfo(job, job.status);
    return { ...info, data: structuredClone(info.data), result: structuredClone(info.result) };
  }

  private emit(queue: MemoryQueue, job: MemoryJob, event: JobEvent["event"]): void {
    const jobEvent: JobEvent = { queue: queue.name, jobId: job.id, event };
    // Asynchronous, as from Redis: a listener never runs in the middle of a state change.
    queueMicrotask(() => {
      if (this.closed) return;
      for (const listener of this.listeners) {
        try {
          listener(jobEvent);
        } catch (error) {
          this.logger.error({ err: error, event: jobEvent }, "job event listener threw");
        }
      }
    });
  }

  /** Puts a job in line: waiting, or prioritized when it has a priority. */
  private makeReady(queue: MemoryQueue, job: MemoryJob, event: "waiting" | "retried"): void {
    job.seq = queue.lastSeq += 1;
    job.dueAt = null;
    if (job.priority > 0) {
      job.status = "prioritized";
      insertSorted(queue.prioritized, job, (other) => other.priority);
    } else {
      job.status = "waiting";
      queue.waiting.add(job);
    }
    this.emit(queue, job, event);
    this.scheduleDispatch(queue);
  }

  private delay(queue: MemoryQueue, job: MemoryJob, dueAt: number): void {
    job.seq = queue.lastSeq += 1;
    job.status = "delayed";
    job.dueAt = dueAt;
    insertSorted(queue.delayed, job, (other) => other.dueAt ?? 0);
    this.emit(queue, job, "delayed");
    this.armDelayTimer(queue);
  }

  /** One timer per queue, for the first due job. */
  private armDelayTimer(queue: MemoryQueue): void {
    clearTimeout(queue.delayTimer);
    queue.delayTimer = undefined;
    const next = queue.delayed[0];
    if (next === undefined || this.closing !== undefined) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, (next.dueAt ?? 0) - Date.now()));
    queue.delayTimer = setTimeout(() => this.promoteDue(queue), wait);
    queue.delayTimer.unref();
  }

  private promoteDue(queue: MemoryQueue): void {
    // Timers may fire a millisecond early by the wall clock: compare with it, not with the timer.
    const now = Date.now();
    for (let job = queue.delayed[0]; job !== undefined && (job.dueAt ?? 0) <= now; job = queue.delayed[0]) {
      queue.delayed.shift();
      this.makeReady(queue, job, "waiting");
    }
    this.armDelayTimer(queue);
  }

  /** Takes a job that is not active out of whichever list holds it. */
  private detach(queue: MemoryQueue, job: MemoryJob): void {
    queue.waiting.delete(job);
    removeFrom(queue.prioritized, job);
    removeFrom(queue.completed, job);
    removeFrom(queue.failed, job);
    if (queue.delayed[0] === job) {
      queue.delayed.shift();
      this.armDelayTimer(queue);
    } else {
      removeFrom(queue.delayed, job);
    }
  }

  private scheduleDispatch(queue: MemoryQueue): void {
    if (queue.dispatchScheduled) return;
    queue.dispatchScheduled = true;
    setImmediate(() => {
      queue.dispatchScheduled = false;
      this.dispatch(queue);
    });
  }

  /** Starts jobs while the queue's worker has free slots: unprioritized first, as BullMQ does. */
  private dispatch(queue: MemoryQueue): void {
    const handlers = queue.handlers;
    if (handlers === undefined || queue.paused || this.closing !== undefined) return;
    while (queue.running < handlers.concurrency) {
      const first = queue.waiting.values().next();
      const job = first.done === true ? queue.prioritized.shift() : first.value;
      if (job === undefined) return;
      queue.waiting.delete(job);
      queue.running += 1;
      const run = this.run(queue, handlers, job).finally(() => this.running.delete(run));
      this.running.add(run);
    }
  }

  private async run(queue: MemoryQueue, handlers: TaskHandlers, job: MemoryJob): Promise<void> {
    job.status = "active";
    job.processedAt = Date.now();
    queue.active.add(job);
    this.emit(queue, job, "active");
    this.advanceScheduler(queue, job);
    const attemptsMade = job.attemptsMade;
    let outcome: { ok: true; result: unknown } | { ok: false; error: unknown };
    try {
      const result = await handlers.run(
        { id: job.id, name: job.name, data: structuredClone(job.data), attemptsMade },
        async (progress) => {
          if (job.status !== "active" || job.attemptsMade !== attemptsMade) return;
          job.progress = progress;
          this.emit(queue, job, "progress");
        },
      );
      outcome = { ok: true, result: asJson(result) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    queue.running -= 1;
    if (this.closed) return;
    queue.active.delete(job);
    job.attemptsMade += 1;
    if (outcome.ok) this.finish(queue, job, "completed", outcome.result);
    else this.fail(queue, job, outcome.error);
    this.scheduleDispatch(queue);
  }

  private fail(queue: MemoryQueue, job: MemoryJob, error: unknown): void {
    job.failedReason = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      { err: error, queue: queue.name, jobId: job.id, task: job.name, attempt: job.attemptsMade },
      "job attempt failed",
    );
    if (!shouldRetry(error, job.attemptsMade, job.maxAttempts)) {
      this.finish(queue, job, "failed", null);
      return;
    }
    const wait = backoffDelay(job.backoff, job.attemptsMade);
    if (wait > 0) this.delay(queue, job, Date.now() + wait);
    else this.makeReady(queue, job, "waiting");
  }

  private finish(queue: MemoryQueue, job: MemoryJob, status: "completed" | "failed", result: unknown): void {
    job.status = status;
    job.result = result;
    job.finishedAt = Date.now();
    const finished = queue[status];
    finished.push(job);
    // Keep the newest, as BullMQ's removeOnComplete/removeOnFail { count } do.
    for (const old of finished.splice(0, finished.length - KEEP_FINISHED[status])) queue.jobs.delete(old.id);
    this.emit(queue, job, status);
  }

  private async shutdown(): Promise<void> {
    for (const queue of this.queues.values()) clearTimeout(queue.delayTimer);
    const finished = await settlesWithin(Promise.allSettled(this.running), this.shutdownTimeoutMs);
    if (!finished) {
      this.logger.warn({ shutdownTimeoutMs: this.shutdownTimeoutMs }, "active jobs did not finish in time; abandoned");
    }
    this.closed = true;
    this.listeners.clear();
  }
}
