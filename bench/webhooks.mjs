#!/usr/bin/env node
// Webhook delivery throughput (issue 5, item 8: "deliveries per second to a local receiver with Redis,
// target >= 500/s on this machine"). Starts the built stack (dist/src/cli/start.js, every port 0) on a
// fresh PostgreSQL database and Redis under a key prefix of its own (BullMQ queues, Redis event bus),
// with WEBHOOK_ALLOWED_CIDRS=127.0.0.0/8 and WEBHOOK_DELIVERY_CONCURRENCY=`--concurrency` (unset: the
// default). A receiver (node:http on 127.0.0.1, in this process) answers every POST 200 at once.
// One trader registers `--endpoints` endpoints on the receiver, all subscribed to bot.created. The
// admin pauses the `webhooks` queue, the trader creates `--bots` bots (`--inflight` requests at a time),
// and once the bots subgraph's relay has published every bot.created (fan-out jobs queued, waiting) the
// queue is resumed: the figure is deliveries (bots × endpoints) from the resume to the last request the
// receiver got, per second; it covers fan-out jobs, delivery rows, one job per attempt (SSRF check,
// signing, the POST, the attempt recorded in PostgreSQL).
// Baseline, in the same run, before and after (both printed, their mean used): the same number of POSTs
// of a delivered body with its headers, from this process to the same receiver, `--concurrency` at a
// time (node:http, keep-alive global agent): the cost of the HTTP alone.
// Checked: every request verifies with `standardwebhooks` under its endpoint's secret, each (endpoint,
// event) arrived exactly once, and every delivery is SUCCEEDED with one attempt.
// `--sqlite`: the subgraphs' SQLite files instead of PostgreSQL (the queue is still BullMQ on Redis).
// `--webhook-processes N` (PostgreSQL only): N − 1 more processes run the webhooks subgraph alone
// (`npm run start:subgraph -- webhooks`, same database, Redis and prefix), so N processes take delivery
// jobs, each `--concurrency` at a time; the stack CPU then sums every process.
// Usage: npm run build && node bench/webhooks.mjs [--sqlite] [--bots 200] [--endpoints 10] [--concurrency 16]
//        [--webhook-processes 1] [--inflight 16] [--redis-url redis://127.0.0.1:6379]
//        [--postgres-url postgres://postgres@127.0.0.1:5432/postgres] [--timeout 600]
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request } from "node:http";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import Database from "better-sqlite3";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import {
  benchStackEnv,
  cleanupOnSignals,
  freePort,
  runBenchmark,
  runCleanupSteps,
  graphqlRequest,
  startChildStack,
  withTimeout,
} from "./lib/child-stack.mjs";
import { signUserToken } from "../dist/src/auth/tokens.js";

