import type { Logger } from "../observability/logger.js";
import { createMemoryEventBus } from "./memory-bus.js";
import { createRedisEventBus } from "./redis-bus.js";
import type { EventBus } from "./types.js";

export * from "./types.js";
export { createMemoryEventBus, type MemoryEventBusOptions } from "./memory-bus.js";
export { createRedisEventBus, type RedisEventBusOptions } from "./redis-bus.js";
export { type DomainEventListener } from "./listeners.js";
export * from "./outbox.js";
export * from "./relay.js";

/** Options for {@link createEventBus}. */
export interface CreateEventBusOptions {
  /** Redis for the bus; without it events stay in this process. */
  redisUrl?: string;
  /** The Redis channel prefix (`<prefix>:events`); unused in process. */
  prefix: string;
  logger: Logger;
}

/** The process's bus: Redis pub/sub when `redisUrl` is set, else in process. */
export async function createEventBus(options: CreateEventBusOptions): Promise<EventBus> {
  const { redisUrl, prefix, logger } = options;
  return redisUrl === undefined
    ? createMemoryEventBus({ logger })
    : createRedisEventBus({ url: redisUrl, prefix, logger });
}
