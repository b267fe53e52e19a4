/**
 * The data of each domain event type. Empty here: the subgraph that emits an event declares its type
 * and payload by module augmentation in its `events.ts` (with the one encoder and decoder of that
 * payload), so `src/` names no event while the bus, outbox, queue and subscriptions stay typed.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by module augmentation
export interface EventDataMap {}

/** Every domain event type. */
export type EventType = keyof EventDataMap;

/** The envelope of one event of type `T`. */
export interface EventEnvelope<T extends EventType> {
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

/**
 * The envelope every event travels in, from the outbox to the bus, queues and webhooks: a union by
 * type, so that testing `type` narrows `data`.
 */
export type DomainEvent<T extends EventType = EventType> = { [K in T]: EventEnvelope<K> }[T];

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
