import type { FlagSnapshot } from "./evaluate.js";

declare module "../events/types.js" {
  interface EventDataMap {
    /** A flag created (before null), changed, or deleted (after null); actor: the admin's id, or "config". */
    "flag.updated": { key: string; before: FlagSnapshot | null; after: FlagSnapshot | null; actor: string };
  }
}
