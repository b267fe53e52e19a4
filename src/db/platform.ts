import type { Platform } from "@mikro-orm/core";
import { BaseSqlitePlatform } from "@mikro-orm/knex";

/** True on SQLite (the embedded default): no row locks, one writer at a time, no NUMERIC precision. */
export function isSqlite(platform: Platform): boolean {
  return platform instanceof BaseSqlitePlatform;
}
