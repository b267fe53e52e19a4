import type { Logger } from "../observability/logger.js";
import { BullmqTaskQueue } from "./bullmq-queue.js";
import { MemoryTaskQueue } from "./memory-queue.js";
import type { TaskCatalog } from "./tasks.js";
import type { JobObserver, TaskQueue } from "./types.js";

export type * from "./types.js";
export { TaskCatalog, type TaskDefinition, type TaskRegistry, type TaskTable } from "./tasks.js";
export { InvalidJobError } from "./job-rules.js";
export { BullmqTaskQueue, type BullmqTaskQueueOptions } from "./bullmq-queue.js";
export { MemoryTaskQueue, type MemoryTaskQueueOptions } from "./memory-queue.js";
/** Thrown by a handler, fails its job at once, whatever attempts remain. */
export { UnrecoverableError } from "bullmq";

/** Options of {@link createTaskQueue}: `config.queue` with `config.redis.url`. */
export interface TaskQueueOptions {
  /** `bullmq` on Redis (several processes share the queues), or `memory` in this process. */
  backend: "memory" | "bullmq";
  /** Required by `bullmq`. */
  redisUrl?: string;
  /** Prefix of every Redis key (`bullmq`). */
  prefix: string;
  /** How long `close()` waits for active jobs before abandoning them. */
  shutdownTimeoutMs: number;
  /** How often workers look for stalled jobs (`bullmq`). */
  stalledIntervalMs: number;
  /** How long a worker's lock on an active job lasts (`bullmq`). */
  lockDurationMs: number;
  logger: Logger;
  /** The tasks it runs: any other is refused. */
  tasks: TaskCatalog;
  /** Told about every job attempt run in this process (metrics, logs). */
  observer?: JobObserver;
}

/** The configured task queue; `bullmq` without a Redis URL is refused. */
export function createTaskQueue(options: TaskQueueOptions): TaskQueue {
  const { backend, redisUrl, logger, shutdownTimeoutMs, observer, tasks } = options;
  if (backend === "memory") return new MemoryTaskQueue({ shutdownTimeoutMs, logger, observer, tasks });
  if (redisUrl === undefined) throw new Error('the "bullmq" queue backend needs a Redis URL');
  const { prefix, stalledIntervalMs, lockDurationMs } = options;
  return new BullmqTaskQueue({
    redisUrl,
    prefix,
    shutdownTimeoutMs,
    stalledIntervalMs,
    lockDurationMs,
    logger,
    observer,
    tasks,
  });
}
