/** Every event type an endpoint may subscribe to (API.md, webhooks); `*` means all. */
export const EVENT_TYPES = [
  "bot.created",
  "bot.updated",
  "bot.status_changed",
  "bot.deleted",
  "order.rejected",
  "trade.executed",
  "webhook.test",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The wildcard subscription. */
export const ALL_EVENTS = "*";
