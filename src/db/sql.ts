import type { Logger } from "@mikro-orm/core";
import type { PoolClient, QueryResult } from "pg";
import type { EntityManager } from "./orm.js";
import { isSqlite } from "./platform.js";

/**
 * Statements on one connection: `?` placeholders, the same text on SQLite and PostgreSQL. A Date
 * parameter is written as MikroORM's DateTimeType writes it (epoch milliseconds on SQLite, timestamptz
 * on PostgreSQL); decimals go as strings, JSON as its text.
 */
export interface SqlSession {
  /** Every row the statement returns. */
  all<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** The first row, or undefined. */
  get<Row>(sql: string, params?: readonly unknown[]): Promise<Row | undefined>;
  /** Runs a statement that returns no rows; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

/** A statement and its parameters. */
export interface SqlStatement {
  sql: string;
  params: readonly unknown[];
}

/** A session inside a transaction. */
export interface SqlTransaction extends SqlSession {
  /**
   * Runs independent inserts, updates and deletes (none with `returning`, none touching the rows of
   * another), resolving with the rows each changed: one after the other on SQLite, on PostgreSQL as
   * one statement (each a data-modifying `with` query), so in one round trip.
   */
  runAll(statements: readonly SqlStatement[]): Promise<number[]>;
  /** After this transaction commits (not when it rolls back), every listener of `channel` is called once. */
  notifyOnCommit(channel: string): void;
  /** Rolls the transaction back instead of committing it when its work resolves. */
  setRollbackOnly(): void;
}

/**
 * Plain SQL on a subgraph's database, for the paths that run for every order or event: each statement
 * is prepared once per connection (better-sqlite3 statements, PostgreSQL named statements) instead of
 * built by the entity manager's query builder, compiled and hydrated on every call. Connections come
 * from MikroORM's own pool, so these statements and the entity manager's queue for the same connections
 * (on SQLite, its single connection serializes both).
 */
export interface Sql extends SqlSession {
  /**
   * One transaction that reads rows with `select`, lets `handle` act on them outside the database, then
   * runs the write `handle` returns (if any) and commits; rolled back when `handle` throws. On
   * PostgreSQL that is two round trips (`begin` with the read, the write with `commit`), the parameters
   * written into the text as literals: for a claim-and-stamp loop such as the outbox relay's.
   */
  claim<Row, T>(
    select: SqlStatement,
    handle: (rows: Row[]) => Promise<{ write?: SqlStatement; result: T }>,
  ): Promise<T>;
  /** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Calls `listener` after each commit that notified `channel`; returns a function that stops it. */
  listen(channel: string, listener: () => void): () => void;
  /**
   * ` for update` (of the tables aliased `of`, when given) on PostgreSQL; nothing on SQLite, which has no
   * row locks (one writer at a time).
   */
  forUpdate(...of: string[]): string;
}

/** A date column's value as a driver returns it: epoch ms (SQLite), text or Date (PostgreSQL). */
export function readDate(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A JSON column's value: text on SQLite, parsed already on PostgreSQL (jsonb). */
export function readJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/** What is used of a better-sqlite3 connection (the package ships no types). */
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}
interface SqliteStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
}

interface KnexPool<Connection> {
  acquireConnection(): Promise<Connection>;
  releaseConnection(connection: Connection): Promise<void>;
}

const instances = new WeakMap<object, Sql>();

/** The plain-SQL access of the database `em` (any of its entity managers) is on; one per database, so listeners see every commit. */
export function plainSql(em: EntityManager): Sql {
  const connection = em.getConnection();
  let sql = instances.get(connection);
  if (sql === undefined) {
    sql = isSqlite(em.getPlatform()) ? new SqliteSql(em) : new PostgresSql(em);
    instances.set(connection, sql);
  }
  return sql;
}

abstract class BaseSql<Connection> implements Sql {
  abstract forUpdate(...of: string[]): string;
  private readonly listeners = new Map<string, Set<() => void>>();
  protected readonly pool: KnexPool<Connection>;
  /** MikroORM's logger of the database: each statement is a debug line there too, when it logs queries. */
  protected readonly logger: Logger | undefined;

