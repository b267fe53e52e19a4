import { z } from "zod";
import { domainEventSchema } from "../../src/events/schema.js";
import type { TaskTable } from "../../src/queue/tasks.js";
import { WEBHOOK_EVENT_TYPES } from "./event-types.js";

/** An event as the fan-out receives it and a delivery sends it: its envelope, its data as JSON. */
const webhookEvent = domainEventSchema(WEBHOOK_EVENT_TYPES);

/** An event webhook endpoints may receive, as deliveries store and send it. */
export type WebhookEvent = z.infer<typeof webhookEvent>;

/** The webhooks subgraph's tasks: the fan-out of an event and each delivery attempt. */
export const webhooksTasks = {
  /** One attempt of one webhook delivery (job id: deliver-<delivery id>-<attempt number>). */
  "webhooks.deliver": { queue: "webhooks", payload: z.object({ deliveryId: z.string().min(1) }).strict() },
  /** Fans one domain event out to the webhook endpoints subscribed to its type (job id: fanout-<event id>). */
  "webhooks.fanout": {
    queue: "webhooks",
    payload: z.object({ event: webhookEvent }).strict(),
  },
} as const satisfies TaskTable;

declare module "../../src/queue/tasks.js" {
  interface TaskRegistry {
    "webhooks.deliver": (typeof webhooksTasks)["webhooks.deliver"];
    "webhooks.fanout": (typeof webhooksTasks)["webhooks.fanout"];
  }
}
