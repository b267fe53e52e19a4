import { userError, UserErrorCode, type UserError } from "../../src/subgraph/errors.js";
import type { TaskCatalog } from "../../src/queue/tasks.js";
import type {
  EnqueueOptions,
  JobInfo,
  JobStatus as QueueJobStatus,
  QueueStats as Stats,
  TaskName,
} from "../../src/queue/types.js";
import { Job, QueueStats, type EnqueueJobInput, type JobStatus } from "./job.types.js";

const MAX_PRIORITY = 2_097_151;
const MAX_DELAY_MS = 30 * 24 * 3600 * 1000;
const MAX_ATTEMPTS = 25;

/** An operator's job request, checked: every problem is reported with its field. */
export function checkEnqueueInput(
  catalog: TaskCatalog,
  input: EnqueueJobInput,
): { task: TaskName; options: EnqueueOptions; userErrors: [] } | { task: null; userErrors: UserError[] } {
  const errors: UserError[] = [];
  if (!catalog.queueNames.includes(input.queue)) {
    errors.push(
      userError(
        ["queue"],
        `queue: unknown queue ${JSON.stringify(input.queue)}; queues: ${catalog.queueNames.join(", ")}`,
        UserErrorCode.NotFound,
      ),
    );
  } else {
    const tasks = catalog.tasksOf(input.queue);
    if (!tasks.includes(input.name)) {
      errors.push(
        userError(
          ["name"],
          `name: queue ${input.queue} has no task ${JSON.stringify(input.name)}; its tasks: ${tasks.join(", ")}`,
        ),
      );
    }
  }
  const range = (field: "priority" | "delayMs" | "attempts", min: number, max: number): void => {
    const value = input[field];
    if (value != null && (value < min || value > max))
      errors.push(userError([field], `${field}: must be between ${min} and ${max}, got ${value}`));
  };
  range("priority", 1, MAX_PRIORITY);
  range("delayMs", 0, MAX_DELAY_MS);
  range("attempts", 1, MAX_ATTEMPTS);
  if (errors.length > 0) return { task: null, userErrors: errors };
  return {
    task: input.name as TaskName,
    options: {
      ...(input.priority != null ? { priority: input.priority } : {}),
      ...(input.delayMs != null ? { delayMs: input.delayMs } : {}),
      ...(input.attempts != null
        ? { attempts: input.attempts, backoff: { type: "exponential", delayMs: 1000, jitter: 0.2 } }
        : {}),
    },
    userErrors: [],
  };
}

/** A queue job as the API shows it. */
export function toJob(info: JobInfo): Job {
  return Object.assign(new Job(), { ...info, status: info.status.toUpperCase() as JobStatus });
}

/** Queue counts as the API shows them. */
export function toQueueStats(stats: Stats): QueueStats {
  return Object.assign(new QueueStats(), stats);
}

/** The queue's name for an API status. */
export function toQueueStatus(status: JobStatus): QueueJobStatus {
  return status.toLowerCase() as QueueJobStatus;
}
