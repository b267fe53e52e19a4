import type { EventType } from "../../src/events/types.js";

/** The domain events an endpoint may subscribe to (API.md, webhooks); `*` means all of them. */
export const WEBHOOK_EVENT_TYPES = [
  "bot.created",
  "bot.updated",
  "bot.status_changed",
  "bot.deleted",
  "order.rejected",
  "trade.executed",
  "webhook.test",
] as const satisfies readonly EventType[];

/** The wildcard subscription. */
export const ALL_EVENTS = "*";
