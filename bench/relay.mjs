#!/usr/bin/env node
// CPU per event of the outbox relay (issue 4, item 8: the relay runs twice per order). In one process, on
// SQLite (a temporary DATA_DIR) or with `--postgres` a fresh PostgreSQL database: each event is recorded
// with recordEvent + flush (as a command records it), and the relay, woken by the commit, claims it, hands
// it to one sink and stamps it published; the next event is recorded once the sink has it. Baseline, in
// the same run: the same writes with no relay running. The relay's share is the difference. Rounds
// alternate relay and baseline so that a change in the machine's load hits both.
// Usage: npm run build && node bench/relay.mjs [--postgres] [--events 500] [--rounds 4]
//        [--postgres-url postgres://postgres@127.0.0.1:5432/postgres]
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { loadConfig } from "../dist/src/config/index.js";
import { SchemaMigration } from "../dist/src/db/migration.js";
import { openDatabase } from "../dist/src/db/orm.js";
import { createOutboxTable, outboxEntity, recordEvent } from "../dist/src/events/outbox.js";
import { createOutboxRelay } from "../dist/src/events/relay.js";
import { createLogger } from "../dist/src/observability/logger.js";

const { values } = parseArgs({
  options: {
    postgres: { type: "boolean", default: false },
    events: { type: "string", default: "500" },
    rounds: { type: "string", default: "4" },
    "postgres-url": {
      type: "string",
      default: process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const events = Number(values.events);
const rounds = Number(values.rounds);
for (const [name, value] of [
  ["events", events],
  ["rounds", rounds],
]) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name}: expected a positive integer, got ${JSON.stringify(values[name])}`);
    process.exit(2);
  }
}

const SUBGRAPH = "relaybench";
const outbox = outboxEntity(SUBGRAPH);

class CreateOutbox extends SchemaMigration {
  up() {
    this.schema((schema) => createOutboxTable(schema, SUBGRAPH));
  }
}

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: values["postgres-url"], connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const logger = createLogger({ level: "silent" });
const dataDir = mkdtempSync(join(tmpdir(), "bench-relay-"));
const databaseName = `bench_relay_${randomBytes(4).toString("hex")}`;
let databaseUrl;
if (values.postgres) {
  await adminQuery(`create database ${databaseName}`);
  const url = new URL(values["postgres-url"]);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
}

/** CPU and wall milliseconds per event of `events` recorded events, relayed or not. */
async function measure(orm, relayed) {
  let received = () => {};
  const relay = relayed
    ? createOutboxRelay({ orm, entity: outbox, logger, intervalMs: 60_000, sinks: [async () => received()] })
    : undefined;
  relay?.start();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < events; i++) {
    const delivered = new Promise((resolve) => (received = resolve));
    const em = orm.em.fork();
    recordEvent(em, outbox, "webhook.test", { ownerId: "bench", data: { endpointId: "bench", message: `${i}` } });
    await em.flush();
    if (relay) await delivered;
  }
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - started;
  await relay?.stop();
  return { cpuMs: (used.user + used.system) / 1000 / events, wallMs: wallMs / events };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
let orm;
try {
  const config = loadConfig({
    env: { DATA_DIR: dataDir, LOG_LEVEL: "silent", ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
  });
  orm = await openDatabase({
    name: SUBGRAPH,
    entities: [outbox.meta.class],
    migrations: [{ name: "001-outbox", class: CreateOutbox }],
    config,
    logger,
  });
  console.log(
    `outbox relay CPU per event on ${values.postgres ? "PostgreSQL" : "SQLite"}: ${rounds} rounds of ${events} events,` +
      ` each relayed then written alone (baseline)`,
  );
  console.log(
    `machine: ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)} at start; node ${process.version}`,
  );
  await measure(orm, true); // warm-up
  const relayed = [];
  const alone = [];
  for (let round = 0; round < rounds; round++) {
    relayed.push(await measure(orm, true));
    alone.push(await measure(orm, false));
  }
  const total = median(relayed.map((r) => r.cpuMs));
  const base = median(alone.map((r) => r.cpuMs));
  console.log(
    `  write + relay   CPU ${total.toFixed(3)} ms/event (rounds: ${relayed.map((r) => r.cpuMs.toFixed(3)).join(" ")})`,
  );
  console.log(
    `  write alone     CPU ${base.toFixed(3)} ms/event (rounds: ${alone.map((r) => r.cpuMs.toFixed(3)).join(" ")})`,
  );
  console.log(
    `relay: ${(total - base).toFixed(3)} ms CPU per event (medians); x the write it relays: ${((total - base) / base).toFixed(2)};` +
      ` load average ${loadavg()[0].toFixed(2)} at the end`,
  );
} finally {
  await orm?.close(true);
  rmSync(dataDir, { recursive: true, force: true });
  if (databaseUrl) await adminQuery(`drop database if exists ${databaseName} with (force)`);
}
