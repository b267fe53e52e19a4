import { UnrecoverableError } from "bullmq";
import { z } from "zod";
import { QUEUE_NAMES, TASKS } from "./tasks.js";
import type { BackoffOptions, EnqueueOptions, JobInfo, JobStatus, QueueName, TaskName } from "./types.js";

/** The lowest priority BullMQ accepts; 1 is the highest. */
const LOWEST_PRIORITY = 2_097_151;

/** Finished jobs each queue keeps (the newest); older ones are deleted as new ones finish. */
export const KEEP_FINISHED = { completed: 1000, failed: 5000 } as const;

/** How many jobs `getJobs` returns when no limit is given. */
export const DEFAULT_JOBS_LIMIT = 100;

/** A request a queue refuses: unknown task or queue, invalid payload or options, a job in the wrong state. */
export class InvalidJobError extends Error {
  override name = "InvalidJobError";

  constructor(
    message: string,
    /** Where the first problem is, within the payload or the options the message names; empty when no field. */
    readonly path: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A task's payload, parsed, and its options, checked: what both backends add. */
export interface CheckedJob {
  queue: QueueName;
  payload: unknown;
  options: EnqueueOptions;
}

const nonNegativeInteger = "expected a non-negative integer";

const enqueueOptionsSchema = z.strictObject({
  priority: z
    .int({ error: `expected an integer from 1 to ${LOWEST_PRIORITY}` })
    .min(1, { error: `expected an integer from 1 to ${LOWEST_PRIORITY}` })
    .max(LOWEST_PRIORITY, { error: `expected an integer from 1 to ${LOWEST_PRIORITY}` })
    .optional(),
  delayMs: z.int({ error: nonNegativeInteger }).min(0, { error: nonNegativeInteger }).optional(),
  attempts: z.int({ error: "expected a positive integer" }).min(1, { error: "expected a positive integer" }).optional(),
  backoff: z
    .strictObject({
      type: z.enum(["fixed", "exponential"]),
      delayMs: z.int({ error: nonNegativeInteger }).min(0, { error: nonNegativeInteger }),
      jitter: z
        .number({ error: "expected a number from 0 to 1" })
        .min(0, { error: "expected a number from 0 to 1" })
        .max(1, { error: "expected a number from 0 to 1" })
        .optional(),
    })
    .optional(),
  jobId: z
    .string({ error: "expected a non-empty string" })
    .min(1, { error: "expected a non-empty string" })
    // BullMQ's own rules: integers are its generated ids, ":" separates its key parts.
    .refine((id) => `${Number.parseInt(id, 10)}` !== id, { error: "must not be an integer (those are generated ids)" })
    .refine((id) => !id.includes(":"), { error: 'must not contain ":"' })
    .optional(),
});

/** zod's complaint about `what` as an error: `what: path: message; …`, zod's "Invalid input: " dropped. */
function invalid(what: string, issues: readonly z.core.$ZodIssue[]): InvalidJobError {
  const description = issues
    .map((issue) => {
      const message = issue.message.replace(/^Invalid (input|option): /, "");
      const text = message.charAt(0).toLowerCase() + message.slice(1);
      return issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ${text}` : text;
    })
    .join("; ");
  return new InvalidJobError(`${what}: ${description}`, issues[0]?.path.map(String) ?? []);
}

/** The queue a registered task runs on; an unknown task is refused. */
export function queueOfTask(task: string): QueueName {
  if (!Object.hasOwn(TASKS, task)) {
    throw new InvalidJobError(`unknown task "${task}"; registered: ${Object.keys(TASKS).join(", ")}`);
  }
  return TASKS[task as TaskName].queue;
}

/** `queue` when it is a registered queue; an unknown one is refused. */
export function checkQueue(queue: string): string {
  if (!QUEUE_NAMES.includes(queue)) {
    throw new InvalidJobError(`unknown queue "${queue}"; registered: ${QUEUE_NAMES.join(", ")}`);
  }
  return queue;
}

/** The payload as the task's schema parses it; a bad one is refused naming the field. */
export function parsePayload(task: TaskName, payload: unknown): unknown {
  const schema: z.ZodType = TASKS[task].payload;
  const result = schema.safeParse(payload);
  if (!result.success) throw invalid(`${task} payload`, result.error.issues);
  return result.data;
}

/** Checks all of an enqueue request before anything is added. */
export function checkEnqueue(task: string, payload: unknown, options: EnqueueOptions = {}): CheckedJob {
  const queue = queueOfTask(task);
  const parsedPayload = parsePayload(task as TaskName, payload);
  const parsedOptions = enqueueOptionsSchema.safeParse(options);
  if (!parsedOptions.success) throw invalid(`${task} options`, parsedOptions.error.issues);
  return { queue, payload: parsedPayload, options: parsedOptions.data };
}

/** Checks a `getJobs` limit. */
export function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidJobError(`limit: expected a positive integer, got ${limit}`);
  }
  return limit;
}

/** The status a job starts in. */
export function initialStatus(options: EnqueueOptions): JobStatus {
  if ((options.delayMs ?? 0) > 0) return "delayed";
  return (options.priority ?? 0) > 0 ? "prioritized" : "waiting";
}

/**
 * BullMQ's built-in backoff: the wait after the `attemptsMade`-th failed attempt. Exponential doubles
 * from `delayMs`; jitter picks uniformly in [wait × (1 − jitter), wait).
 */
export function backoffDelay(backoff: BackoffOptions | undefined, attemptsMade: number): number {
  if (backoff === undefined) return 0;
  const wait = backoff.type === "fixed" ? backoff.delayMs : Math.round(2 ** (attemptsMade - 1) * backoff.delayMs);
  const jitter = backoff.jitter ?? 0;
  return jitter > 0 ? Math.floor(Math.random() * wait * jitter + wait * (1 - jitter)) : wait;
}

/** Whether a job whose `attemptsMade`-th attempt threw `error` runs again (BullMQ's rule). */
export function shouldRetry(error: unknown, attemptsMade: number, maxAttempts: number): boolean {
  const unrecoverable =
    error instanceof UnrecoverableError || (error instanceof Error && error.name === "UnrecoverableError");
  return !unrecoverable && attemptsMade < maxAttempts;
}

/** The error for an id that names no job. */
export function jobNotFound(queue: string, id: string): InvalidJobError {
  return new InvalidJobError(`job "${id}" not found in queue "${queue}"`);
}

/** The error for retrying a job that has not failed. */
export function notFailed(queue: string, id: string, status: JobStatus): InvalidJobError {
  return new InvalidJobError(`job "${id}" of queue "${queue}" is ${status}; only failed jobs can be retried`);
}

/** The error for removing a job a worker holds. */
export function activeNotRemovable(queue: string, id: string): InvalidJobError {
  return new InvalidJobError(`job "${id}" of queue "${queue}" is active and cannot be removed`);
}

/** What both backends know of a job; times in epoch milliseconds, null when not yet. */
export interface JobRecord {
  id: string;
  queue: string;
  name: string;
  data: unknown;
  /** 0 when none. */
  priority: number;
  attemptsMade: number;
  maxAttempts: number;
  progress: unknown;
  failedReason: string | null;
  result: unknown;
  createdAt: number;
  processedAt: number | null;
  finishedAt: number | null;
  /** When a delayed job is due. */
  dueAt: number | null;
}

function toDate(time: number | null): Date | null {
  return time === null ? null : new Date(time);
}

/** A job as operators see it, in `status`. */
export function toJobInfo(job: JobRecord, status: JobStatus): JobInfo {
  return {
    id: job.id,
    queue: job.queue,
    name: job.name,
    status,
    priority: job.priority,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.maxAttempts,
    progress: typeof job.progress === "number" ? job.progress : 0,
    failedReason: job.failedReason === "" ? null : job.failedReason,
    data: job.data,
    result: job.result ?? null,
    createdAt: new Date(job.createdAt),
    processedAt: toDate(job.processedAt),
    finishedAt: toDate(job.finishedAt),
    delayedUntil: status === "delayed" ? toDate(job.dueAt) : null,
  };
}
