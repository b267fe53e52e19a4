import type { Logger } from "../observability/logger.js";
import { EventListeners, parseEvent, serializeEvent } from "./listeners.js";
import type { DomainEvent, EventBus } from "./types.js";

/** Options for {@link createMemoryEventBus}. */
export interface MemoryEventBusOptions {
  /** Where failing listeners are reported. */
  logger: Logger;
}

/**
 * The in-process bus of the embedded default. Listeners run after `publish` returns, on a later turn
 * of the event loop, and receive the event's JSON round trip, as they would through Redis.
 */
export function createMemoryEventBus(options: MemoryEventBusOptions): EventBus {
  const listeners = new EventListeners(options.logger);
  let closed = false;
  return {
    // A throw in the executor (closed, or an event that is not JSON) becomes the rejection.
    publish: (event: DomainEvent) =>
      new Promise<void>((resolve) => {
        if (closed) throw new Error("the event bus is closed");
        const copy = parseEvent(serializeEvent(event));
        const targets = listeners.snapshot();
        setImmediate(() => listeners.deliver(copy, targets));
        resolve();
      }),
    subscribe: (listener) => listeners.add(listener),
    close(): Promise<void> {
      closed = true;
      listeners.clear();
      return Promise.resolve();
    },
  };
}
