import type { AppConfig } from "../../src/config/index.js";
import { openDatabase } from "../../src/db/orm.js";
import type { EventBus } from "../../src/events/types.js";
import { createFlagCache, type FlagCache } from "../../src/flags/cache.js";
import type { Logger } from "../../src/observability/logger.js";
import { FeatureFlag } from "./feature-flag.entity.js";
import { snapshotOf } from "./feature-flag.service.js";

/** A flag cache for another subgraph, with what it opened (ARCHITECTURE.md: public.ts). */
export interface FlagCacheHandle {
  flags: FlagCache;
  close(): Promise<void>;
}

/**
 * Opens an in-process flag cache: its snapshot is read (read-only) from the flags subgraph's tables —
 * its SQLite file, or the shared PostgreSQL database — and `flag.updated` events from the bus keep it
 * current, so checking a flag costs no network call and no query.
 */
export async function openFlagCache(config: AppConfig, bus: EventBus, logger: Logger): Promise<FlagCacheHandle> {
  const orm = await openDatabase({
    name: "flags",
    contextName: "flags-reader",
    entities: [FeatureFlag],
    migrations: [],
    migrate: false,
    config,
    logger,
  });
  const flags = createFlagCache({
    bus,
    logger,
    loadSnapshot: async () => (await orm.em.fork().find(FeatureFlag, {})).map(snapshotOf),
  });
  return {
    flags,
    async close() {
      flags.close();
      await orm.close(true);
    },
  };
}
