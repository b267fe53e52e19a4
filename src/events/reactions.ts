import type { BulkJob, TaskQueue } from "../queue/types.js";
import type { DomainEvent, EventType } from "./types.js";

/** The jobs one published event starts. */
export type EventReaction<T extends EventType> = (event: DomainEvent<T>) => readonly BulkJob[];

/**
 * What a subgraph starts when an event is published, by event type. Job ids derive from the event
 * (or what it carries), so an event relayed twice starts each job once.
 */
export type EventReactions = { readonly [T in EventType]?: EventReaction<T> };

/** How the jobs events start are retried: 5 attempts, exponential backoff from 1 s. */
export const EVENT_JOB_RETRIES = {
  attempts: 5,
  backoff: { type: "exponential", delayMs: 1000, jitter: 0.2 },
} as const;

/** The same reaction to each event of `types`. */
export function reactionsTo<T extends EventType>(types: readonly T[], reaction: EventReaction<T>): EventReactions {
  return Object.fromEntries(types.map((type) => [type, reaction]));
}

/**
 * The reactions of every subgraph, gathered by the composition root: the relay of whichever process
 * publishes an event enqueues the jobs of every subgraph that reacts to it, running here or not.
 */
export class EventConsumers {
  private readonly byType = new Map<EventType, EventReaction<EventType>[]>();

  constructor(declared: readonly (EventReactions | undefined)[]) {
    for (const reactions of declared) {
      for (const [type, reaction] of Object.entries(reactions ?? {}) as [EventType, EventReaction<EventType>][]) {
        this.byType.set(type, [...(this.byType.get(type) ?? []), reaction]);
      }
    }
  }

  /** The jobs `event` starts, in the order the subgraphs were gathered. */
  jobsFor(event: DomainEvent): BulkJob[] {
    return (this.byType.get(event.type) ?? []).flatMap((reaction) => reaction(event));
  }

  /** Enqueues the jobs `event` starts in one bulk add: with BullMQ one round trip for all of them. */
  async enqueue(queue: TaskQueue, event: DomainEvent): Promise<void> {
    const jobs = this.jobsFor(event);
    if (jobs.length > 0) await queue.enqueueMany(jobs);
  }
}
