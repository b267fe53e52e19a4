import { Redis } from "ioredis";
import type { Logger } from "../observability/logger.js";
import { EventListeners, parseEvent, serializeEvent } from "./listeners.js";
import type { DomainEvent, EventBus } from "./types.js";

/** Options for {@link createRedisEventBus}. */
export interface RedisEventBusOptions {
  /** `redis://…` */
  url: string;
  /** Namespaces the channel, `<prefix>:events`; processes with the same prefix share events. */
  prefix: string;
  logger: Logger;
}

/**
 * The bus over Redis pub/sub: one connection publishes, one listens on `<prefix>:events`, events
 * travel as JSON. Resolves once both connections are up and the channel is subscribed, so every event
 * published anywhere afterwards reaches this process; rejects (and disconnects) when Redis cannot be
 * reached. Pub/sub is at most once: an event published while a connection is down is not replayed.
 */
export async function createRedisEventBus(options: RedisEventBusOptions): Promise<EventBus> {
  const { logger } = options;
  const channel = `${options.prefix}:events`;
  const publisher = new Redis(options.url, { lazyConnect: true });
  const subscriber = new Redis(options.url, { lazyConnect: true });
  let lastError: Error | undefined;
  for (const [role, connection] of [
    ["publisher", publisher],
    ["subscriber", subscriber],
  ] as const) {
    connection.on("error", (error: Error) => {
      lastError = error;
      logger.warn({ err: error, role, channel }, "event bus: Redis error");
    });
  }
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(channel);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    // ioredis rejects with "Connection is closed."; the error event before it says why.
    const reason = lastError ?? (error as Error);
    throw new Error(`event bus: cannot subscribe to ${channel}: ${reason.message}`, { cause: error });
  }

  const listeners = new EventListeners(logger);
  subscriber.on("message", (_channel: string, message: string) => {
    let event: DomainEvent;
    try {
      event = parseEvent(message);
    } catch (error) {
      logger.warn({ err: error, channel }, "event bus: dropped a message that is not an event");
      return;
    }
    listeners.deliver(event);
  });

  let closing: Promise<void> | undefined;
  return {
    async publish(event: DomainEvent): Promise<void> {
      if (closing !== undefined) throw new Error("the event bus is closed");
      await publisher.publish(channel, serializeEvent(event));
    },
    subscribe: (listener) => listeners.add(listener),
    close(): Promise<void> {
      closing ??= (async () => {
        listeners.clear();
        await Promise.all([publisher.quit(), subscriber.quit()]);
      })();
      return closing;
    },
  };
}
