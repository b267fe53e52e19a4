import type { BulkJob, TaskQueue } from "../queue/types.js";
import { WEBHOOK_EVENT_TYPES, type DomainEvent } from "./types.js";

/**
 * The queues that consume events: for each published event, the jobs it starts. Job ids derive from
 * the event (or the order it carries), so an event relayed twice starts each job once. One bulk add:
 * with BullMQ one round trip for all of them, where an enqueue with an id also reads the job back.
 */
export async function enqueueConsumers(queue: TaskQueue, event: DomainEvent): Promise<void> {
  const jobs: BulkJob[] = [];
  const retrying = { attempts: 5, backoff: { type: "exponential", delayMs: 1000, jitter: 0.2 } } as const;
  if (event.type === "bot.status_changed" || event.type === "bot.updated" || event.type === "bot.deleted") {
    const bot = (event as DomainEvent<"bot.status_changed">).data.bot;
    if (bot.strategy === "dca" || event.type === "bot.updated") {
      jobs.push({
        task: "orders.dcaSync",
        payload: { botId: bot.id },
        options: { jobId: `dcasync-${event.id}`, ...retrying },
      });
    }
  }
  if (event.type === "order.rejected") {
    const { order, reason } = (event as DomainEvent<"order.rejected">).data;
    // A strategy's own order (DCA runs use "dca-…" client order ids) that fails stops the strategy.
    if (
      typeof order["clientOrderId"] === "string" &&
      order["clientOrderId"].startsWith("dca-") &&
      typeof order["botId"] === "string"
    ) {
      jobs.push({
        task: "bots.fail",
        payload: { botId: order["botId"], reason: `DCA order rejected: ${reason}` },
        options: { jobId: `fail-${event.id}`, ...retrying },
      });
    }
  }
  if (event.type === "order.updated") {
    const order = (event as DomainEvent<"order.updated">).data.order;
    if (order["status"] === "PENDING" && typeof order["id"] === "string") {
      jobs.push({
        task: "orders.fill",
        payload: { orderId: order["id"] },
        options: { jobId: order["id"], ...retrying },
      });
    }
  }
  // Only events an endpoint may subscribe to are fanned out: an order's own updates start no job.
  if ((WEBHOOK_EVENT_TYPES as readonly string[]).includes(event.type)) {
    jobs.push({
      task: "webhooks.fanout",
      payload: { event: { ...event, data: { ...event.data } } },
      options: { jobId: `fanout-${event.id}`, ...retrying },
    });
  }
  if (jobs.length > 0) await queue.enqueueMany(jobs);
}
