import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  DefaultLogger,
  MikroORM,
  type EntityClass,
  type EntitySchema,
  type LogContext,
  type LoggerOptions,
  type MigrationObject,
} from "@mikro-orm/core";
import { BetterSqliteDriver } from "@mikro-orm/better-sqlite";
import { PostgreSqlDriver } from "@mikro-orm/postgresql";
import type { AbstractSqlDriver, SqlEntityManager } from "@mikro-orm/knex";
import { Migrator } from "@mikro-orm/migrations";
import type { AppConfig } from "../config/index.js";
import type { Logger } from "../observability/logger.js";

/** One subgraph's database handle. */
export type Database = MikroORM<AbstractSqlDriver>;
/** The entity manager of a subgraph (request-scoped forks of it reach resolvers). */
export type EntityManager = SqlEntityManager;

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** The owning subgraph; names its migrations table and, on SQLite, its file. */
  name: string;
  /** Its entities: decorated classes or schemas (such as its outbox). */
  entities: (EntityClass<object> | EntitySchema)[];
  /** Committed migrations, applied in order at start. */
  migrations: MigrationObject[];
  /** Apply pending migrations; false for a reader of another subgraph's tables. @default true */
  migrate?: boolean;
  /**
   * MikroORM's context name. Each database needs its own: MikroORM finds an active transaction's
   * entity manager by this name, and with a shared one a job started inside one subgraph's
   * transaction would query another subgraph's database. @default name
   */
  contextName?: string;
  config: AppConfig;
  logger: Logger;
}

/**
 * Opens a subgraph's database and applies its pending migrations. SQLite (the embedded default) keeps
 * one file per subgraph under `dataDir`; with `database.url` every subgraph shares one PostgreSQL
 * database, each with its own tables and migrations table.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { name, config } = options;
  const url = config.database.url;
  const common = {
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      tableName: `mikro_orm_migrations_${name}`,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    contextName: options.contextName ?? name,
    forceUtcTimezone: true,
    logger: (message: string) => options.logger.debug({ subgraph: name }, message),
    // Each statement is a debug line, so it costs nothing unless the level asks for it.
    debug: options.logger.isLevelEnabled("debug") ? ["query" as const] : false,
    loggerFactory: (loggerOptions: LoggerOptions) => new StatementLogger(loggerOptions, options.logger, name),
  };
  let orm: Database;
  if (url === undefined) {
    mkdirSync(config.dataDir, { recursive: true });
    orm = await MikroORM.init<AbstractSqlDriver>({
      ...common,
      driver: BetterSqliteDriver,
      dbName: join(config.dataDir, `${name}.sqlite3`),
      pool: { afterCreate: sqlitePragmas(config.database.sqliteSynchronous) },
    });
  } else {
    orm = await MikroORM.init<AbstractSqlDriver>({
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: url,
      pool: { min: 0, max: config.database.poolSize + config.database.maxOverflow },
    });
  }
  if (options.migrate ?? true) await orm.getMigrator().up();
  return orm;
}

/** MikroORM's logger, but each SQL statement is a pino debug line `{ subgraph, requestId, sql, tookMs }` "sql". */
class StatementLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly logger: Logger,
    private readonly subgraph: string,
  ) {
    super(options);
  }

  override logQuery(context: LogContext): void {
    if (!this.isEnabled("query", context)) return;
    this.logger.debug(
      {
        subgraph: this.subgraph,
        requestId: (context as { requestId?: unknown }).requestId,
        sql: context.query,
        tookMs: context.took,
        ...(context.level === "error" ? { failed: true } : {}),
      },
      "sql",
    );
  }
}

interface SqliteConnection {
  pragma(source: string): unknown;
}

/**
 * WAL lets readers run beside the writer; the busy timeout rides out short write locks. With WAL,
 * `synchronous = NORMAL` syncs at checkpoints instead of on every commit: a crash of the process
 * loses nothing and the database stays consistent, but a power loss may undo the last commits. FULL's
 * fsync per commit blocked the event loop ~3.6 ms each (better-sqlite3 is synchronous), several times
 * per order.
 */
function sqlitePragmas(synchronous: "NORMAL" | "FULL") {
  return (connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void): void => {
    connection.pragma("journal_mode = WAL");
    connection.pragma(`synchronous = ${synchronous}`);
    connection.pragma("busy_timeout = 5000");
    connection.pragma("foreign_keys = ON");
    done(null, connection);
  };
}

/** Round-trip time of a trivial query, in milliseconds; throws when the database does not answer. */
export async function pingDatabase(orm: Database): Promise<number> {
  const started = performance.now();
  await orm.em.getConnection().execute("select 1");
  return performance.now() - started;
}
