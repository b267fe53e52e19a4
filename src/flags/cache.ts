import type { DomainEvent, EventBus } from "../events/types.js";
import type { Logger } from "../observability/logger.js";
import { compileFlag, evaluateFlag, type CompiledFlag, type FlagEvaluation, type FlagSnapshot } from "./evaluate.js";

/** Options of {@link createFlagCache}. */
export interface FlagCacheOptions {
  /** Carries `flag.updated` events from every process. */
  bus: EventBus;
  /** Reads every flag as stored now (the flags subgraph's public reader); retried until it succeeds. */
  loadSnapshot: () => Promise<FlagSnapshot[]>;
  logger: Logger;
}

/** Every flag of the flags subgraph, in memory, kept current by `flag.updated` events. */
export interface FlagCache {
  /** Resolves once the snapshot is loaded; a failed load is retried by the next call. */
  ready(): Promise<void>;
  /** Evaluates from memory, without I/O (call {@link ready} once first). */
  evaluate(key: string, targetingKey: string | null | undefined): FlagEvaluation;
  /** Stops listening to the bus. */
  close(): void;
}

/**
 * A flag cache: subscribes to the bus first, then loads a snapshot, so no change is missed between
 * the two. Each flag keeps its newest version by `updatedAt`, and a deletion is kept as a tombstone
 * with its time, so an event and the snapshot may arrive in any order and the newest state wins.
 */
export function createFlagCache(options: FlagCacheOptions): FlagCache {
  const flags = new Map<string, CompiledFlag>();
  const deletedAt = new Map<string, string>();

  const apply = (key: string, flag: FlagSnapshot | null, at: string): void => {
    const current = flags.get(key)?.updatedAt ?? deletedAt.get(key);
    if (current !== undefined && Date.parse(current) > Date.parse(at)) return;
    if (flag === null) {
      flags.delete(key);
      deletedAt.set(key, at);
    } else {
      flags.set(key, compileFlag(flag));
      deletedAt.delete(key);
    }
  };

  const unsubscribe = options.bus.subscribe((event: DomainEvent) => {
    if (event.type !== "flag.updated") return;
    const { key, after } = event.data;
    apply(key, after, after?.updatedAt ?? event.occurredAt);
  });

  let loading: Promise<void> | undefined;
  return {
    ready() {
      loading ??= options.loadSnapshot().then(
        (snapshot) => {
          for (const flag of snapshot) apply(flag.key, flag, flag.updatedAt);
          options.logger.debug({ flags: snapshot.length }, "flag cache loaded");
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    evaluate: (key, targetingKey) => evaluateFlag(key, flags.get(key), targetingKey),
    close: unsubscribe,
  };
}