  constructor(em: EntityManager) {
    this.pool = em.getConnection().getKnex().client as KnexPool<Connection>;
    const logger = em.config.getLogger();
    this.logger = logger.isEnabled("query") ? logger : undefined;
  }

  protected abstract session(connection: Connection): Session;

  all<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.withConnection((session) => session.all<Row>(sql, params));
  }

  get<Row>(sql: string, params?: readonly unknown[]): Promise<Row | undefined> {
    return this.withConnection((session) => session.get<Row>(sql, params));
  }

  run(sql: string, params?: readonly unknown[]): Promise<number> {
    return this.withConnection((session) => session.run(sql, params));
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const channels = new Set<string>();
    let rollbackOnly = false;
    const result = await this.withConnection(async (session) => {
      await session.run("begin");
      try {
        const value = await work({
          ...bound(session),
          notifyOnCommit: (channel) => channels.add(channel),
          setRollbackOnly: () => (rollbackOnly = true),
        });
        await session.run(rollbackOnly ? "rollback" : "commit");
        return value;
      } catch (error) {
        await session.run("rollback");
        throw error;
      }
    });
    if (!rollbackOnly)
      for (const channel of channels) for (const listener of this.listeners.get(channel) ?? []) listener();
    return result;
  }

  claim<Row, T>(
    select: SqlStatement,
    handle: (rows: Row[]) => Promise<{ write?: SqlStatement; result: T }>,
  ): Promise<T> {
    return this.transaction(async (tx) => {
      const { write, result } = await handle(await tx.all<Row>(select.sql, select.params));
      if (write !== undefined) await tx.run(write.sql, write.params);
      return result;
    });
  }

  listen(channel: string, listener: () => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  private async withConnection<T>(use: (session: Session) => Promise<T>): Promise<T> {
    const connection = await this.pool.acquireConnection();
    try {
      const session = this.session(connection);
      return await use(this.logger === undefined ? session : logged(session, this.logger));
    } finally {
      await this.pool.releaseConnection(connection);
    }
  }
}

/** What a connection runs: a transaction's statements, without its commit hooks. */
type Session = Omit<SqlTransaction, "notifyOnCommit" | "setRollbackOnly">;

/** A session's methods as plain functions (so a transaction object can spread them). */
function bound(session: Session): Session {
  return {
    all: (sql, params) => session.all(sql, params),
    get: (sql, params) => session.get(sql, params),
    run: (sql, params) => session.run(sql, params),
    runAll: (statements) => session.runAll(statements),
  };
}

/** `session`, each statement logged as MikroORM logs its own (SQL text and duration). */
function logged(session: Session, logger: Logger): Session {
  const timed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      logger.logQuery({ query: sql, took: Math.round(performance.now() - started), level: "info" });
    }
  };
  return {
    all: (sql, params) => timed(sql, () => session.all(sql, params)),
    get: (sql, params) => timed(sql, () => session.get(sql, params)),
    run: (sql, params) => timed(sql, () => session.run(sql, params)),
    runAll: async (statements) => {
      const started = performance.now();
      try {
        return await session.runAll(statements);
      } finally {
        // One line per statement, as the ORM logs them, each with the time of the whole round trip.
        const took = Math.round(performance.now() - started);
        for (const { sql } of statements) logger.logQuery({ query: sql, took, level: "info" });
      }
    },
  };
}

/** Booleans and dates as MikroORM stores them on SQLite (1/0, epoch milliseconds); the rest as it is. */
function sqliteValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  return value;
}

class SqliteSql extends BaseSql<SqliteDatabase> {
  forUpdate(): string {
    return "";
  }
  private readonly statements = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