const { values } = parseArgs({
  options: {
    sqlite: { type: "boolean", default: false },
    bots: { type: "string", default: "200" },
    endpoints: { type: "string", default: "10" },
    concurrency: { type: "string", default: "16" },
    inflight: { type: "string", default: "16" },
    "webhook-processes": { type: "string", default: "1" },
    "redis-url": { type: "string", default: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
    "postgres-url": {
      type: "string",
      default: process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
    timeout: { type: "string", default: "600" },
  },
});

function integer(name, min) {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name}: expected an integer >= ${min}, got ${JSON.stringify(values[name])}`);
    process.exit(2);
  }
  return value;
}

const botCount = integer("bots", 1);
const endpointCount = integer("endpoints", 1);
const concurrency = integer("concurrency", 1);
const inflight = integer("inflight", 1);
const timeoutS = integer("timeout", 10);
const webhookProcesses = integer("webhook-processes", 1);
const redisUrl = values["redis-url"];
const postgresAdminUrl = values["postgres-url"];
const expected = botCount * endpointCount;
const sqlite = values.sqlite;
if (sqlite && webhookProcesses > 1) {
  console.error("--webhook-processes above 1 needs PostgreSQL: processes do not share the SQLite files");
  process.exit(2);
}

const TARGET_PER_S = 500;
const READY_TIMEOUT_MS = 90_000;
const HTTP_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 20_000;
const CLEANUP_STEP_TIMEOUT_MS = 15_000;
const PUBLISH_DEADLINE_MS = 120_000;
const DELIVERY_DEADLINE_MS = 300_000;

const runTag = randomBytes(6).toString("hex");
const dataDir = mkdtempSync(join(tmpdir(), "bench-webhooks-"));
const queuePrefix = `bench-webhooks-${runTag}`;
const databaseName = `bench_webhooks_${runTag}`;
let databaseUrl;
let stackHandle;
const workerHandles = []; // the extra webhooks processes

const perS = (value) => `${value.toFixed(0)}/s`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------
// PostgreSQL and Redis of this run.

async function query(url, sql, params = []) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Rows of `sql` in the subgraph's database: PostgreSQL, or its SQLite file (read only) with --sqlite. */
async function subgraphQuery(subgraph, sql) {
  if (!sqlite) return query(databaseUrl, sql);
  const db = new Database(join(dataDir, `${subgraph}.sqlite3`), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

/** A TCP port free on 127.0.0.1 right now. */
async function deleteRedisKeys() {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 5_000 });
  client.on("error", () => undefined); // reported through the commands' rejections
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${queuePrefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== "0");
  } finally {
    client.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------------
// The receiver: answers 200 at once, keeps every request for the checks.

const received = []; // { path, headers, body, at }
let onReceived = () => undefined;
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    received.push({
      path: req.url,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
      at: performance.now(),
    });
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    onReceived();
  });
});

/** Resolves with the time of the request that makes `count` received. */
function receivedCount(count, timeoutMs) {
  return withTimeout(
    new Promise((resolve) => {
      const check = () => {
        if (received.length >= count) resolve(received[count - 1].at);
      };
      onReceived = check;
      check();
    }),
    timeoutMs,
    () => `only ${received.length} of ${count} requests arrived within ${timeoutMs} ms`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Baseline: the same POSTs straight from this process.

async function rawPosts(url, sample, count) {
  const started = performance.now();
  const headers = {
    ...Object.fromEntries(
      ["content-type", "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => [
        name,
        sample.headers[name],
      ]),
    ),
    "content-length": String(Buffer.byteLength(sample.body)),
  };
  let sent = 0;
  const post = () =>
    new Promise((resolve, reject) => {
      const req = request(url, { method: "POST", headers }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end(sample.body);
    });
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (sent < count) {
        sent += 1;
        await post();
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

// ---------------------------------------------------------------------------------------------------
// Main.

async function main() {
  console.log(
    `webhook deliveries on ${sqlite ? "SQLite" : `PostgreSQL (fresh database ${databaseName})`} + Redis (${redisUrl}, prefix ${queuePrefix}, BullMQ):` +
      ` ${botCount} bot.created events x ${endpointCount} endpoints = ${expected} deliveries, delivery concurrency ${concurrency}` +
      ` in ${webhookProcesses} process(es)`,
  );
  console.log(
    `machine: ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)} at start; node ${process.version}`,
  );
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverUrl = `http://127.0.0.1:${receiver.address().port}`;

  if (!sqlite) {
    await query(postgresAdminUrl, `create database ${databaseName}`);
    const url = new URL(postgresAdminUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
  const jwtSecret = randomBytes(32).toString("hex");
  const env = benchStackEnv(dataDir, {
    ...(sqlite ? {} : { DATABASE_URL: databaseUrl }),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    AUTH_JWT_SECRET: jwtSecret,
    AUTH_INTERNAL_SECRET: randomBytes(32).toString("hex"),
    WEBHOOK_SECRET_KEY: randomBytes(32).toString("hex"),
    WEBHOOK_ALLOWED_CIDRS: "127.0.0.0/8",
    WEBHOOK_DELIVERY_CONCURRENCY: String(concurrency),
  });
  const stack = await startChildStack({
    env,
    readyTimeoutMs: READY_TIMEOUT_MS,
    exitTimeoutMs: EXIT_TIMEOUT_MS,
    onSpawn: (handle) => (stackHandle = handle),
  });
  // The extra webhooks processes, once the stack has migrated the database.
  for (let i = 1; i < webhookProcesses; i += 1) {
    const port = await freePort();
    await startChildStack({
      env: { ...env, WEBHOOKS_SUBGRAPH_PORT: String(port) },
      args: ["dist/src/cli/start-subgraph.js", "webhooks"],
      ready: async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok,
      readyTimeoutMs: READY_TIMEOUT_MS,
      exitTimeoutMs: EXIT_TIMEOUT_MS,
      onSpawn: (handle) => workerHandles.push(handle),
    });
  }
  const cpuMsOfAll = () => [stack, ...workerHandles].reduce((sum, handle) => sum + handle.cpuMs(), 0);
  const trader = await signUserToken({ id: "bench-trader", roles: ["trader"] }, jwtSecret, "2h");
  const admin = await signUserToken({ id: "bench-admin", roles: ["admin"] }, jwtSecret, "2h");
  const graphql = (token, text, variables) => graphqlRequest(stack.gatewayUrl, token, text, variables, HTTP_TIMEOUT_MS);

  const secrets = new Map(); // receiver path → secret
  for (let i = 0; i < endpointCount; i += 1) {
    const path = `/hook/${i}`;
    const { createWebhookEndpoint: created } = await graphql(
      trader,
      "mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret userErrors { message } } }",
      { input: { url: `${receiverUrl}${path}`, eventTypes: ["bot.created"] } },
    );
    if (created.userErrors.length > 0) throw new Error(JSON.stringify(created.userErrors));
    secrets.set(path, created.secret);
  }

  // Warm-up (not counted): one event to every endpoint, the baseline's sample among them.
  await graphql(trader, 'mutation { createBot(input: {name: "warm-up", symbol: "BTC/USDT"}) { bot { id } } }');
  await receivedCount(endpointCount, PUBLISH_DEADLINE_MS);
  const sample = received[0];
  const rawBefore = await rawPosts(`${receiverUrl}/raw`, sample, expected);
  received.length = 0;

  // The backlog: every event's fan-out waits in the paused queue.
  await graphql(admin, 'mutation { pauseQueue(name: "webhooks") { userErrors { message } } }');
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inflight, botCount) }, async () => {
      while (next < botCount) {
        next += 1;
        const name = `bench ${next}`;
        await graphql(
          trader,
          'mutation ($name: String!) { createBot(input: {name: $name, symbol: "BTC/USDT"}) { bot { id } } }',
          { name },
        );
      }
    }),
  );
  const publishDeadline = Date.now() + PUBLISH_DEADLINE_MS;
  for (;;) {
    const [{ count }] = await subgraphQuery(
      "bots",
      `select cast(count(*) as integer) as count from bots_outbox where published_at is null`,
    );
    if (count === 0) break;
    if (Date.now() > publishDeadline)
      throw new Error(`${count} events still unpublished after ${PUBLISH_DEADLINE_MS} ms`);
    await sleep(50);
  }
  if (received.length > 0) throw new Error(`${received.length} deliveries arrived while the queue was paused`);

  const cpuBefore = cpuMsOfAll();
  const resumedAt = performance.now();
  await graphql(admin, 'mutation { resumeQueue(name: "webhooks") { userErrors { message } } }');
  const lastAt = await receivedCount(expected, DELIVERY_DEADLINE_MS);
  const ours = expected / ((lastAt - resumedAt) / 1000);
  const cpuMs = cpuMsOfAll() - cpuBefore;
  const rawAfter = await rawPosts(`${receiverUrl}/raw`, sample, expected);
  const raw = (rawBefore + rawAfter) / 2;

  // Checks: signatures, exactly once, and what the stack recorded.
  await sleep(500); // any duplicate in flight arrives
  const deliveries = received.filter((r) => r.path.startsWith("/hook/"));
  const keys = new Set(deliveries.map((r) => `${r.path} ${r.headers["webhook-id"]}`));
  let unverified = 0;
  for (const r of deliveries) {
    try {
      new Webhook(secrets.get(r.path)).verify(r.body, r.headers);
    } catch {
      unverified += 1;
    }
  }
  const attempts = sqlite ? "json_array_length(attempts)" : "jsonb_array_length(attempts::jsonb)";
  const statuses = await subgraphQuery(
    "webhooks",
    `select status, ${attempts} as attempts, cast(count(*) as integer) as count from webhook_delivery group by 1, 2 order by 1, 2`,
  );
  console.log(
    `checks: ${deliveries.length} requests, ${keys.size} distinct (endpoint, event), ${unverified} failing standardwebhooks verification;` +
      ` deliveries by status and attempts: ${statuses.map((s) => `${s.status} x${s.attempts} attempt(s): ${s.count}`).join(", ")}`,
  );
  console.log(
    `stack CPU: ${(cpuMs / expected).toFixed(2)} ms per delivery (${(cpuMs / 1000).toFixed(1)} s over the run)`,
  );
  console.log(
    `baseline (raw POSTs of the same body, ${concurrency} at a time): before ${perS(rawBefore)}, after ${perS(rawAfter)}`,
  );
  const met = ours >= TARGET_PER_S;
  console.log(
    `deliveries: ${perS(ours)} (${expected} in ${((lastAt - resumedAt) / 1000).toFixed(2)} s; target >= ${TARGET_PER_S}/s${met ? "" : ": NOT MET"});` +
      ` x raw POST baseline: ${(ours / raw).toFixed(3)}; load average ${loadavg()[0].toFixed(2)} at the end`,
  );
  const wrong = statuses.filter((s) => s.status !== "SUCCEEDED" || s.attempts !== 1);
  if (deliveries.length !== expected || keys.size !== expected || unverified > 0 || wrong.length > 0)
    throw new Error("the deliveries are not exactly one verified request per (endpoint, event)");
}

