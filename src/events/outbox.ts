import { DateTimeType, type EntityManager, EntitySchema } from "@mikro-orm/core";
import type { Knex } from "@mikro-orm/knex";
import { v7 as uuidv7 } from "uuid";
import type { SqlStatement, SqlTransaction } from "../db/sql.js";
import { traceHeaders } from "../observability/tracing.js";
import { currentRequestId } from "../observability/request-context.js";
import type { DomainEvent, EventDataMap, EventType } from "./types.js";

/** One row of an outbox table: an event, written in the transaction that caused it. */
export interface OutboxRecord {
  /** The event id: a UUIDv7, so ordering by id is ordering by occurrence. */
  id: string;
  type: EventType;
  occurredAt: Date;
  ownerId: string | null;
  data: EventDataMap[EventType];
  requestId: string | null;
  /** W3C `traceparent` of the span that recorded it, so the relay's work joins that trace; null untraced. */
  traceparent: string | null;
  /** When the relay handed the event to every sink; null until then. */
  publishedAt: Date | null;
}

/** The mapping of one subgraph's outbox table. */
export type OutboxEntity = EntitySchema<OutboxRecord>;

/** What {@link recordEvent} needs besides the type. */
export interface RecordEventFields<T extends EventType> {
  /** Whose event it is; null for system events. */
  ownerId: string | null;
  data: EventDataMap[T];
  /** The request that caused it. */
  requestId?: string;
}

const SUBGRAPH_NAME = /^[a-z][a-z0-9_]*$/;

/** `<subgraph>_outbox`: the subgraphs share one PostgreSQL database, so each outbox needs its own name. */
function outboxTable(subgraph: string): string {
  if (!SUBGRAPH_NAME.test(subgraph)) throw new Error(`not a subgraph name for an outbox table: "${subgraph}"`);
  return `${subgraph}_outbox`;
}

/** The relay reads only unpublished rows, oldest (lowest id) first: a partial index holds just those. */
function unpublishedIndex(table: string): { name: string; sql: string } {
  const name = `${table}_unpublished_idx`;
  // Valid on both SQLite and PostgreSQL, so the entity and the migration share it.
  return { name, sql: `create index "${name}" on "${table}" ("id") where "published_at" is null` };
}

