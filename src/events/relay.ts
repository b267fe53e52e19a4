import { context } from "@opentelemetry/api";
import { type EventArgs, type EventSubscriber, type TransactionEventArgs } from "@mikro-orm/core";
import type { Knex } from "@mikro-orm/knex";
import { isSqlite } from "../db/platform.js";
import type { Database } from "../db/orm.js";
import { plainSql } from "../db/sql.js";
import type { Logger } from "../observability/logger.js";
import { contextOf, withRequestId } from "../observability/request-context.js";
import { eventOf, outboxChannel, type OutboxEntity, type OutboxRecord } from "./outbox.js";
import type { DomainEvent } from "./types.js";

/** Where the relay hands each event: the bus's publish, a job enqueuer, ... */
export type EventSink = (event: DomainEvent) => Promise<void>;

/** Options for {@link createOutboxRelay}. */
export interface OutboxRelayOptions {
  /** The database holding the outbox table. */
  orm: Database;
  /** The outbox table to relay (see outboxEntity). */
  entity: OutboxEntity;
  /**
   * Each event goes to every sink, in this order, and each sink is called with the events oldest first;
   * a sink that throws leaves that event and every later one of its pass for a later pass. Sinks
   * run inside the transaction that claimed the rows, so they must not wait on this database.
   */
  sinks: readonly EventSink[];
  logger: Logger;
  /** How often to look for events no commit woke the relay for (e.g. written by another process). @default 1000 */
  intervalMs?: number;
  /** Rows claimed per transaction. @default 100 */
  batchSize?: number;
}

/**
 * Publishes outbox rows at least once, oldest first (consumers deduplicate by event id; after a sink
 * failure, events that followed the failed one may arrive again, after it).
 */
export interface OutboxRelay {
  /** Runs a pass now, then after every commit that recorded events and every `intervalMs`. */
  start(): void;
  /** Asks for a pass soon; wakes during a pass add one pass after it, however many they are. */
  wake(): void;
  /** Stops scheduling passes and resolves once the pass in flight, if any, has finished. */
  stop(): Promise<void>;
}

/** Creates a relay for one outbox table; nothing runs until `start()`. */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  return new Relay(options);
}

/** An outbox row as the driver returns it (the columns of createOutboxTable). */
interface OutboxRow {
  id: string;
  type: OutboxRecord["type"];
  /** A Date on PostgreSQL, epoch milliseconds on SQLite. */
  occurred_at: Date | number | string;
  owner_id: string | null;
  /** Parsed on PostgreSQL (jsonb), text on SQLite. */
  data: OutboxRecord["data"] | string;
  request_id: string | null;
  traceparent: string | null;
}

/** The record an outbox row holds. */
function recordOfRow(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    type: row.type,
    occurredAt: new Date(row.occurred_at),
    ownerId: row.owner_id,
    data: typeof row.data === "string" ? (JSON.parse(row.data) as OutboxRecord["data"]) : row.data,
    requestId: row.request_id,
    traceparent: row.traceparent,
    publishedAt: null,
  };
}

/** The outermost transaction, the one whose commit makes the rows visible. */
function rootTransaction(transaction: Knex.Transaction): Knex.Transaction {
  let root = transaction;
  while (root.parentTransaction !== undefined) root = root.parentTransaction;
  return root;
}

class Relay implements OutboxRelay {
  private readonly orm: Database;
  private readonly entity: OutboxEntity;
  private readonly sinks: readonly EventSink[];
  private readonly logger: Logger;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly table: string;
  /** The oldest unpublished rows, at most `batchSize` (one parameter). */
  private readonly selectSql: string;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  /** A pass is due on the next turn of the event loop (a timer of 0 is pending). */
  private due = false;
  private inFlight: Promise<void> | undefined;
  private wokenDuringPass = false;
  /** Outermost transactions that inserted outbox rows and have not committed yet. */
  private readonly uncommitted = new WeakSet<Knex.Transaction>();
  /** Stops listening to plain-SQL commits that wrote this outbox (see insertEvent). */
  private unlisten: (() => void) | undefined;

