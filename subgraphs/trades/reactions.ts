import { EVENT_JOB_RETRIES, type EventReactions } from "../../src/events/reactions.js";
import type { DomainEvent } from "../../src/events/types.js";
import type { BulkJob } from "../../src/queue/types.js";
import { DCA_CLIENT_ORDER_PREFIX } from "./dca.js";
import { OrderStatus } from "./order.entity.js";

/** A bot's change that may start or stop its DCA schedule: the schedule is brought in line (job id: dcasync-<event id>). */
function dcaSync(event: DomainEvent<"bot.status_changed" | "bot.updated" | "bot.deleted">): BulkJob {
  return {
    task: "orders.dcaSync",
    payload: { botId: event.data.bot.id },
    options: { jobId: `dcasync-${event.id}`, ...EVENT_JOB_RETRIES },
  };
}

/** What the trades subgraph starts when an event is published. */
export const tradesReactions: EventReactions = {
  // A status change or deletion matters to DCA bots only; an update may have changed the strategy.
  "bot.status_changed": (event) => (event.data.bot.strategy === "dca" ? [dcaSync(event)] : []),
  "bot.deleted": (event) => (event.data.bot.strategy === "dca" ? [dcaSync(event)] : []),
  "bot.updated": (event) => [dcaSync(event)],
  // A PENDING order is filled on the paper exchange (job id: the order id).
  "order.updated": ({ data: { order } }) =>
    order.status === OrderStatus.PENDING
      ? [{ task: "orders.fill", payload: { orderId: order.id }, options: { jobId: order.id, ...EVENT_JOB_RETRIES } }]
      : [],
  // A DCA run's own order that is rejected stops the run: the bot is set to ERROR (job id: fail-<event id>).
  "order.rejected": ({ id, data: { order, reason } }) =>
    order.clientOrderId?.startsWith(DCA_CLIENT_ORDER_PREFIX)
      ? [
          {
            task: "bots.fail",
            payload: { botId: order.botId, reason: `DCA order rejected: ${reason}` },
            options: { jobId: `fail-${id}`, ...EVENT_JOB_RETRIES },
          },
        ]
      : [],
};