/** The MikroORM entity of `<subgraph>_outbox`; list it (or its `meta.class`) among the subgraph's entities. */
export function outboxEntity(subgraph: string): OutboxEntity {
  const table = outboxTable(subgraph);
  const className = subgraph.replace(/(?:^|_)([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()) + "Outbox";
  class Row implements OutboxRecord {
    declare id: string;
    declare type: EventType;
    declare occurredAt: Date;
    declare ownerId: string | null;
    declare data: EventDataMap[EventType];
    declare requestId: string | null;
    declare traceparent: string | null;
    declare publishedAt: Date | null;
  }
  // MikroORM knows entities by class name, and each subgraph's outbox is its own entity.
  Object.defineProperty(Row, "name", { value: className });
  const index = unpublishedIndex(table);
  return new EntitySchema<OutboxRecord>({
    class: Row,
    tableName: table,
    properties: {
      id: { type: "uuid", primary: true },
      type: { type: "string", length: 64 },
      occurredAt: { type: DateTimeType },
      ownerId: { type: "string", nullable: true },
      data: { type: "json" },
      requestId: { type: "string", nullable: true },
      traceparent: { type: "string", length: 64, nullable: true },
      publishedAt: { type: DateTimeType, nullable: true },
    },
    indexes: [{ name: index.name, expression: index.sql }],
  });
}

/**
 * Creates `<subgraph>_outbox` and its index, on SQLite or PostgreSQL; for a subgraph's migration:
 * `this.schema((schema) => createOutboxTable(schema, "bots"))`.
 */
export function createOutboxTable(schema: Knex.SchemaBuilder, subgraph: string): Knex.SchemaBuilder {
  const table = outboxTable(subgraph);
  return schema
    .createTable(table, (columns) => {
      columns.uuid("id").primary();
      columns.string("type", 64).notNullable();
      columns.timestamp("occurred_at", { useTz: true }).notNullable();
      columns.string("owner_id", 255).nullable();
      columns.jsonb("data").notNullable();
      columns.string("request_id", 255).nullable();
      columns.timestamp("published_at", { useTz: true }).nullable();
    })
    .raw(unpublishedIndex(table).sql);
}

/**
 * Adds the `traceparent` column to `<subgraph>_outbox` (tables made by {@link createOutboxTable}
 * before tracing); for a subgraph's migration, after the one that created its outbox.
 */
export function addOutboxTraceparent(schema: Knex.SchemaBuilder, subgraph: string): Knex.SchemaBuilder {
  return schema.alterTable(outboxTable(subgraph), (columns) => {
    columns.string("traceparent", 64).nullable();
  });
}

/** The event `fields` describe, new: its id, time, request and trace context. */
function newEvent<T extends EventType>(
  type: T,
  fields: RecordEventFields<T>,
): { event: DomainEvent<T>; row: Omit<OutboxRecord, "publishedAt"> } {
  const occurredAt = new Date();
  // A job's events keep the request that caused the job.
  const requestId = fields.requestId ?? currentRequestId();
  const event: DomainEvent<T> = {
    id: uuidv7(),
    type,
    occurredAt: occurredAt.toISOString(),
    ownerId: fields.ownerId,
    data: fields.data,
    ...(requestId === undefined ? {} : { requestId }),
  };
  const row = {
    id: event.id,
    type,
    occurredAt,
    ownerId: fields.ownerId,
    data: fields.data,
    requestId: requestId ?? null,
    traceparent: traceHeaders()["traceparent"] ?? null,
  };
  return { event, row };
}

/**
 * Adds an event to the outbox through `em` without flushing: the caller's flush or transaction
 * commits the change and its event together, or neither. Returns the event as it will be published.
 */
export function recordEvent<T extends EventType>(
  em: EntityManager,
  entity: OutboxEntity,
  type: T,
  fields: RecordEventFields<T>,
): DomainEvent<T> {
  const { event, row } = newEvent(type, fields);
  em.persist(em.create(entity, { ...row, publishedAt: null }));
  return event;
}

/** What the relay of `<subgraph>_outbox` listens to on its database's plain SQL (see {@link insertEvent}). */
export function outboxChannel(entity: OutboxEntity): string {
  return `outbox:${entity.meta.tableName}`;
}

/** An event to record: its type and fields. */
export type NewEvent = { [T in EventType]: { type: T } & RecordEventFields<T> }[EventType];

/**
 * {@link recordEvent} for a plain-SQL transaction: the statement that inserts the events' rows, to run
 * in `tx` (which commits them with the change that caused them); the table's relay wakes after that
 * commit.
 */
export function insertEvents(tx: SqlTransaction, entity: OutboxEntity, events: readonly NewEvent[]): SqlStatement {
  const params: unknown[] = [];
  for (const { type, ...fields } of events) {
    const { row } = newEvent(type, fields as RecordEventFields<typeof type>);
    params.push(
      row.id,
      row.type,
      row.occurredAt,
      row.ownerId,
      JSON.stringify(row.data),
      row.requestId,
      row.traceparent,
    );
  }
  tx.notifyOnCommit(outboxChannel(entity));
  return {
    sql:
      `insert into "${entity.meta.tableName}" ("id", "type", "occurred_at", "owner_id", "data", "request_id", "traceparent")` +
      ` values ${events.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
    params,
  };
}

/** The event an outbox row holds. */
export function eventOf(record: OutboxRecord): DomainEvent {
  // A row holds what recordEvent wrote: data of its own type (the columns cannot say so to the compiler).
  return {
    id: record.id,
    type: record.type,
    occurredAt: record.occurredAt.toISOString(),
    ownerId: record.ownerId,
    data: record.data,
    ...(record.requestId === null ? {} : { requestId: record.requestId }),
  } as DomainEvent;
}