// ---------------------------------------------------------------------------------------------------
// Cleanup on every path.

let cleaningUp;
function cleanup() {
  cleaningUp ??= (async () => {
    const workerCodes = await Promise.all(workerHandles.map((handle) => handle.stop()));
    const code = stackHandle === undefined ? 0 : await stackHandle.stop();
    const failedWorker = workerCodes.find((workerCode) => workerCode !== 0);
    if (failedWorker !== undefined)
      console.error(`FAILED: a webhooks process exited with ${failedWorker} after SIGTERM`);
    receiver.closeAllConnections();
    receiver.close();
    await runCleanupSteps(
      [
        [
          "dropping the database",
          () =>
            sqlite
              ? Promise.resolve()
              : query(postgresAdminUrl, `drop database if exists ${databaseName} with (force)`),
        ],
        ["deleting the Redis keys", deleteRedisKeys],
      ],
      CLEANUP_STEP_TIMEOUT_MS,
    );
    rmSync(dataDir, { recursive: true, force: true });
    return code !== 0 ? code : (failedWorker ?? 0);
  })();
  return cleaningUp;
}

const watchdog = setTimeout(() => {
  console.error(`FAILED: the benchmark did not finish within ${timeoutS} s`);
  stackHandle?.child.kill("SIGKILL");
  for (const handle of workerHandles) handle.child.kill("SIGKILL");
  void cleanup().finally(() => process.exit(1));
}, timeoutS * 1000);
watchdog.unref();
cleanupOnSignals(cleanup);

await runBenchmark({ main, cleanup, watchdog, tail: () => stackHandle?.tail() ?? "" });
