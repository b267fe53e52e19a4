/**
 * The transactional outbox and its relay against real databases: SQLite always, PostgreSQL when
 * reachable (required under CI=true), each suite in a fresh data folder or database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { EntitySchema } from "@mikro-orm/core";
import { v7 as uuidv7 } from "uuid";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { SchemaMigration } from "../../src/db/migration.js";
import { openDatabase, type Database, type EntityManager } from "../../src/db/orm.js";
import {
  createOutboxRelay,
  type EventSink,
  type OutboxRelay,
  type OutboxRelayOptions,
} from "../../src/events/relay.js";
import { addOutboxTraceparent, createOutboxTable, outboxEntity, recordEvent } from "../../src/events/outbox.js";
import type { DomainEvent } from "../../src/events/types.js";
import { createLogger } from "../../src/observability/logger.js";
import { createTestDatabase, postgresAvailable } from "../services.js";

/** How long a commit may take to reach the sinks when it wakes the relay. */
const WAKE_DEADLINE_MS = 2000;
/** How long the relay may take to drain what the tests record. */
const DELIVERY_DEADLINE_MS = 10_000;

const logger = createLogger({ level: process.env["TEST_LOG_LEVEL"] ?? "silent", pretty: false });

/** A domain change that events accompany. */
interface Note {
  id: string;
  text: string;
}
class NoteRow implements Note {
  declare id: string;
  declare text: string;
}
const NoteEntity = new EntitySchema<Note>({
  class: NoteRow,
  tableName: "note",
  properties: { id: { type: "uuid", primary: true }, text: { type: "string", length: 100 } },
});
const outbox = outboxEntity("test");

class CreateNoteAndOutbox extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      createOutboxTable(
        schema.createTable("note", (table) => {
          table.uuid("id").primary();
          table.string("text", 100).notNullable();
        }),
        "test",
      ),
    );
    this.schema((schema) => addOutboxTraceparent(schema, "test"));
  }
}

interface Dialect {
  name: "sqlite" | "postgres";
  available: boolean;
  /** Lists the indexes of a table. */
  indexesSql: string;
}

const DIALECTS: Dialect[] = [
  {
    name: "sqlite",
    available: true,
    indexesSql: "select name from sqlite_master where type = 'index' and tbl_name = ?",
  },
  {
    name: "postgres",
    available: await postgresAvailable(),
    indexesSql: "select indexname as name from pg_indexes where tablename = ?",
  },
];

