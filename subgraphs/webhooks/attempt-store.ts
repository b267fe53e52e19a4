import { ReferenceKind } from "@mikro-orm/core";
import type { EntityManager } from "../../src/db/orm.js";
import { isSqlite } from "../../src/db/platform.js";
import { DeliveryStatus, WebhookDelivery } from "./webhook-delivery.entity.js";
import { WebhookEndpoint } from "./webhook-endpoint.entity.js";

/**
 * The reads and writes of delivery attempts, the hot path of webhook delivery: SQL built once per
 * database instead of by the query builders on every attempt, and the statements of attempts made at
 * the same time coalesced (see {@link Coalescer}), each database round trip serving many attempts.
 */

/** Most attempts one statement reads or writes. */
const MAX_BATCH = 100;

/**
 * Runs `run` on items submitted while its previous batch was in flight, as one batch: the first item
 * goes at once (no added latency when idle), the rest wait for one round trip at most. A failed batch
 * fails each of its items.
 */
export class Coalescer<T, R> {
  private pending: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private draining = false;

  constructor(private readonly run: (items: T[]) => Promise<R[]>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        const results = await this.run(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => entry.resolve(results[i] as R));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.draining = false;
  }
}

/** The columns of an entity's table (scalar properties only), as `em.map` expects them. */
function columnsOf(em: EntityManager, entity: { name: string }): string[] {
  return em
    .getMetadata()
    .get(entity.name)
    .props.filter((prop) => prop.kind === ReferenceKind.SCALAR && prop.persist !== false)
    .flatMap((prop) => prop.fieldNames);
}

const ENDPOINT_PREFIX = "endpoint__";

type Row = Record<string, unknown>;

/** What an attempt writes when only its delivery changed. */
interface AttemptOutcomeRow {
  id: string;
  attempts: string;
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
}

/** One database's statements and batches. */
class AttemptStore {
  readonly deliveryColumns: string[];
  readonly endpointColumns: string[];
  private readonly selects = new Map<number, string>();
  private readonly updates = new Map<number, string>();
  readonly reads: Coalescer<string, Row | undefined>;
  readonly writes: Coalescer<AttemptOutcomeRow, void>;

  /** `em`: any of the database's entity managers; batches run outside every unit of work. */
  constructor(private readonly em: EntityManager) {
    this.deliveryColumns = columnsOf(em, WebhookDelivery);
    this.endpointColumns = columnsOf(em, WebhookEndpoint);
    this.reads = new Coalescer((ids) => this.read(ids));
    this.writes = new Coalescer((rows) => this.write(rows));
  }

  /** The PENDING deliveries among `ids`, each with its endpoint's columns (prefixed), in the order of `ids`. */
  private async read(ids: string[]): Promise<(Row | undefined)[]> {
    let sql = this.selects.get(ids.length);
    if (sql === undefined) {
      sql = this.em
        .getKnex()
        .select([
          ...this.deliveryColumns.map((column) => `d.${column}`),
          ...this.endpointColumns.map((column) => `e.${column} as ${ENDPOINT_PREFIX}${column}`),
        ])
        .from("webhook_delivery as d")
        .leftJoin("webhook_endpoint as e", "e.id", "d.endpoint_id")
        .whereIn("d.id", ids)
        .andWhere("d.status", DeliveryStatus.PENDING)
        .toSQL().sql;
      this.selects.set(ids.length, sql);
    }
    const rows = await this.em.execute<Row[]>(sql, [...ids, DeliveryStatus.PENDING], "all");
    const byId = new Map(rows.map((row) => [row["id"] as string, row]));
    return ids.map((id) => byId.get(id));
  }

  /** Writes attempts, status and next attempt time of each delivery in one statement. */
  private async write(rows: AttemptOutcomeRow[]): Promise<void[]> {
    const sql = this.updates.get(rows.length) ?? this.updateSql(rows.length);
    const params: unknown[] = [];
    for (const row of rows) params.push(row.id, row.attempts);
    for (const row of rows) params.push(row.id, row.status);
    // Each platform writes a Date as its DateTimeType columns hold it (SQLite: epoch milliseconds).
    for (const row of rows) params.push(row.id, row.nextAttemptAt);
    params.push(...rows.map((row) => row.id));
    await this.em.execute(sql, params, "run");
    return rows.map(() => undefined);
  }

  private updateSql(count: number): string {
    // PostgreSQL types a CASE of parameters as text: cast to the columns' types (SQLite needs none).
    const [json, timestamp] = isSqlite(this.em.getPlatform())
      ? ["?", "?"]
      : ["cast(? as jsonb)", "cast(? as timestamptz)"];
    const cases = (value: string): string => `case id ${" when ? then ".concat(value).repeat(count)} end`;
    const sql =
      `update webhook_delivery set attempts = ${cases(json)}, status = ${cases("?")},` +
      ` next_attempt_at = ${cases(timestamp)} where id in (${Array.from({ length: count }, () => "?").join(", ")})`;
    this.updates.set(count, sql);
    return sql;
  }
}

/** One store per database (platform). */
const stores = new WeakMap<object, AttemptStore>();

function storeOf(em: EntityManager): AttemptStore {
  const platform = em.getPlatform();
  let store = stores.get(platform);
  if (store === undefined) {
    store = new AttemptStore(em.fork());
    stores.set(platform, store);
  }
  return store;
}

/**
 * A PENDING delivery and its endpoint (null when deleted), both managed by `em`, in one query (shared
 * with attempts made at the same time): an attempt's only read. Null when the delivery is gone or no
 * longer PENDING.
 */
export async function loadPendingDelivery(
  em: EntityManager,
  deliveryId: string,
): Promise<{ delivery: WebhookDelivery; endpoint: WebhookEndpoint | null } | null> {
  const store = storeOf(em);
  const row = await store.reads.submit(deliveryId);
  if (row === undefined) return null;
  const delivery = em.map(
    WebhookDelivery,
    Object.fromEntries(store.deliveryColumns.map((column) => [column, row[column]])),
  );
  if (row[`${ENDPOINT_PREFIX}id`] === null || row[`${ENDPOINT_PREFIX}id`] === undefined)
    return { delivery, endpoint: null };
  const endpoint = em.map(
    WebhookEndpoint,
    Object.fromEntries(store.endpointColumns.map((column) => [column, row[`${ENDPOINT_PREFIX}${column}`]])),
  );
  return { delivery, endpoint };
}

/** Writes an attempt's outcome when only the delivery changed (in one statement with attempts ending at the same time). */
export async function saveAttemptOutcome(em: EntityManager, delivery: WebhookDelivery): Promise<void> {
  await storeOf(em).writes.submit({
    id: delivery.id,
    attempts: JSON.stringify(delivery.attempts),
    status: delivery.status,
    nextAttemptAt: delivery.nextAttemptAt,
  });
}
