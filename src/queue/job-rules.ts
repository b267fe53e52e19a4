import { UnrecoverableError } from "bullmq";
import { z } from "zod";
import type { TaskCatalog } from "./tasks.js";
import { splitCarrier, withCurrentCarrier } from "../observability/request-context.js";
import type { BackoffOptions, EnqueueOptions, JobInfo, JobStatus, QueueName, ScheduleOptions } from "./types.js";

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

/** The shortest interval of a job scheduler: shorter ones would be a busy loop, not a schedule. */
export const MIN_EVERY_MS = 1000;

/** A scheduler made when fewer than this many of the next slots are taken gives up (BullMQ's bound). */
const MAX_SLOT_SCANS = 32;

const nonNegativeInteger = "expected a non-negative integer";

const attemptsSchema = z
  .int({ error: "expected a positive integer" })
  .min(1, { error: "expected a positive integer" })
  .optional();

const backoffSchema = z
  .strictObject({
    type: z.enum(["fixed", "exponential"]),
    delayMs: z.int({ error: nonNegativeInteger }).min(0, { error: nonNegativeInteger }),
    jitter: z
      .number({ error: "expected a number from 0 to 1" })
      .min(0, { error: "expected a number from 0 to 1" })
      .max(1, { error: "expected a number from 0 to 1" })
      .optional(),
  })
  .optional();

/** A job id or scheduler id: BullMQ's own rules (":" separates its key parts). */
const idSchema = z
  .string({ error: "expected a non-empty string" })
  .min(1, { error: "expected a non-empty string" })
  .refine((id) => !id.includes(":"), { error: 'must not contain ":"' });

const enqueueOptionsSchema = z.strictObject({
  priority: z
    .int({ error: `expected an integer from 1 to ${LOWEST_PRIORITY}` })
    .min(1, { error: `expected an integer from 1 to ${LOWEST_PRIORITY}` })
    .max(LOWEST_PRIORITY, { error: `expected an integer from 1 to ${LOWEST_PRIORITY}` })
    .optional(),
  delayMs: z.int({ error: nonNegativeInteger }).min(0, { error: nonNegativeInteger }).optional(),
  attempts: attemptsSchema,
  backoff: backoffSchema,
  // Integers are BullMQ's generated ids.
  jobId: idSchema
    .refine((id) => `${Number.parseInt(id, 10)}` !== id, { error: "must not be an integer (those are generated ids)" })
    .optional(),
});

const scheduleSchema = z.strictObject({
  schedulerId: idSchema,
  everyMs: z
    .int({ error: `expected an integer of milliseconds, at least ${MIN_EVERY_MS}` })
    .min(MIN_EVERY_MS, { error: `expected an integer of milliseconds, at least ${MIN_EVERY_MS}` }),
});

const scheduleOptionsSchema = z.strictObject({ attempts: attemptsSchema, backoff: backoffSchema });

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
export function queueOfTask(tasks: TaskCatalog, task: string): QueueName {
  const definition = tasks.get(task);
  if (definition === undefined) {
    throw new InvalidJobError(`unknown task "${task}"; registered: ${Object.keys(tasks.definitions).join(", ")}`);
  }
  return definition.queue as QueueName;
}

/** `queue` when it is a registered queue; an unknown one is refused. */
export function checkQueue(tasks: TaskCatalog, queue: string): string {
  if (!tasks.queueNames.includes(queue)) {
    throw new InvalidJobError(`unknown queue "${queue}"; registered: ${tasks.queueNames.join(", ")}`);
  }
  return queue;
}

/** The payload as the task's schema parses it; a bad one (or an unknown task) is refused naming the field. */
export function parsePayload(tasks: TaskCatalog, task: string, payload: unknown): unknown {
  const schema = tasks.get(task)?.payload;
  if (schema === undefined) throw new InvalidJobError(`unknown task "${task}"`);
  const result = schema.safeParse(payload);
  if (!result.success) throw invalid(`${task} payload`, result.error.issues);
  return result.data;
}

