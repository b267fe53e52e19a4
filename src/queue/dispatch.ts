import { UnrecoverableError } from "bullmq";
import { InvalidJobError, parsePayload, parseSchedulerJobId } from "./job-rules.js";
import type { JobContext, JobHandler, PayloadOf, TaskName } from "./types.js";

/** Runs at most `limit` calls at a time; the others wait their turn in order. */
class ConcurrencyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await call();
    } finally {
      // Hand the slot to the next caller, or free it.
      const next = this.waiting.shift();
      if (next === undefined) this.running -= 1;
      else next();
    }
  }
}

/** A job as a worker hands it over. */
export interface DispatchedJob {
  id: string;
  name: string;
  data: unknown;
  attemptsMade: number;
}

/**
 * The handlers of one queue's worker in this process, by task. The worker runs as many jobs at once
 * as the sum of their concurrencies, and each handler at most its own concurrency.
 */
export class TaskHandlers {
  private readonly byTask = new Map<
    string,
    { handler: JobHandler<TaskName>; concurrency: number; gate: ConcurrencyGate }
  >();

  constructor(readonly queue: string) {}

  /** The worker's concurrency. */
  get concurrency(): number {
    return [...this.byTask.values()].reduce((sum, entry) => sum + entry.concurrency, 0);
  }

  /** Registers the handler of `task` (a task of this queue), once. */
  add<T extends TaskName>(task: T, handler: JobHandler<T>, concurrency = 1): void {
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
      throw new InvalidJobError(`concurrency: expected a positive integer, got ${concurrency}`);
    }
    if (this.byTask.has(task)) throw new InvalidJobError(`task "${task}" already has a handler in this process`);
    // Jobs reach a handler by their task name, so this one only ever sees payloads of its own task.
    this.byTask.set(task, {
      handler: handler as JobHandler<TaskName>,
      concurrency,
      gate: new ConcurrencyGate(concurrency),
    });
  }

  /**
   * Runs the job's handler and returns its result. A task without a handler here fails the attempt
   * (retried as usual); a payload its schema now refuses fails the job at once.
   */
  async run(job: DispatchedJob, updateProgress: (progress: number) => Promise<void>): Promise<unknown> {
    const entry = this.byTask.get(job.name);
    if (entry === undefined) {
      throw new Error(`no handler for task "${job.name}" on queue "${this.queue}" in this process`);
    }
    const task = job.name as TaskName;
    let payload: unknown;
    try {
      payload = parsePayload(task, job.data);
    } catch (error) {
      throw new UnrecoverableError((error as InvalidJobError).message);
    }
    const context: JobContext<TaskName> = {
      id: job.id,
      name: task,
      payload: payload as PayloadOf<TaskName>,
      attempt: job.attemptsMade + 1,
      updateProgress,
    };
    // A scheduler's job carries its scheduler and run time in its id, the same on every attempt.
    const run = parseSchedulerJobId(job.id);
    if (run !== null) {
      context.schedulerId = run.schedulerId;
      context.scheduledAt = new Date(run.runAt);
    }
    return entry.gate.run(() => entry.handler(context));
  }
}

/** True when `promise` settles (either way) within `ms`, false when the time runs out first. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
