import type { EventType } from "../../src/events/types.js";

/** The events webhook endpoints may subscribe to (API.md, webhooks); only these are fanned out. */
export const WEBHOOK_EVENT_TYPES = [
  "bot.created",
  "bot.updated",
  "bot.status_changed",
  "bot.deleted",
  "order.rejected",
  "trade.executed",
  "webhook.test",
  "webhook.endpoint_disabled",
] as const satisfies readonly EventType[];

/** The wildcard subscription: every type of {@link WEBHOOK_EVENT_TYPES}. */
export const ALL_EVENTS = "*";
