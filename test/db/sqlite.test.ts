// The embedded SQLite databases: WAL, and how often a commit waits for the disk (database.sqliteSynchronous).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import { openDatabase, type Database } from "../../src/db/orm.js";
import { createLogger } from "../../src/observability/logger.js";

const logger = createLogger({ level: "silent" });
const dirs: string[] = [];
const opened: Database[] = [];

afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Opens an empty subgraph database with `env` and returns its journal mode and synchronous level. */
async function pragmasWith(env: Record<string, string>): Promise<{ journalMode: string; synchronous: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), "sqlite-test-"));
  dirs.push(dataDir);
  const config = loadConfig({ env: { DATA_DIR: dataDir, LOG_LEVEL: "silent", ...env } });
  const database = await openDatabase({ name: "test", entities: [], migrations: [], config, logger });
  opened.push(database);
  const connection = database.em.getConnection();
  const [journal] = await connection.execute<{ journal_mode: string }[]>("pragma journal_mode");
  const [sync] = await connection.execute<{ synchronous: number }[]>("pragma synchronous");
  return { journalMode: journal?.journal_mode ?? "", synchronous: sync?.synchronous ?? -1 };
}

describe("SQLite databases", () => {
  it("use WAL without an fsync per commit by default (synchronous NORMAL)", async () => {
    expect(await pragmasWith({})).toEqual({ journalMode: "wal", synchronous: 1 });
  });

  it("sync every commit with SQLITE_SYNCHRONOUS=FULL", async () => {
    expect(await pragmasWith({ SQLITE_SYNCHRONOUS: "FULL" })).toEqual({ journalMode: "wal", synchronous: 2 });
  });

  it("refuse another level, naming the setting and the variable", () => {
    expect(() => loadConfig({ env: { SQLITE_SYNCHRONOUS: "OFF" } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { SQLITE_SYNCHRONOUS: "OFF" } })).toThrow(
      'database.sqliteSynchronous: expected one of NORMAL, FULL, got "OFF" (from SQLITE_SYNCHRONOUS)',
    );
  });
});
