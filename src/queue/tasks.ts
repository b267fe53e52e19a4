import { z } from "zod";
import { EVENT_TYPES, type EventType } from "../events/types.js";

/** A domain event as a job carries it. */
const domainEvent = z.object({
  id: z.string().min(1),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  occurredAt: z.string(),
  ownerId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  requestId: z.string().optional(),
});

/**
 * Every task, in one place: the queue it runs on and the schema of its payload. A payload is
 * validated when it is enqueued; a bad one is refused and nothing is enqueued.
 */
export const TASKS = {
  /** An operator's no-op, to check that a queue moves. */
  "maintenance.noop": { queue: "jobs", payload: z.object({}).strict() },
  /** An operator's echo: completes with its message as the result. */
  "maintenance.echo": { queue: "jobs", payload: z.object({ message: z.string().max(1000) }).strict() },
  /** The system sets a bot to ERROR with a reason, e.g. when its strategy's order was rejected. */
  "bots.fail": {
    queue: "bots",
    payload: z.object({ botId: z.string().min(1), reason: z.string().min(1).max(500) }).strict(),
  },
  /** Brings a DCA bot's schedule in line with its state: scheduled while RUNNING, else not. */
  "orders.dcaSync": { queue: "orders", payload: z.object({ botId: z.string().min(1) }).strict() },
  /** One DCA buy of a RUNNING bot, through the same path as submitOrder (made by the bot's scheduler). */
  "orders.dcaTick": { queue: "orders", payload: z.object({ botId: z.string().min(1) }).strict() },
  /** Fills one PENDING order on the paper exchange (job id: the order id). */
  "orders.fill": { queue: "orders", payload: z.object({ orderId: z.string().min(1) }).strict() },
  /** One attempt of one webhook delivery (job id: deliver-<delivery id>-<attempt number>). */
  "webhooks.deliver": { queue: "webhooks", payload: z.object({ deliveryId: z.string().min(1) }).strict() },
  /** Fans one domain event out to the webhook endpoints subscribed to its type (job id: fanout-<event id>). */
  "webhooks.fanout": { queue: "webhooks", payload: z.object({ event: domainEvent }).strict() },
} as const;

/** Every queue name, in a stable order. */
export const QUEUE_NAMES: readonly string[] = [...new Set(Object.values(TASKS).map((task) => task.queue))];
