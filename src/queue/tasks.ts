import { z } from "zod";

/**
 * Every task, in one place: the queue it runs on and the schema of its payload. A payload is
 * validated when it is enqueued; a bad one is refused and nothing is enqueued.
 */
export const TASKS = {
  /** An operator's no-op, to check that a queue moves. */
  "maintenance.noop": { queue: "jobs", payload: z.object({}).strict() },
  /** An operator's echo: completes with its message as the result. */
  "maintenance.echo": { queue: "jobs", payload: z.object({ message: z.string().max(1000) }).strict() },
  /** Fans one domain event out to the webhook endpoints subscribed to its type. */
  "webhooks.fanout": { queue: "webhooks", payload: z.object({ eventId: z.string().min(1) }).strict() },
} as const;

/** Every queue name, in a stable order. */
export const QUEUE_NAMES: readonly string[] = [...new Set(Object.values(TASKS).map((task) => task.queue))];