  constructor(options: OutboxRelayOptions) {
    const { intervalMs = 1000, batchSize = 100 } = options;
    if (options.sinks.length === 0) throw new Error("an outbox relay needs at least one sink");
    if (!Number.isInteger(intervalMs) || intervalMs <= 0) throw new RangeError(`intervalMs: ${intervalMs}`);
    if (!Number.isInteger(batchSize) || batchSize <= 0) throw new RangeError(`batchSize: ${batchSize}`);
    this.orm = options.orm;
    this.entity = options.entity;
    this.sinks = options.sinks;
    this.logger = options.logger.child({ component: "outbox-relay", table: options.entity.meta.tableName });
    this.intervalMs = intervalMs;
    this.batchSize = batchSize;
    this.table = options.entity.meta.tableName;
    // SQLite has no row locks (and one writer at a time); on PostgreSQL, relays in other processes
    // skip the rows this one has claimed instead of waiting for them or publishing them too.
    const lock = isSqlite(this.orm.em.getPlatform()) ? "" : " for update skip locked";
    this.selectSql =
      `select "id", "type", "occurred_at", "owner_id", "data", "request_id", "traceparent" from "${this.table}"` +
      ` where "published_at" is null order by "id" asc limit ?${lock}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // MikroORM cannot unregister a subscriber; after stop() it stays, inert (wake() checks `running`).
    this.orm.em.getEventManager().registerSubscriber(this.commitWatcher);
    this.unlisten = plainSql(this.orm.em).listen(outboxChannel(this.entity), () => this.wake());
    this.wake();
  }

  wake(): void {
    if (!this.running) return;
    if (this.inFlight !== undefined) this.wokenDuringPass = true;
    else if (!this.due) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unlisten?.();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = false;
    await this.inFlight;
  }

  /**
   * Wakes the relay once rows it must publish are committed: an insert outside a transaction is
   * committed when its flush ends; inside one (em.transactional, nested or not, or the flush's own),
   * when the outermost transaction commits.
   */
  private readonly commitWatcher: EventSubscriber<OutboxRecord> = {
    getSubscribedEntities: () => [this.entity],
    afterCreate: ({ em }: EventArgs<OutboxRecord>) => {
      const transaction = em.getTransactionContext<Knex.Transaction>();
      if (transaction === undefined) this.wake();
      else this.uncommitted.add(rootTransaction(transaction));
    },
    afterTransactionCommit: ({ transaction }: TransactionEventArgs) => {
      const committed = transaction as Knex.Transaction | undefined;
      if (committed !== undefined && this.uncommitted.delete(committed)) this.wake();
    },
  };

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.due = delayMs === 0;
    this.timer = setTimeout(() => this.run(), delayMs);
  }

  private run(): void {
    this.timer = undefined;
    this.due = false;
    this.wokenDuringPass = false;
    this.inFlight = this.drain().finally(() => {
      this.inFlight = undefined;
      if (this.running) this.schedule(this.wokenDuringPass ? 0 : this.intervalMs);
    });
  }

  /** Runs passes while each publishes a full batch (a sink failure ends one early) and the relay runs. */
  private async drain(): Promise<void> {
    try {
      let delivered: number;
      do delivered = await this.pass();
      while (this.running && delivered === this.batchSize);
    } catch (error) {
      this.logger.error({ err: error }, "outbox relay pass failed; retrying later");
    }
  }

  /**
   * One transaction, resolving with the number of events published: claim the oldest unpublished
   * rows, hand each event to every sink in order, mark the delivered ones published. The events of a
   * pass go out together, each sink called with them oldest first without waiting for the previous
   * one's answer: over Redis their round trips overlap instead of adding up (one at a time, the relay
   * could not keep up with 100 orders/s). Only the events before the first failed one are marked;
   * that one and the rest stay unpublished for a later pass.
   */
  private pass(): Promise<number> {
    // Plain SQL (Sql.claim): the relay only reads the rows and stamps them, and the entity manager's
    // fork, query builder and hydration were most of a pass's CPU; on PostgreSQL a pass is two round
    // trips (it runs twice per order).
    return plainSql(this.orm.em).claim<OutboxRow, number>(
      { sql: this.selectSql, params: [this.batchSize] },
      async (rows) => {
        const outcomes = await Promise.all(rows.map((row) => this.deliver(recordOfRow(row))));
        const failed = outcomes.indexOf(false);
        const delivered = (failed === -1 ? rows : rows.slice(0, failed)).map((row) => row.id);
        if (delivered.length === 0) return { result: 0 };
        return {
          write: {
            sql: `update "${this.table}" set "published_at" = ? where "id" in (${delivered.map(() => "?").join(", ")})`,
            params: [new Date(), ...delivered],
          },
          result: delivered.length,
        };
      },
    );
  }

  /**
   * Hands the row's event to every sink in order; false (logged) when one throws. The sinks run in the
   * trace and request that recorded the event, so the jobs they enqueue carry both.
   */
  private async deliver(record: OutboxRecord): Promise<boolean> {
    const event = eventOf(record);
    const origin = contextOf(record.traceparent === null ? undefined : { traceparent: record.traceparent });
    try {
      for (const sink of this.sinks) {
        await context.with(origin, () => withRequestId(record.requestId ?? undefined, () => sink(event)));
      }
      return true;
    } catch (error) {
      this.logger.warn(
        { err: error, eventId: event.id, eventType: event.type },
        "outbox sink failed; the event stays unpublished and will be retried",
      );
      return false;
    }
  }
}