it("refuses a subgraph name that cannot name a table", () => {
  expect(() => outboxEntity("Bad-Name")).toThrow(/not a subgraph name/);
});

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`outbox and relay on ${dialect.name}`, () => {
    let dataDir: string;
    let dropDatabase: (() => Promise<void>) | undefined;
    let open: () => Promise<Database>;
    let orm: Database;
    const opened: Database[] = [];
    const relays: OutboxRelay[] = [];

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), "outbox-test-"));
      const postgres = dialect.name === "postgres" ? await createTestDatabase() : undefined;
      dropDatabase = postgres?.drop;
      const config = loadConfig({
        env: { DATA_DIR: dataDir, LOG_LEVEL: "silent", ...(postgres ? { DATABASE_URL: postgres.url } : {}) },
      });
      open = async () => {
        const database = await openDatabase({
          name: "test",
          entities: [NoteRow, outbox.meta.class],
          migrations: [{ name: "001-note-and-outbox", class: CreateNoteAndOutbox }],
          config,
          logger,
        });
        opened.push(database);
        return database;
      };
      orm = await open();
    });

    afterAll(async () => {
      for (const database of opened) await database.close();
      await dropDatabase?.();
      rmSync(dataDir, { recursive: true, force: true });
    });

    beforeEach(async () => {
      const em = orm.em.fork();
      await em.nativeDelete(outbox, {});
      await em.nativeDelete(NoteEntity, {});
    });

    afterEach(async () => {
      await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    });

    function startRelay(options: Partial<OutboxRelayOptions> & Pick<OutboxRelayOptions, "sinks">): OutboxRelay {
      const relay = createOutboxRelay({ orm, entity: outbox, logger, intervalMs: 60_000, ...options });
      relays.push(relay);
      relay.start();
      return relay;
    }

    /** Records a note and its event in `em`, without flushing. */
    function addNote(em: EntityManager, text: string): DomainEvent {
      em.persist(em.create(NoteEntity, { id: uuidv7(), text }));
      return recordEvent(em, outbox, "webhook.test", {
        ownerId: "alice",
        data: { endpointId: "endpoint-1", message: text },
        requestId: `request-${text}`,
      });
    }

    /** Records `count` notes and their events, each in its own transaction. */
    async function recordNotes(count: number): Promise<DomainEvent[]> {
      const events: DomainEvent[] = [];
      for (let n = 0; n < count; n++) {
        events.push(await orm.em.fork().transactional((em) => Promise.resolve(addNote(em, `note ${n}`))));
      }
      return events;
    }

    async function counts(): Promise<{ notes: number; events: number; unpublished: number }> {
      const em = orm.em.fork();
      return {
        notes: await em.count(NoteEntity),
        events: await em.count(outbox),
        unpublished: await em.count(outbox, { publishedAt: null }),
      };
    }

    /** A sink that remembers what it received. */
    function recorder(): { received: DomainEvent[]; sink: EventSink } {
      const received: DomainEvent[] = [];
      return { received, sink: (event) => Promise.resolve(void received.push(event)) };
    }

    /**
     * Records one more event and waits until `received` ends with it: the relay publishes oldest
     * first, so everything it would still (re)deliver is in `received` by then.
     */
    async function settle(received: readonly DomainEvent[]): Promise<void> {
      const [sentinel] = await recordNotes(1);
      await vi.waitFor(() => expect(received.at(-1)?.id).toBe(sentinel?.id), { timeout: DELIVERY_DEADLINE_MS });
    }

    function ids(events: readonly DomainEvent[]): string[] {
      return events.map((event) => event.id);
    }

    it("creates the outbox table with a partial index on unpublished rows", async () => {
      const rows = await orm.em.getConnection().execute<{ name: string }[]>(dialect.indexesSql, ["test_outbox"]);
      expect(rows.map((row) => row.name)).toContain("test_outbox_unpublished_idx");
    });

    it("commits a change and its event together", async () => {
      const event = await orm.em.fork().transactional((em) => Promise.resolve(addNote(em, "kept")));
      expect(await counts()).toEqual({ notes: 1, events: 1, unpublished: 1 });
      const row = await orm.em.fork().findOneOrFail(outbox, event.id);
      expect(row).toMatchObject({
        type: "webhook.test",
        ownerId: "alice",
        data: { endpointId: "endpoint-1", message: "kept" },
        requestId: "request-kept",
        publishedAt: null,
      });
      expect(row.occurredAt.toISOString()).toBe(event.occurredAt);
    });

    it("leaves neither the change nor its event when the transaction rolls back", async () => {
      const transaction = orm.em.fork().transactional(async (em) => {
        addNote(em, "lost");
        await em.flush();
        throw new Error("the command failed after writing");
      });
      await expect(transaction).rejects.toThrow("the command failed after writing");
      expect(await counts()).toEqual({ notes: 0, events: 0, unpublished: 0 });
    });

    it("writes nothing until the caller flushes", async () => {
      const em = orm.em.fork();
      addNote(em, "pending");
      expect(await counts()).toEqual({ notes: 0, events: 0, unpublished: 0 });
      await em.flush();
      expect(await counts()).toEqual({ notes: 1, events: 1, unpublished: 1 });
    });

    it("publishes each event once to every sink, in order of occurrence, and marks it published", async () => {
      const em = orm.em.fork();
      const systemEvent = recordEvent(em, outbox, "webhook.test", {
        ownerId: null,
        data: { endpointId: "endpoint-2", message: "system" },
      });
      await em.flush();
      const events = [systemEvent, ...(await recordNotes(4))];
      const calls: string[] = [];
      const bus = recorder();
      const jobs = recorder();
      startRelay({
        batchSize: 2,
        sinks: [
          async (event) => {
            calls.push(`bus ${event.id}`);
            await bus.sink(event);
          },
          async (event) => {
            calls.push(`jobs ${event.id}`);
            await jobs.sink(event);
          },
        ],
      });
      await vi.waitFor(() => expect(jobs.received).toHaveLength(5), { timeout: DELIVERY_DEADLINE_MS });
      expect(bus.received).toEqual(events);
      expect(jobs.received).toEqual(events);
      // Each event reaches the bus before the jobs sink; the events of a pass go out together.
      for (const event of events)
        expect(calls.indexOf(`bus ${event.id}`)).toBeLessThan(calls.indexOf(`jobs ${event.id}`));
      expect(calls.filter((call) => call.startsWith("bus"))).toEqual(events.map((event) => `bus ${event.id}`));
      await settle(jobs.received);
      expect(ids(jobs.received)).toEqual([...ids(events), expect.any(String)]);
      expect(await counts()).toMatchObject({ events: 6, unpublished: 0 });
    });

    it("leaves an event whose sink fails unpublished, with those after it, and delivers them again on a later pass", async () => {
      const events = await recordNotes(3);
      const [, failing] = events;
      const received = recorder();
      let failures = 0;
      const relay = startRelay({
        sinks: [
          async (event) => {
            if (event.id === failing?.id && failures === 0) {
              failures++;
              throw new Error("the queue is down");
            }
            await received.sink(event);
          },
        ],
      });
      await vi.waitFor(() => expect(failures).toBe(1), { timeout: DELIVERY_DEADLINE_MS });
      await relay.stop();
      // The third went out beside the second but stays unpublished with it: both come again, in order.
      const [first, , third] = events;
      expect(ids(received.received)).toEqual(ids([first, third].filter((event) => event !== undefined)));
      expect(await counts()).toMatchObject({ events: 3, unpublished: 2 });

      relay.start();
      await vi.waitFor(() => expect(received.received).toHaveLength(4), { timeout: DELIVERY_DEADLINE_MS });
      expect(ids(received.received.slice(2))).toEqual(ids(events.slice(1)));
      await settle(received.received);
      expect(received.received).toHaveLength(5);
      expect(await counts()).toMatchObject({ unpublished: 0 });
    });

    it("retries a failed event on its interval when nothing wakes it", async () => {
      const [event] = await recordNotes(1);
      const received = recorder();
      let attempts = 0;
      startRelay({
        intervalMs: 20,
        sinks: [
          async (delivered) => {
            if (++attempts < 3) throw new Error("the queue is down");
            await received.sink(delivered);
          },
        ],
      });
      await vi.waitFor(() => expect(received.received).toEqual([event]), { timeout: DELIVERY_DEADLINE_MS });
      expect(attempts).toBe(3);
    });

    it("publishes events committed while no relay ran, as after a crash, exactly once", async () => {
      const events = await recordNotes(3);
      expect(await counts()).toMatchObject({ unpublished: 3 });
      const received = recorder();
      startRelay({ sinks: [received.sink] });
      await vi.waitFor(() => expect(received.received).toHaveLength(3), { timeout: DELIVERY_DEADLINE_MS });
      await settle(received.received);
      expect(ids(received.received)).toEqual([...ids(events), expect.any(String)]);
    });

    it("wakes on commit instead of waiting for its interval", async () => {
      const received = recorder();
      await recordNotes(1);
      startRelay({ intervalMs: 60_000, sinks: [received.sink] });
      await vi.waitFor(() => expect(received.received).toHaveLength(1), { timeout: DELIVERY_DEADLINE_MS });

      const transactional = await orm.em.fork().transactional((em) => Promise.resolve(addNote(em, "tx")));
      await vi.waitFor(() => expect(received.received.at(-1)).toEqual(transactional), { timeout: WAKE_DEADLINE_MS });

      const em = orm.em.fork();
      const flushed = addNote(em, "flush");
      await em.flush();
      await vi.waitFor(() => expect(received.received.at(-1)).toEqual(flushed), { timeout: WAKE_DEADLINE_MS });

      const nested = await orm.em
        .fork()
        .transactional((outer) => outer.transactional((inner) => Promise.resolve(addNote(inner, "nested"))));
      await vi.waitFor(() => expect(received.received.at(-1)).toEqual(nested), { timeout: WAKE_DEADLINE_MS });
    });

    it("stop() waits for the pass in flight", async () => {
      await recordNotes(1);
      let entered = false;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const relay = startRelay({
        sinks: [
          async () => {
            entered = true;
            await gate;
          },
        ],
      });
      await vi.waitFor(() => expect(entered).toBe(true), { timeout: DELIVERY_DEADLINE_MS });
      let stopped = false;
      const stopping = relay.stop().then(() => (stopped = true));
      await nextTurn();
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(await counts()).toMatchObject({ unpublished: 0 });
    });

    if (dialect.name === "postgres")
      it("delivers every event exactly once between two relays running at once, each with its own connection pool", async () => {
        const events = await orm.em
          .fork()
          .transactional((em) => Promise.resolve(Array.from({ length: 200 }, (_, n) => addNote(em, `bulk ${n}`))));
        const delivered: { relay: "a" | "b"; id: string }[] = [];
        // Relay A holds its first claimed batch until B has delivered: B can only progress by
        // skipping the rows A has locked, never by waiting for them or taking them too.
        let aHoldsRows = false;
        let releaseA: () => void = () => undefined;
        const bDelivered = new Promise<void>((resolve) => (releaseA = resolve));
        const relayA = createOutboxRelay({
          orm,
          entity: outbox,
          logger,
          batchSize: 10,
          sinks: [
            async (event) => {
              aHoldsRows = true;
              await bDelivered;
              delivered.push({ relay: "a", id: event.id });
            },
          ],
        });
        const relayB = createOutboxRelay({
          orm: await open(),
          entity: outbox,
          logger,
          batchSize: 10,
          sinks: [
            async (event) => {
              delivered.push({ relay: "b", id: event.id });
              releaseA();
              await nextTurn();
            },
          ],
        });
        relays.push(relayA, relayB);
        relayA.start();
        await vi.waitFor(() => expect(aHoldsRows).toBe(true), { timeout: DELIVERY_DEADLINE_MS });
        relayB.start();
        await vi.waitFor(() => expect(new Set(delivered.map((entry) => entry.id)).size).toBe(200), {
          timeout: DELIVERY_DEADLINE_MS,
        });
        await Promise.all([relayA.stop(), relayB.stop()]);

        expect(delivered).toHaveLength(200);
        expect(delivered.map((entry) => entry.id).sort()).toEqual(ids(events).sort());
        expect(delivered.some((entry) => entry.relay === "a")).toBe(true);
        expect(delivered.some((entry) => entry.relay === "b")).toBe(true);
        expect(await counts()).toMatchObject({ events: 200, unpublished: 0 });
      });
  });
}
