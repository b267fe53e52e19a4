import type { z } from "zod";
import type { TaskCatalog, TaskRegistry } from "./tasks.js";

/** Every task name, as the subgraphs declare them in {@link TaskRegistry}. */
export type TaskName = keyof TaskRegistry;
/** The validated payload of a task. */
export type PayloadOf<T extends TaskName> = z.infer<TaskRegistry[T]["payload"]>;
/** The queue a task runs on. */
export type QueueName = TaskRegistry[TaskName]["queue"];

/** Where a job is, with BullMQ's names. */
export type JobStatus = "waiting" | "prioritized" | "delayed" | "active" | "completed" | "failed";

/** How long to wait between attempts. */
export interface BackoffOptions {
  type: "fixed" | "exponential";
  /** Base delay: fixed waits this long; exponential waits delayMs × 2^(attempt−1). */
  delayMs: number;
  /** 0–1: each wait is randomly shortened by up to this fraction (BullMQ's jitter). @default 0 */
  jitter?: number;
}

/** Options of {@link TaskQueue.enqueue}. */
export interface EnqueueOptions {
  /** 1 (highest) … 2,097,151 (lowest); jobs without a priority run before prioritized ones. */
  priority?: number;
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** Total attempts, the first included. @default 1 */
  attempts?: number;
  backoff?: BackoffOptions;
  /** Deduplicates: enqueueing an id that exists returns the existing job and adds nothing. */
  jobId?: string;
}

/** One job of {@link TaskQueue.enqueueMany}: a task, its payload and options, as {@link TaskQueue.enqueue} takes them. */
export type BulkJob = {
  [T in TaskName]: { task: T; payload: PayloadOf<T>; options?: EnqueueOptions };
}[TaskName];

/** Options of {@link TaskQueue.schedule}: what each job of the scheduler gets, as with {@link EnqueueOptions}. */
export interface ScheduleOptions {
  /** Total attempts of each run, the first included. @default 1 */
  attempts?: number;
  backoff?: BackoffOptions;
}

/** A job scheduler (see {@link TaskQueue.schedule}) as operators see it. */
export interface SchedulerInfo {
  id: string;
  queue: string;
  task: string;
  everyMs: number;
  /** The run time of the scheduler's next run not yet started (its job waits or is delayed until then). */
  nextRunAt: Date | null;
}

/** A job as operators see it. */
export interface JobInfo {
  id: string;
  queue: string;
  name: string;
  status: JobStatus;
  priority: number;
  attemptsMade: number;
  maxAttempts: number;
  progress: number;
  failedReason: string | null;
  data: unknown;
  result: unknown;
  createdAt: Date;
  processedAt: Date | null;
  finishedAt: Date | null;
  delayedUntil: Date | null;
}

/** Counts of one queue, by state. */
export interface QueueStats {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  completed: number;
  failed: number;
  paused: boolean;
}

/** What a handler receives. */
export interface JobContext<T extends TaskName> {
  id: string;
  name: T;
  payload: PayloadOf<T>;
  /** 1 on the first attempt. */
  attempt: number;
  /** The scheduler that made this job (see {@link TaskQueue.schedule}); undefined for an enqueued job. */
  schedulerId?: string;
  /**
   * The run time of a scheduler's job: the same on every attempt of one run, different for every run of
   * a scheduler (`<schedulerId>-<scheduledAt>` makes an idempotency key). The job starts no earlier;
   * undefined for an enqueued job.
   */
  scheduledAt?: Date;
  updateProgress: (progress: number) => Promise<void>;
}

/** One job attempt a worker of this process finished, whatever the backend. */
export interface JobAttempt {
  queue: string;
  task: string;
  jobId: string;
  /** 1 on the first attempt. */
  attempt: number;
  durationSeconds: number;
  /** What the handler threw; undefined when it completed. */
  error?: unknown;
  /** The request that caused the job, when its trace carrier names one. */
  requestId?: string;
}

/** Told about every job attempt run in this process (metrics, logs). */
export interface JobObserver {
  attemptFinished(attempt: JobAttempt): void;
}

/** Runs one job; its return value is the job's result. Throw UnrecoverableError to stop retries. */
export type JobHandler<T extends TaskName> = (job: JobContext<T>) => Promise<unknown>;

/** A change of a job's state, as `jobUpdated` streams it; "retried" is a `retry()` of a failed job. */
export interface JobEvent {
  queue: string;
  jobId: string;
  event: "added" | "waiting" | "delayed" | "active" | "progress" | "completed" | "failed" | "removed" | "retried";
}

/**
 * The queue abstraction: named, validated tasks on named queues. Backends: BullMQ on Redis, and an
 * in-process one with the same semantics (the contract tests are their definition).
 */
export interface TaskQueue {
  /** The tasks this queue knows: any other is refused. */
  readonly tasks: TaskCatalog;
  /** Validates the payload (a bad one is refused naming the field, nothing enqueued) and adds a job. */
  enqueue<T extends TaskName>(task: T, payload: PayloadOf<T>, options?: EnqueueOptions): Promise<JobInfo>;
  /**
   * Adds several jobs at once (on Redis one round trip, and no job is read back): every job is checked
   * as by enqueue first, and one bad job refuses them all, nothing enqueued; an id that exists adds nothing.
   */
  enqueueMany(jobs: readonly BulkJob[]): Promise<void>;
  getJob(queue: string, id: string): Promise<JobInfo | null>;
  /** Jobs in `status`, in reverse order of processing (newest, or last in line, first). */
  getJobs(queue: string, status: JobStatus, limit?: number): Promise<JobInfo[]>;
  /** Moves a failed job back to waiting, attempts reset. */
  retry(queue: string, id: string): Promise<JobInfo>;
  /** Removes a job that is not active; false when there was none. */
  remove(queue: string, id: string): Promise<boolean>;
  pause(queue: string): Promise<void>;
  resume(queue: string): Promise<void>;
  stats(): Promise<QueueStats[]>;
  /**
   * Creates or replaces the scheduler `schedulerId` (one per id and queue): a job of `task` with `payload`
   * every `everyMs` (an integer ≥ 1000), the first one now. Validates the task, payload and options like
   * enqueue; refused, nothing changes. Replacing keeps the run times when `everyMs` is the same (a run not
   * yet started gets the new payload) and starts again from now when it changes. Schedulers live as long
   * as the queue's jobs: in Redis for BullMQ (they survive restarts), in the process in memory. A scheduler keeps one run ahead: the job of the next run is made when
   * the previous run starts, so runs do not pile up while no worker takes them, and a late start skips
   * the runs missed (the next one is the first due after now, at the original phase).
   */
  schedule<T extends TaskName>(
    task: T,
    schedulerId: string,
    everyMs: number,
    payload: PayloadOf<T>,
    options?: ScheduleOptions,
  ): Promise<void>;
  /**
   * Removes the scheduler and its next run if that is not due yet (delayed); jobs already due, active or
   * finished run and stay as usual. False when there was none.
   */
  unschedule(queue: string, schedulerId: string): Promise<boolean>;
  /** The schedulers of a queue, by next run time. */
  getSchedulers(queue: string): Promise<SchedulerInfo[]>;
  /** Runs `handler` for jobs of `task`, `concurrency` at a time (per process). */
  process<T extends TaskName>(task: T, handler: JobHandler<T>, options?: { concurrency?: number }): void;
  /** Listens to job state changes of every queue; returns the unsubscribe function. */
  onJobEvent(listener: (event: JobEvent) => void): () => void;
  /** Stops taking jobs, waits for active ones up to the configured timeout, then closes connections. */
  close(): Promise<void>;
}