/** Checks all of an enqueue request before anything is added. */
export function checkEnqueue(
  tasks: TaskCatalog,
  task: string,
  payload: unknown,
  options: EnqueueOptions = {},
): CheckedJob {
  const queue = queueOfTask(tasks, task);
  const parsedPayload = parsePayload(tasks, task, payload);
  const parsedOptions = enqueueOptionsSchema.safeParse(options);
  if (!parsedOptions.success) throw invalid(`${task} options`, parsedOptions.error.issues);
  // The job continues the trace (and request) that enqueued it.
  return { queue, payload: withCurrentCarrier(parsedPayload), options: parsedOptions.data };
}

/** A scheduler, its task's payload parsed and its options checked: what both backends store. */
export interface CheckedSchedule {
  queue: QueueName;
  schedulerId: string;
  everyMs: number;
  payload: unknown;
  options: ScheduleOptions;
}

/** Checks all of a schedule request before anything changes. */
export function checkSchedule(
  tasks: TaskCatalog,
  task: string,
  schedulerId: string,
  everyMs: number,
  payload: unknown,
  options: ScheduleOptions = {},
): CheckedSchedule {
  const queue = queueOfTask(tasks, task);
  const parsedSchedule = scheduleSchema.safeParse({ schedulerId, everyMs });
  if (!parsedSchedule.success) throw invalid(`${task} schedule`, parsedSchedule.error.issues);
  const parsedPayload = parsePayload(tasks, task, payload);
  const parsedOptions = scheduleOptionsSchema.safeParse(options);
  if (!parsedOptions.success) throw invalid(`${task} options`, parsedOptions.error.issues);
  return { queue, ...parsedSchedule.data, payload: parsedPayload, options: parsedOptions.data };
}

/** The id of a scheduler's job for the run at `runAt` (epoch ms), as BullMQ names it. */
export function schedulerJobId(schedulerId: string, runAt: number): string {
  return `repeat:${schedulerId}:${runAt}`;
}

/** The scheduler and run time of a job a scheduler made; null for any other job (their ids have no ":"). */
export function parseSchedulerJobId(id: string): { schedulerId: string; runAt: number } | null {
  const match = /^repeat:([^:]+):(\d+)$/.exec(id);
  if (match === null) return null;
  return { schedulerId: match[1] as string, runAt: Number(match[2]) };
}

/**
 * The next run time of an `everyMs` scheduler, and its phase (`offset`: run times are `offset` past
 * multiples of everyMs), as BullMQ's Lua scripts compute them: now for a new one; else the previous run + everyMs, or, when that has passed, the first time after now that
 * is `offset` past a multiple of everyMs (missed runs are skipped, the phase kept).
 */
export function nextRunTime(
  previous: number | null,
  everyMs: number,
  now: number,
  offset: number,
): { runAt: number; offset: number } {
  let runAt = previous === null ? now : previous + everyMs;
  if (previous !== null && runAt < now) {
    const aligned = Math.floor(now / everyMs) * everyMs + offset;
    runAt = aligned <= now ? aligned + everyMs : aligned;
  }
  const phase = offset === 0 ? runAt - Math.floor(runAt / everyMs) * everyMs : offset;
  return { runAt: Math.floor(runAt), offset: Math.floor(phase) };
}

/**
 * The first free run time from `runAt` on, stepping by everyMs past runs whose jobs still exist (a
 * former scheduler of the same id may have left finished ones); null when the next few are all taken.
 */
export function freeRunTime(runAt: number, everyMs: number, taken: (runAt: number) => boolean): number | null {
  let candidate = runAt;
  for (let scans = 0; taken(candidate); scans += 1) {
    if (scans >= MAX_SLOT_SCANS) return null;
    candidate += everyMs;
  }
  return candidate;
}

/** The error for a scheduler whose next run times are all taken by existing jobs. */
export function slotsBusy(queue: string, schedulerId: string): InvalidJobError {
  return new InvalidJobError(
    `scheduler "${schedulerId}" of queue "${queue}": the jobs of its next ${MAX_SLOT_SCANS} runs exist already`,
  );
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
    // Operators see the payload; the trace carrier is plumbing.
    data: splitCarrier(job.data).payload,
    result: job.result ?? null,
    createdAt: new Date(job.createdAt),
    processedAt: toDate(job.processedAt),
    finishedAt: toDate(job.finishedAt),
    delayedUntil: status === "delayed" ? toDate(job.dueAt) : null,
  };
}
