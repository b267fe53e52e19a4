import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { UnrecoverableError } from "bullmq";
import { InvalidJobError, parsePayload, parseSchedulerJobId } from "./job-rules.js";
import { contextOf, splitCarrier, withRequestId, type TraceCarrier } from "../observability/request-context.js";
import type { TaskCatalog } from "./tasks.js";
import type { JobContext, JobHandler, JobObserver, PayloadOf, TaskName } from "./types.js";

/** Looked up per job: a tracer kept from before `startTracing` (or a restart of it) would stay a no-op. */
const tracer = () => trace.getTracer("tradebot-graph/queue");

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

  constructor(
    readonly queue: string,
    private readonly tasks: TaskCatalog,
    private readonly observer?: JobObserver,
  ) {}

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
    const { payload: data, carrier } = splitCarrier(job.data);
    let payload: unknown;
    try {
      payload = parsePayload(this.tasks, task, data);
    } catch (error) {
      throw new UnrecoverableError((error as InvalidJobError).message);
    }
    const jobContext: JobContext<TaskName> = {
      id: job.id,
      name: task,
      payload: payload as PayloadOf<TaskName>,
      attempt: job.attemptsMade + 1,
      updateProgress,
    };
    // A scheduler's job carries its scheduler and run time in its id, the same on every attempt.
    const run = parseSchedulerJobId(job.id);
    if (run !== null) {
      jobContext.schedulerId = run.schedulerId;
      jobContext.scheduledAt = new Date(run.runAt);
    }
    const attempt = (): Promise<unknown> => this.observed(task, job.id, jobContext, carrier, entry.handler);
    // A job enqueued by an untraced request (a carrier without traceparent) makes no span either.
    if (carrier !== undefined && carrier.traceparent === undefined) return entry.gate.run(attempt);
    return entry.gate.run(() =>
      // The job's span continues the trace of whatever enqueued it (the carrier in its data).
      tracer().startActiveSpan(
        `job ${task}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            "messaging.system": "tradebot-queue",
            "messaging.destination.name": this.queue,
            "messaging.message.id": job.id,
            "job.attempt": jobContext.attempt,
          },
        },
        contextOf(carrier),
        async (span) => {
          try {
            return await attempt();
          } catch (thrown) {
            span.recordException(thrown instanceof Error ? thrown : String(thrown));
            span.setStatus({ code: SpanStatusCode.ERROR, message: String(thrown) });
            throw thrown;
          } finally {
            span.end();
          }
        },
      ),
    );
  }

  /** Runs one attempt with its request id and tells the observer how it went. */
  private async observed(
    task: TaskName,
    jobId: string,
    jobContext: JobContext<TaskName>,
    carrier: TraceCarrier | undefined,
    handler: JobHandler<TaskName>,
  ): Promise<unknown> {
    const started = performance.now();
    let error: unknown;
    try {
      return await withRequestId(carrier?.requestId, () => handler(jobContext));
    } catch (thrown) {
      error = thrown;
      throw thrown;
    } finally {
      this.observer?.attemptFinished({
        queue: this.queue,
        task,
        jobId,
        attempt: jobContext.attempt,
        durationSeconds: (performance.now() - started) / 1000,
        error,
        requestId: carrier?.requestId,
      });
    }
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
