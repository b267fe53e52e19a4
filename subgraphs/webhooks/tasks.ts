import { z } from "zod";
import { domainEventSchema } from "../../src/events/schema.js";
import { EVENT_TYPES, type EventType } from "../../src/events/types.js";
import type { TaskTable } from "../../src/queue/tasks.js";

/** The webhooks subgraph's tasks: the fan-out of an event and each delivery attempt. */
export const webhooksTasks = {
  /** One attempt of one webhook delivery (job id: deliver-<delivery id>-<attempt number>). */
  "webhooks.deliver": { queue: "webhooks", payload: z.object({ deliveryId: z.string().min(1) }).strict() },
  /** Fans one domain event out to the webhook endpoints subscribed to its type (job id: fanout-<event id>). */
  "webhooks.fanout": {
    queue: "webhooks",
    payload: z.object({ event: domainEventSchema(EVENT_TYPES as readonly [EventType, ...EventType[]]) }).strict(),
  },
} as const satisfies TaskTable;

declare module "../../src/queue/tasks.js" {
  interface TaskRegistry {
    "webhooks.deliver": (typeof webhooksTasks)["webhooks.deliver"];
    "webhooks.fanout": (typeof webhooksTasks)["webhooks.fanout"];
  }
}