  protected session(connection: SqliteDatabase): Session {
    const prepare = (sql: string): SqliteStatement => {
      let cache = this.statements.get(connection);
      if (cache === undefined) this.statements.set(connection, (cache = new Map<string, SqliteStatement>()));
      let statement = cache.get(sql);
      if (statement === undefined) cache.set(sql, (statement = connection.prepare(sql)));
      return statement;
    };
    const values = (params: readonly unknown[] | undefined): unknown[] => (params ?? []).map(sqliteValue);
    return {
      all: <Row>(sql: string, params?: readonly unknown[]) =>
        Promise.resolve(prepare(sql).all(...values(params)) as Row[]),
      get: <Row>(sql: string, params?: readonly unknown[]) =>
        Promise.resolve(prepare(sql).get(...values(params)) as Row | undefined),
      run: (sql: string, params?: readonly unknown[]) => Promise.resolve(prepare(sql).run(...values(params)).changes),
      runAll: (statements) =>
        Promise.resolve(statements.map(({ sql, params }) => prepare(sql).run(...values(params)).changes)),
    };
  }
}

/** `statement` with its `?` parameters written as PostgreSQL literals (strings escaped by the driver). */
function inline(connection: PoolClient, statement: SqlStatement): string {
  let index = 0;
  return statement.sql.replace(/\?/g, () => {
    const value = statement.params[index++];
    if (value === null || value === undefined) return "null";
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    if (typeof value === "boolean") return value ? "true" : "false";
    if (value instanceof Date) return connection.escapeLiteral(value.toISOString());
    if (typeof value === "string") return connection.escapeLiteral(value);
    throw new TypeError(`cannot write a ${typeof value} into SQL text as a literal`);
  });
}

class PostgresSql extends BaseSql<PoolClient> {
  forUpdate(...of: string[]): string {
    return of.length === 0 ? " for update" : ` for update of ${of.join(", ")}`;
  }
  /** Statement names by text: PostgreSQL keeps a named statement parsed and planned per connection. */
  private readonly names = new Map<string, { name: string; text: string }>();

  override async claim<Row, T>(
    select: SqlStatement,
    handle: (rows: Row[]) => Promise<{ write?: SqlStatement; result: T }>,
  ): Promise<T> {
    const connection = await this.pool.acquireConnection();
    try {
      // Simple-protocol queries: several statements in one round trip (they take no parameters).
      const query = async (text: string): Promise<unknown> => {
        const started = performance.now();
        try {
          return await connection.query(text);
        } finally {
          this.logger?.logQuery({ query: text, took: Math.round(performance.now() - started), level: "info" });
        }
      };
      const opened = (await query(`begin; ${inline(connection, select)}`)) as QueryResult[];
      let outcome: { write?: SqlStatement; result: T };
      try {
        outcome = await handle((opened[1]?.rows ?? []) as Row[]);
      } catch (error) {
        await query("rollback");
        throw error;
      }
      await query(outcome.write === undefined ? "commit" : `${inline(connection, outcome.write)}; commit`);
      return outcome.result;
    } finally {
      await this.pool.releaseConnection(connection);
    }
  }

  protected session(connection: PoolClient): Session {
    const query = async <Row>(sql: string, params: readonly unknown[] | undefined) => {
      let named = this.names.get(sql);
      if (named === undefined) {
        let index = 0;
        named = { name: `plain_${this.names.size + 1}`, text: sql.replace(/\?/g, () => `$${++index}`) };
        this.names.set(sql, named);
      }
      const result = await connection.query({ ...named, values: [...(params ?? [])] });
      return { rows: result.rows as Row[], changed: result.rowCount ?? 0 };
    };
    return {
      all: async <Row>(sql: string, params?: readonly unknown[]) => (await query<Row>(sql, params)).rows,
      get: async <Row>(sql: string, params?: readonly unknown[]) => (await query<Row>(sql, params)).rows[0],
      run: async (sql: string, params?: readonly unknown[]) => (await query(sql, params)).changed,
      runAll: async (statements) => {
        const sql =
          `with ${statements.map((statement, i) => `s${i} as (${statement.sql} returning 1)`).join(", ")}` +
          ` select ${statements.map((_, i) => `(select count(*) from s${i})::int as c${i}`).join(", ")}`;
        const [row] = (
          await query<Record<string, number>>(
            sql,
            statements.flatMap((statement) => statement.params),
          )
        ).rows;
        return statements.map((_, i) => row?.[`c${i}`] ?? 0);
      },
    };
  }
}
