import type { Logger } from "../observability/logger.js";
import type { DomainEvent } from "./types.js";

/** What `EventBus.subscribe` takes. */
export type DomainEventListener = (event: DomainEvent) => void;

/** Events cross process boundaries as JSON; every bus encodes and decodes them here. */
export function serializeEvent(event: DomainEvent): string {
  return JSON.stringify(event);
}

/** The inverse of {@link serializeEvent}; throws on text that is not an event envelope. */
export function parseEvent(text: string): DomainEvent {
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null || !("id" in value) || !("type" in value)) {
    throw new TypeError("not an event envelope");
  }
  return value as DomainEvent;
}

/** The listeners of one bus: a listener that throws (or rejects) is logged, and the others still run. */
export class EventListeners {
  private readonly entries = new Set<DomainEventListener>();

  constructor(private readonly logger: Logger) {}

  /** Adds a listener; returns the function that removes it (a function added twice is called twice). */
  add(listener: DomainEventListener): () => void {
    const entry: DomainEventListener = (event) => listener(event);
    this.entries.add(entry);
    return () => void this.entries.delete(entry);
  }

  /** The listeners registered now, to deliver to later. */
  snapshot(): DomainEventListener[] {
    return [...this.entries];
  }

  /** Calls each of `targets` (default: every listener) that is still registered. */
  deliver(event: DomainEvent, targets: readonly DomainEventListener[] = this.snapshot()): void {
    for (const listener of targets) {
      if (!this.entries.has(listener)) continue;
      try {
        // A listener typed as returning void may still be async; its rejection must not go unhandled.
        const result: unknown = listener(event);
        if (result instanceof Promise) result.catch((error: unknown) => this.failed(event, error));
      } catch (error) {
        this.failed(event, error);
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.entries.clear();
  }

  private failed(event: DomainEvent, error: unknown): void {
    this.logger.error({ err: error, eventId: event.id, eventType: event.type }, "event listener failed");
  }
}
