import type { FlagSnapshot } from "../flags/evaluate.js";

/** A bot as events carry it: plain JSON, decimals as strings. */
export interface BotSnapshot {
  id: string;
  name: string;
  ownerId: string;
  exchange: string;
  symbol: string;
  strategy: string;
  config: Record<string, unknown>;
  status: string;
  createdAt: string;
  updatedAt: string;
}

/** The data of each domain event type. */
export interface EventDataMap {
  "bot.created": { bot: BotSnapshot };
  "bot.updated": { bot: BotSnapshot; changed: string[] };
  "bot.status_changed": { bot: BotSnapshot; from: string; to: string; reason: string | null };
  "bot.deleted": { bot: BotSnapshot };
  "order.updated": { order: Record<string, unknown> };
  "order.rejected": { order: Record<string, unknown>; reason: string };
  "trade.executed": { trade: Record<string, unknown> };
  "webhook.test": { endpointId: string; message: string };
  "webhook.endpoint_disabled": { endpointId: string; reason: string };
  /** A flag created (before null), changed, or deleted (after null); actor: the admin's id, or "config". */
  "flag.updated": { key: string; before: FlagSnapshot | null; after: FlagSnapshot | null; actor: string };
}

/** Every domain event type. */
export type EventType = keyof EventDataMap;

/** The envelope every event travels in, from the outbox to the bus, queues and webhooks. */
export interface DomainEvent<T extends EventType = EventType> {
  /** Unique and time-ordered (UUIDv7): consumers deduplicate by it. */
  id: string;
  type: T;
  /** ISO 8601, UTC. */
  occurredAt: string;
  /** Whose it is; subscribers see only their own events (admins see all). Null for system events. */
  ownerId: string | null;
  data: EventDataMap[T];
  /** The request that caused it, for log correlation. */
  requestId?: string;
}

/** Every event type in a stable order. */
export const EVENT_TYPES: readonly EventType[] = [
  "bot.created",
  "bot.updated",
  "bot.status_changed",
  "bot.deleted",
  "order.updated",
  "order.rejected",
  "trade.executed",
  "webhook.test",
  "webhook.endpoint_disabled",
  "flag.updated",
];

/**
 * Carries published events to every process. In-process on embedded defaults; Redis pub/sub when
 * REDIS_URL is set, so separate gateway and subgraph processes see every event.
 */
export interface EventBus {
  /** Sends an event to every subscriber of every process; resolves once handed to the transport. */
  publish(event: DomainEvent): Promise<void>;
  /** Calls `listener` for each event published after this call; returns the unsubscribe function. */
  subscribe(listener: (event: DomainEvent) => void): () => void;
  close(): Promise<void>;
}
