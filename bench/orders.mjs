#!/usr/bin/env node
// Order latency and throughput (issue 4, item 8: "submitOrder → tradeExecuted latency, p50 and p99, at
// 100 orders/s for 30 s, on embedded defaults and on PostgreSQL + Redis (target p99 < 100 ms), and the
// throughput ceiling"). Starts the built stack (dist/src/cli/start.js, every port 0, a temporary
// DATA_DIR, SIMULATED_MARKET=false; `--redis` adds a fresh PostgreSQL database, Redis under a key prefix
// of its own and the three secrets; `--redis --split each|together` runs the gateway in a process of its
// own and each subgraph alone, as the README deploys them, or all subgraphs in a second process), sets the BTC/USDT price, creates and starts `--bots` bots and opens
// one graphql-ws connection per bot to the gateway, subscribed to `tradeExecuted(botId)` (like one user
// per bot; all with an admin token).
// An open-loop generator sends MARKET BUY orders of 0.001 on a timer at a fixed rate, round-robin over the
// bots, without waiting for earlier ones (at most `--inflight` submitOrder requests at a time). Latency of
// an order = receipt of its tradeExecuted event − the time just before its submitOrder was sent, so it
// covers gateway → trades subgraph → order + outbox commit → relay → orders.fill job → fill transaction →
// outbox → relay → event bus → graphql-ws → gateway → client. Events are matched by clientOrderId (known
// before sending, so an event that beats the mutation's response still counts) and the event's order id
// must equal the id submitOrder returned.
// Phases: subscriptions made ready (one order per bot per round until every bot's event arrives), a
//   warm-up of `--warmup` s at `--baseline-rate` (not counted; at `--rate` it would leave an overloaded
//   stack's backlog behind), baseline at `--baseline-rate` (before), the load at `--rate` for
//   `--duration` s, baseline again (after; both pooled), then the throughput ceiling. Before each phase
//   the stack drains (every accepted order's trade received, no PENDING order, no queued job; at most
//   `--drain` s).
// Every order of the warm-up, baseline and load phases must produce its trade within 10 s, else exit 1.
// Throughput ceiling: steps of `--ceiling-step` s at rates ×`--ceiling-factor` from `--rate` (up while a
//   step passes, stopping at the first that fails; down when `--rate` itself fails). A step passes when
//   every order traded, latency p99 <= `--ceiling-p99` ms and the completed rate (orders / time from the
//   step's first scheduled send to its last trade) >= 90 % of the offered rate. The ceiling is the
//   completed rate of the highest passing step. Also printed: the highest completed rate of any phase
//   whatever its latency (what the stack does saturated). Orders of a failing (overloaded) step may take
//   over 10 s (reported); each must still produce a trade within `--drain` s, else exit 1.
// The clients run in this process, on the same machine as the stack (and PostgreSQL and Redis): their
// CPU per order is printed beside the stack's.
// Usage: npm run build && node bench/orders.mjs [--redis] [--rate 100] [--duration 30] [--baseline-rate 10]
//        [--baseline-duration 15] [--warmup 10] [--bots 10] [--inflight 256] [--skip-ceiling]
//        [--ceiling-step 10] [--ceiling-factor 1.25] [--ceiling-p99 500] [--ceiling-max-steps 12] [--drain 60]
//        [--split each|together] [--redis-url redis://127.0.0.1:6379] [--postgres-url postgres://postgres@127.0.0.1:5432/postgres]
//        [--timeout 900]
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createClient } from "graphql-ws";
import { Redis } from "ioredis";
import pg from "pg";
import WebSocket from "ws";
import {
  benchStackEnv,
  cleanupOnSignals,
  freePort,
  runBenchmark,
  runCleanupSteps,
  graphqlRequest,
  percentile,
  startChildStack,
  withTimeout,
} from "./lib/child-stack.mjs";
import { signUserToken } from "../dist/src/auth/tokens.js";

const { values } = parseArgs({
  options: {
    redis: { type: "boolean", default: false },
    split: { type: "string" },
    rate: { type: "string", default: "100" },
    duration: { type: "string", default: "30" },
    "baseline-rate": { type: "string", default: "10" },
    "baseline-duration": { type: "string", default: "15" },
    warmup: { type: "string", default: "10" },
    bots: { type: "string", default: "10" },
    inflight: { type: "string", default: "256" },
    "skip-ceiling": { type: "boolean", default: false },
    "ceiling-step": { type: "string", default: "10" },
    "ceiling-factor": { type: "string", default: "1.25" },
    "ceiling-p99": { type: "string", default: "500" },
    "ceiling-max-steps": { type: "string", default: "12" },
    drain: { type: "string", default: "60" },
    "redis-url": { type: "string", default: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
    "postgres-url": {
      type: "string",
      default: process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
    timeout: { type: "string", default: "900" },
  },
});

function number(name, { min, integer = false }) {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    console.error(
      `--${name}: expected ${integer ? "an integer" : "a number"} >= ${min}, got ${JSON.stringify(values[name])}`,
    );
    process.exit(2);
  }
  return value;
}

const rate = number("rate", { min: 0.1 });
const durationS = number("duration", { min: 1 });
const baselineRate = number("baseline-rate", { min: 0.1 });
const baselineDurationS = number("baseline-duration", { min: 1 });
const warmupS = number("warmup", { min: 0 });
const botCount = number("bots", { min: 1, integer: true });
const maxInflight = number("inflight", { min: 1, integer: true });
const ceilingStepS = number("ceiling-step", { min: 1 });
const ceilingFactor = number("ceiling-factor", { min: 1.01 });
const ceilingP99Ms = number("ceiling-p99", { min: 1 });
const ceilingMaxSteps = number("ceiling-max-steps", { min: 1, integer: true });
const drainS = number("drain", { min: 10 });
const timeoutS = number("timeout", { min: 10, integer: true });
const production = values.redis;
const split = values.split;
if (split !== undefined && split !== "each" && split !== "together") {
  console.error(`--split: expected "each" or "together", got ${JSON.stringify(split)}`);
  process.exit(2);
}
if (split !== undefined && !production) {
  console.error(
    "--split needs --redis: processes share neither the in-process queue and bus nor each other's SQLite files",
  );
  process.exit(2);
}
const redisUrl = values["redis-url"];
const postgresAdminUrl = values["postgres-url"];

const TARGET_P99_MS = 100;
const TRADE_DEADLINE_MS = 10_000; // every measured order must produce its trade within this
const READY_TIMEOUT_MS = 90_000; // stack spawn → ready lines
const CONNECT_TIMEOUT_MS = 30_000; // every subscription connection acknowledged
const READINESS_WAIT_MS = 2_000; // per readiness round
const READINESS_MAX_ROUNDS = 30;
const READINESS_FULL_ROUNDS = 2; // consecutive rounds in which every bot's event arrived
const HTTP_TIMEOUT_MS = 10_000;
const EXIT_TIMEOUT_MS = 20_000;
const CLEANUP_STEP_TIMEOUT_MS = 15_000;
const CEILING_MIN_COMPLETION = 0.9;
const PRICE = "100";
const QUANTITY = "0.001";

const dataDir = mkdtempSync(join(tmpdir(), "bench-orders-"));
const runTag = randomBytes(6).toString("hex");
const queuePrefix = `bench-orders-${runTag}`;
const databaseName = `bench_orders_${runTag}`;
let databaseCreated = false;
let redisUsed = false;

// ---------------------------------------------------------------------------------------------------
// Helpers.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function summary(samples) {
  const sorted = Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? NaN : sorted[sorted.length - 1],
  };
}

const ms = (value) => (value === Infinity ? "none" : `${value.toFixed(1)} ms`);
const line = (s) => `p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (${s.count})`;
const ratio = (a, b) => (Number.isFinite(a / b) ? (a / b).toFixed(2) : "none (orders without a trade)");
const perS = (value) => `${value.toFixed(1)}/s`;
const load = () => loadavg()[0].toFixed(2);

// ---------------------------------------------------------------------------------------------------
// PostgreSQL database and Redis keys of this run (--redis).

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createDatabase() {
  await adminQuery(`create database ${databaseName}`);
  databaseCreated = true;
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

async function dropDatabase() {
  if (!databaseCreated) return;
  await adminQuery(`drop database if exists ${databaseName} with (force)`);
  databaseCreated = false;
}

async function deleteRedisKeys() {
  if (!redisUsed) return 0;
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 5_000 });
  client.on("error", () => undefined); // reported through the commands' rejections
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${queuePrefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) deleted += await client.del(...keys);
    } while (cursor !== "0");
    redisUsed = false;
    return deleted;
  } finally {
    client.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------------
// The stack as a child process.

let stackHandle; // set as soon as the child is spawned, so cleanup can always stop it

async function startStack() {
  const env = benchStackEnv(dataDir, {
    // One bench viewer submits far more orders than the per-field limits allow a person.
    RATE_LIMIT_FIELDS: "Mutation.submitOrder=1000000/1s,Mutation.createWebhookEndpoint=1000000/1m",
  });
  let jwtSecret;
  if (production) {
    jwtSecret = randomBytes(32).toString("hex");
    env.AUTH_JWT_SECRET = jwtSecret;
    env.AUTH_INTERNAL_SECRET = randomBytes(32).toString("hex");
    env.WEBHOOK_SECRET_KEY = randomBytes(32).toString("hex");
    env.DATABASE_URL = await createDatabase();
    env.REDIS_URL = redisUrl;
    env.QUEUE_PREFIX = queuePrefix;
    redisUsed = true;
  }
  const stack = split
    ? await startSplitStack(env, split === "each" ? SUBGRAPHS.map((name) => [name]) : [SUBGRAPHS])
    : await startChildStack({
        env,
        readyTimeoutMs: READY_TIMEOUT_MS,
        exitTimeoutMs: EXIT_TIMEOUT_MS,
        adminToken: !production,
        onSpawn: (handle) => (stackHandle = handle),
      });
  if (production) stack.token = await signUserToken({ id: "bench-admin", roles: ["admin", "trader"] }, jwtSecret, "2h");
  return stack;
}

const SUBGRAPHS = ["bots", "trades", "webhooks", "flags", "admin"];

/**
 * --split: the gateway in a process of its own (`npm run start:gateway`) and the subgraphs in `groups`
 * of processes (`npm run start:subgraph -- <name> ...`): each alone (`each`, the README's topology for
 * PostgreSQL + Redis) or all in one (`together`), every process told where the others listen. One
 * handle for all of them: CPU summed, warnings merged, stopped together (the gateway first).
 */
async function startSplitStack(env, groups) {
  const handles = [];
  stackHandle = {
    child: { kill: (signal) => handles.forEach((handle) => handle.child.kill(signal)) },
    cpuMs: () => handles.reduce((sum, handle) => sum + (handle.cpuMs() ?? 0), 0),
    get warnings() {
      const merged = new Map();
      for (const handle of handles)
        for (const [message, count] of handle.warnings) merged.set(message, (merged.get(message) ?? 0) + count);
      return merged;
    },
    tail: () => handles.map((handle) => handle.tail()).join("\n"),
    async stop() {
      const codes = [];
      for (const handle of [...handles].reverse()) codes.push(await handle.stop());
      return codes.find((code) => code !== 0) ?? 0;
    },
  };
  const ports = new Map();
  for (const name of [...SUBGRAPHS, "gateway"]) ports.set(name, await freePort());
  const shared = { ...env };
  for (const name of SUBGRAPHS) {
    shared[`${name.toUpperCase()}_SUBGRAPH_URL`] = `http://127.0.0.1:${ports.get(name)}/graphql`;
  }
  const start = (args, port, extra) =>
    startChildStack({
      env: { ...shared, ...extra },
      args,
      ready: async () => (await fetch(`http://127.0.0.1:${port}/health/live`)).ok,
      readyTimeoutMs: READY_TIMEOUT_MS,
      exitTimeoutMs: EXIT_TIMEOUT_MS,
      onSpawn: (handle) => handles.push(handle),
    });
  for (const group of groups) {
    const own = Object.fromEntries(
      group.map((name) => [`${name.toUpperCase()}_SUBGRAPH_PORT`, String(ports.get(name))]),
    );
    await start(["dist/src/cli/start-subgraph.js", ...group], ports.get(group[0]), own);
  }
  const port = ports.get("gateway");
  await start(["dist/src/cli/start-gateway.js"], port, { PORT: String(port) });
  return { gatewayUrl: `http://127.0.0.1:${port}/graphql` };
}

// ---------------------------------------------------------------------------------------------------
// GraphQL over HTTP.

let gatewayUrl;
let token;

const graphql = (query, variables) => graphqlRequest(gatewayUrl, token, query, variables, HTTP_TIMEOUT_MS);

async function payload(query, variables, field) {
  const data = await graphql(query, variables);
  const result = data[field];
  if (result.userErrors.length > 0) throw new Error(`${field}: ${JSON.stringify(result.userErrors)}`);
  return result;
}

const SUBMIT =
  "mutation ($input: SubmitOrderInput!) { submitOrder(input: $input) { order { id status } userErrors { message } } }";
const SUBSCRIPTION = "subscription ($botId: ID) { tradeExecuted(botId: $botId) { id order { id clientOrderId } } }";

// ---------------------------------------------------------------------------------------------------
// Orders: what was sent, and what came back.

const orders = new Map(); // clientOrderId → record
const failures = []; // subscription failures (sockets closed, errors): fail the run
let unknownEvents = 0;
let duplicateEvents = 0;
let mismatchedEvents = 0;
let sequence = 0;
let inflight = 0;

/**
 * A phase's orders: `records` in send order, each { clientOrderId, botId, scheduled, sentAt, respondedAt,
 * orderId, tradeAt, error }; `settled()` resolves once every sent order has its trade or failed to submit.
 */
function newPhase(name) {
  const phase = { name, records: [], traded: 0, submitErrors: 0, sending: true, waiter: undefined };
  phase.check = () => {
    if (!phase.sending && phase.traded + phase.submitErrors >= phase.records.length) phase.waiter?.();
  };
  phase.settled = (timeoutMs) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      phase.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      phase.check();
    });
  return phase;
}

function onTrade(index, trade, receivedAt) {
  const clientOrderId = trade?.order?.clientOrderId;
  const record = clientOrderId === undefined ? undefined : orders.get(clientOrderId);
  if (record === undefined) {
    unknownEvents += 1;
    if (trade?.order == null)
      failures.push(`bot #${index}: a tradeExecuted event without its order: ${JSON.stringify(trade)}`);
    return;
  }
  if (record.tradeAt !== undefined) {
    duplicateEvents += 1;
    return;
  }
  record.tradeAt = receivedAt;
  record.tradeOrderId = trade.order.id;
  if (record.orderId !== undefined && record.orderId !== record.tradeOrderId) mismatchedEvents += 1;
  record.phase.traded += 1;
  record.phase.check();
}

async function submit(phase, bot, scheduled) {
  sequence += 1;
  const record = { phase, clientOrderId: `bench-${sequence}`, botId: bot, scheduled };
  orders.set(record.clientOrderId, record);
  phase.records.push(record);
  inflight += 1;
  record.sentAt = performance.now();
  try {
    const data = await graphql(SUBMIT, {
      input: { botId: bot, clientOrderId: record.clientOrderId, side: "BUY", type: "MARKET", quantity: QUANTITY },
    });
    const result = data.submitOrder;
    if (result.userErrors.length > 0 || !result.order?.id) throw new Error(JSON.stringify(result).slice(0, 300));
    record.respondedAt = performance.now();
    record.orderId = result.order.id;
    if (record.tradeOrderId !== undefined && record.tradeOrderId !== record.orderId) mismatchedEvents += 1;
  } catch (error) {
    record.error = error instanceof Error ? error.message : String(error);
    phase.submitErrors += 1;
  } finally {
    inflight -= 1;
    phase.check();
  }
}

/**
 * Open loop: order i is due at start + i / rate; due orders are sent without waiting for earlier ones
 * (at most `maxInflight` requests at a time: beyond that the generator falls behind, which shows as lag).
 */
async function generate(phase, bots, ratePerS, seconds) {
  const total = Math.max(1, Math.round(ratePerS * seconds));
  const interval = 1000 / ratePerS;
  const start = performance.now() + 1;
  phase.scheduledStart = start;
  phase.offeredRate = ratePerS;
  const sends = [];
  let i = 0;
  while (i < total) {
    const now = performance.now();
    while (i < total && start + i * interval <= now && inflight < maxInflight) {
      sends.push(submit(phase, bots[(sequence + 1) % bots.length], start + i * interval));
      i += 1;
    }
    if (i >= total) break;
    await sleep(inflight >= maxInflight ? 1 : Math.max(0, start + i * interval - performance.now()));
  }
  phase.lastSentAt = performance.now();
  phase.sending = false;
  phase.check();
  return sends;
}

const BACKLOG = `query {
  bots(first: 100) { edges { node { orders(status: PENDING, first: 1) { totalCount } } } }
  queues { name waiting active delayed prioritized failed }
}`;

/** What the stack still has to do: PENDING orders (also those whose submitOrder the client gave up on), queued jobs. */
async function backlog() {
  const data = await graphql(BACKLOG);
  return {
    pending: data.bots.edges.reduce((sum, edge) => sum + edge.node.orders.totalCount, 0),
    jobs: data.queues.reduce((sum, q) => sum + q.waiting + q.active + q.delayed + q.prioritized, 0),
    failedJobs: data.queues.filter((q) => q.failed > 0).map((q) => `${q.name} ${q.failed}`),
  };
}

/**
 * Waits (at most `--drain` s) until every order submitOrder accepted so far has its trade and, twice
 * in a row, the stack holds no PENDING order and no queued job, so that a phase does not start on the
 * backlog of the one before.
 */
async function quiesce(name) {
  const deadline = performance.now() + drainS * 1000;
  const outstanding = () =>
    [...orders.values()].filter(
      (r) => r.phase.name !== "readiness" && r.orderId !== undefined && r.tradeAt === undefined,
    ).length;
  let left = { pending: 0, jobs: 0 };
  let idle = 0;
  while (performance.now() < deadline) {
    if (outstanding() === 0) {
      left = await backlog();
      idle = left.pending === 0 && left.jobs === 0 ? idle + 1 : 0;
      if (idle === 2) return;
    }
    await sleep(250);
  }
  console.log(
    `  before ${name}: after ${drainS} s, ${outstanding()} earlier orders still without a trade,` +
      ` ${left.pending} PENDING, ${left.jobs} jobs queued`,
  );
}

/** Runs a phase to the end: sends, then waits until every order traded or `drainMs` after the last send. */

async function runPhase(name, bots, ratePerS, seconds, drainMs) {
  await quiesce(name);
  const phase = newPhase(name);
  const cpuStart = process.cpuUsage();
  const stackCpuStart = stackHandle.cpuMs();
  const loadStart = loadavg()[0];
  const sends = await generate(phase, bots, ratePerS, seconds);
  await Promise.all(sends); // each is bounded by HTTP_TIMEOUT_MS
  await phase.settled(Math.max(0, phase.lastSentAt + drainMs - performance.now()));
  const cpu = process.cpuUsage(cpuStart);
  const stackCpuEnd = stackHandle.cpuMs();
  return analyse(phase, {
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    stackCpuMs: stackCpuStart === undefined || stackCpuEnd === undefined ? undefined : stackCpuEnd - stackCpuStart,
    loadStart,
    loadEnd: loadavg()[0],
  });
}

function analyse(phase, extra) {
  const latency = [];
  const response = [];
  const afterResponse = [];
  const lag = [];
  let missing = 0;
  let late = 0;
  let lastTrade = -Infinity;
  const examples = [];
  for (const record of phase.records) {
    lag.push(record.sentAt - record.scheduled);
    if (record.respondedAt !== undefined) response.push(record.respondedAt - record.sentAt);
    if (record.tradeAt === undefined) {
      missing += 1;
      if (examples.length < 5)
        examples.push(
          `${record.clientOrderId} (order ${record.orderId ?? "?"}${record.error ? `: ${record.error}` : ""})`,
        );
      latency.push(Infinity); // in the percentiles as never
      continue;
    }
    const value = record.tradeAt - record.sentAt;
    latency.push(value);
    if (value > TRADE_DEADLINE_MS) late += 1;
    if (record.respondedAt !== undefined) afterResponse.push(record.tradeAt - record.respondedAt);
    if (record.tradeAt > lastTrade) lastTrade = record.tradeAt;
  }
  const count = phase.records.length;
  const sendSpanS = (phase.lastSentAt - phase.scheduledStart) / 1000;
  return {
    name: phase.name,
    offeredRate: phase.offeredRate,
    count,
    sentRate: count / Math.max(sendSpanS, 1 / phase.offeredRate),
    completedRate: count === missing ? 0 : ((count - missing) / (lastTrade - phase.scheduledStart)) * 1000,
    latency: summary(latency),
    response: summary(response),
    afterResponse: summary(afterResponse),
    lag: summary(lag),
    missing,
    late,
    submitErrors: phase.submitErrors,
    examples,
    samples: latency,
    ...extra,
  };
}

function report(result) {
  console.log(
    `${result.name}: ${result.count} orders offered at ${perS(result.offeredRate)}, sent at ${perS(result.sentRate)},` +
      ` completed at ${perS(result.completedRate)};` +
      ` load average ${result.loadStart.toFixed(2)} → ${result.loadEnd.toFixed(2)}`,
  );
  console.log(`  submit → tradeExecuted  ${line(result.latency)}`);
  console.log(`  submitOrder response    ${line(result.response)}`);
  console.log(`  response → trade        ${line(result.afterResponse)}`);
  console.log(`  send lag (vs schedule)  ${line(result.lag)}`);
  const stackCpu = result.stackCpuMs === undefined ? "" : `, stack ${(result.stackCpuMs / result.count).toFixed(2)} ms`;
  console.log(`  CPU per order           bench ${(result.clientCpuMs / result.count).toFixed(2)} ms${stackCpu}`);
  if (result.missing > 0 || result.late > 0 || result.submitErrors > 0)
    console.log(
      `  ${result.missing} without a trade (${result.submitErrors} failed to submit), ${result.late} over ${TRADE_DEADLINE_MS} ms` +
        `${result.examples.length > 0 ? `; e.g. ${result.examples.join(", ")}` : ""}`,
    );
}

// ---------------------------------------------------------------------------------------------------
// Subscriptions: one graphql-ws connection per bot.

async function openSubscriptions(bots) {
  const wsUrl = gatewayUrl.replace(/^http/, "ws");
  const clients = [];
  let disposing = false;
  let connected = 0;
  let allConnected;
  const ready = new Promise((resolve) => (allConnected = resolve));
  bots.forEach((botId, index) => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: true,
      retryAttempts: 0,
      connectionAckWaitTimeout: CONNECT_TIMEOUT_MS,
      on: {
        connected: () => {
          connected += 1;
          if (connected === bots.length) allConnected();
        },
        closed: (event) => {
          if (!disposing) failures.push(`bot #${index}: socket closed (${event?.code} ${event?.reason ?? ""})`);
        },
        error: (error) => {
          if (!disposing) failures.push(`bot #${index}: socket error: ${error?.message ?? String(error)}`);
        },
      },
    });
    clients.push(client);
    client.subscribe(
      { query: SUBSCRIPTION, variables: { botId } },
      {
        next: (result) => {
          const receivedAt = performance.now();
          if (result.errors) {
            failures.push(`bot #${index}: ${JSON.stringify(result.errors).slice(0, 300)}`);
            return;
          }
          onTrade(index, result.data?.tradeExecuted, receivedAt);
        },
        error: (error) => {
          if (!disposing) failures.push(`bot #${index}: subscription error: ${JSON.stringify(error).slice(0, 300)}`);
        },
        complete: () => {
          if (!disposing) failures.push(`bot #${index}: subscription completed by the server`);
        },
      },
    );
  });
  await withTimeout(
    ready,
    CONNECT_TIMEOUT_MS,
    () => `only ${connected} of ${bots.length} connections acknowledged; ${failures.slice(0, 3).join("; ")}`,
  );
  return {
    async close() {
      disposing = true;
      await withTimeout(
        Promise.allSettled(clients.map((client) => client.dispose())),
        10_000,
        () => "closing the clients took over 10 s",
      ).catch((error) => console.error(error.message));
    },
  };
}

function checkFailures(where) {
  if (failures.length > 0)
    throw new Error(`${where}: ${failures.length} subscription failures:\n  ${failures.slice(0, 10).join("\n  ")}`);
}

/** Until every bot's subscription delivers: rounds of one order per bot. Those orders are not measured. */
async function makeReady(bots) {
  let full = 0;
  let rounds = 0;
  let lastTraded = 0;
  while (full < READINESS_FULL_ROUNDS) {
    if (rounds >= READINESS_MAX_ROUNDS)
      throw new Error(
        `subscriptions not ready after ${rounds} rounds; the last delivered ${lastTraded} of ${bots.length}`,
      );
    rounds += 1;
    const phase = newPhase("readiness");
    phase.scheduledStart = performance.now();
    const sends = bots.map((bot) => submit(phase, bot, performance.now()));
    phase.sending = false;
    await Promise.all(sends);
    if (phase.submitErrors > 0)
      throw new Error(`readiness: submitOrder failed: ${phase.records.find((record) => record.error).error}`);
    await phase.settled(READINESS_WAIT_MS);
    lastTraded = phase.traded;
    full = phase.traded === bots.length ? full + 1 : 0;
    checkFailures("readiness");
  }
  return rounds;
}

// ---------------------------------------------------------------------------------------------------
// Throughput ceiling.

const passes = (result) =>
  result.missing === 0 &&
  result.latency.p99 <= ceilingP99Ms &&
  result.completedRate >= CEILING_MIN_COMPLETION * result.offeredRate;

async function findCeiling(bots, loadResult) {
  const steps = [];
  const up = passes(loadResult);
  let best = up
    ? { offeredRate: loadResult.offeredRate, completedRate: loadResult.completedRate, p99: loadResult.latency.p99 }
    : undefined;
  let stepRate = rate;
  for (let step = 0; step < ceilingMaxSteps; step += 1) {
    stepRate = up ? stepRate * ceilingFactor : stepRate / ceilingFactor;
    const result = await runPhase(
      `ceiling step ${step + 1} @ ${perS(stepRate)}`,
      bots,
      stepRate,
      ceilingStepS,
      drainS * 1000,
    );
    checkFailures(result.name);
    const ok = passes(result);
    steps.push({ ...result, ok });
    console.log(
      `  ${result.name.padEnd(26)} completed ${perS(result.completedRate).padStart(8)}` +
        `  p50 ${ms(result.latency.p50).padStart(10)}  p99 ${ms(result.latency.p99).padStart(10)}  max ${ms(result.latency.max).padStart(10)}` +
        `  send lag p99 ${ms(result.lag.p99).padStart(9)}  stack CPU ${result.stackCpuMs === undefined ? "?" : `${((result.stackCpuMs / (ceilingStepS * 1000)) * 100).toFixed(0)} %`}` +
        `  load ${result.loadEnd.toFixed(2)}  ${ok ? "pass" : "FAIL"}` +
        `${result.missing > 0 ? `  ${result.missing} without a trade` : ""}${result.late > 0 ? `  ${result.late} over ${TRADE_DEADLINE_MS} ms` : ""}`,
    );
    if (ok && (best === undefined || result.offeredRate > best.offeredRate))
      best = { offeredRate: result.offeredRate, completedRate: result.completedRate, p99: result.latency.p99 };
    if (up ? !ok : ok) break;
    await sleep(500);
  }
  return { steps, best };
}

// ---------------------------------------------------------------------------------------------------
// Main, with a watchdog and cleanup on every path.

let cleaningUp;
async function cleanup() {
  cleaningUp ??= (async () => {
    const code = stackHandle === undefined ? 0 : await stackHandle.stop();
    await runCleanupSteps(
      [
        ["dropping the database", dropDatabase],
        ["deleting the Redis keys", deleteRedisKeys],
      ],
      CLEANUP_STEP_TIMEOUT_MS,
    );
    rmSync(dataDir, { recursive: true, force: true });
    return code;
  })();
  return cleaningUp;
}

const watchdog = setTimeout(() => {
  console.error(`FAILED: the benchmark did not finish within ${timeoutS} s`);
  stackHandle?.child.kill("SIGKILL");
  const hardStop = setTimeout(() => process.exit(1), 2 * CLEANUP_STEP_TIMEOUT_MS + 5_000);
  hardStop.unref();
  void cleanup().finally(() => process.exit(1));
}, timeoutS * 1000);
watchdog.unref();

cleanupOnSignals(cleanup);

async function main() {
  const backends = production
    ? `PostgreSQL (fresh database ${databaseName}) + Redis (${redisUrl}, prefix ${queuePrefix}): BullMQ queue, Redis event bus` +
      (split === undefined
        ? ", all in one process"
        : `; a gateway process and ${split === "each" ? `${SUBGRAPHS.length} subgraph processes` : "one of all subgraphs"}`)
    : "embedded defaults (SQLite, in-process queue and event bus)";
  console.log(
    `submitOrder → tradeExecuted through the gateway on ${backends}; ${botCount} bots, MARKET BUY ${QUANTITY} at ${PRICE},` +
      ` open loop (at most ${maxInflight} requests in flight)`,
  );
  console.log(`machine: ${availableParallelism()} cores, load average ${load()} at start; node ${process.version}`);
  const stack = await startStack();
  gatewayUrl = stack.gatewayUrl;
  token = stack.token;

  await payload(
    'mutation { setTicker(symbol: "BTC/USDT", price: "100") { ticker { price } userErrors { message } } }',
    {},
    "setTicker",
  );
  const bots = [];
  for (let i = 0; i < botCount; i += 1) {
    const created = await payload(
      'mutation ($name: String!) { createBot(input: {name: $name, symbol: "BTC/USDT"}) { bot { id } userErrors { message } } }',
      { name: `bench ${i}` },
      "createBot",
    );
    await payload(
      "mutation ($id: ID!) { startBot(id: $id) { bot { status } userErrors { message } } }",
      { id: created.bot.id },
      "startBot",
    );
    bots.push(created.bot.id);
  }
  const subscriptions = await openSubscriptions(bots);
  try {
    const readinessRounds = await makeReady(bots);
    console.log(`subscriptions ready after ${readinessRounds} rounds of ${botCount} orders`);

    const measured = [];
    const run = async (name, ratePerS, seconds, print = true) => {
      const result = await runPhase(name, bots, ratePerS, seconds, TRADE_DEADLINE_MS);
      checkFailures(name);
      measured.push(result);
      if (print) report(result);
      return result;
    };
    if (warmupS > 0) {
      const warm = await run(`warm-up (not counted)`, baselineRate, warmupS, false);
      console.log(
        `warm-up: ${warm.count} orders at ${perS(baselineRate)}, p50 ${ms(warm.latency.p50)}, p99 ${ms(warm.latency.p99)}` +
          `${warm.missing > 0 ? `, ${warm.missing} without a trade` : ""}`,
      );
    }
    const before = await run(`baseline (before) @ ${perS(baselineRate)}`, baselineRate, baselineDurationS);
    const loaded = await run(`load @ ${perS(rate)} for ${durationS} s`, rate, durationS);
    const after = await run(`baseline (after) @ ${perS(baselineRate)}`, baselineRate, baselineDurationS);
    const baseline = summary([...before.samples, ...after.samples]);
    console.log(`baseline, both pooled: submit → tradeExecuted ${line(baseline)}`);

    const measuredMissing = measured.reduce((sum, result) => sum + result.missing + result.late, 0);

    let ceiling;
    if (!values["skip-ceiling"]) {
      console.log(
        `throughput ceiling: ${ceilingStepS} s steps x${ceilingFactor} from ${perS(rate)}; a step passes when every order traded,` +
          ` p99 <= ${ceilingP99Ms} ms and completed >= ${CEILING_MIN_COMPLETION * 100} % of offered`,
      );
      ceiling = await findCeiling(bots, loaded);
    }

    await quiesce("the end");
    const { failedJobs } = await backlog();
    console.log(`failed jobs: ${failedJobs.length === 0 ? "none" : failedJobs.join(", ")}`);
    for (const [message, count] of stackHandle.warnings)
      console.log(`the stack logged ${count} x warn/error: ${message}`);
    console.log(
      `events: ${unknownEvents} unknown, ${duplicateEvents} duplicates, ${mismatchedEvents} with another order id than submitOrder returned`,
    );
    console.log(
      `x baseline (${perS(baselineRate)}): p50 ${ratio(loaded.latency.p50, baseline.p50)}, p99 ${ratio(loaded.latency.p99, baseline.p99)};` +
        ` load average ${load()} at the end`,
    );
    const met = loaded.latency.p99 < TARGET_P99_MS;
    console.log(
      `at ${perS(rate)} for ${durationS} s: p50 = ${ms(loaded.latency.p50)}, p99 = ${ms(loaded.latency.p99)}` +
        ` (target p99 < ${TARGET_P99_MS} ms${met ? "" : ": NOT MET"}); x baseline p99: ${ratio(loaded.latency.p99, baseline.p99)}`,
    );
    if (ceiling !== undefined) {
      const tested = ceiling.steps.map((step) => step.offeredRate);
      const bound =
        ceiling.best === undefined
          ? `below ${perS(Math.min(...tested, rate))} (no step passed)`
          : `${perS(ceiling.best.completedRate)} completed (offered ${perS(ceiling.best.offeredRate)},` +
            ` p99 ${ms(ceiling.best.p99)} = ${ratio(ceiling.best.p99, baseline.p99)} x baseline p99)`;
      const failedAbove = ceiling.steps
        .filter((step) => !step.ok && step.offeredRate > (ceiling.best?.offeredRate ?? 0))
        .sort((a, b) => a.offeredRate - b.offeredRate)[0];
      console.log(
        `throughput ceiling: ${bound}${failedAbove ? `; ${perS(failedAbove.offeredRate)} failed (p99 ${ms(failedAbove.latency.p99)})` : ""};` +
          ` x the ${perS(rate)} target: ${ceiling.best === undefined ? "-" : ratio(ceiling.best.completedRate, rate)}`,
      );
      const saturated = [loaded, ...ceiling.steps].reduce((a, b) => (b.completedRate > a.completedRate ? b : a));
      console.log(
        `highest completed rate of any phase, latency unbounded: ${perS(saturated.completedRate)}` +
          ` (${saturated.name}, p50 ${ms(saturated.latency.p50)})`,
      );
      const lost = ceiling.steps.reduce((sum, step) => sum + step.missing, 0);
      if (lost > 0) throw new Error(`${lost} orders of the ceiling steps produced no trade within ${drainS} s`);
    }
    if (measuredMissing > 0)
      throw new Error(
        `${measuredMissing} orders of the measured phases produced no trade within ${TRADE_DEADLINE_MS} ms`,
      );
    if (mismatchedEvents > 0)
      throw new Error(`${mismatchedEvents} events carried another order id than submitOrder returned`);
  } finally {
    await subscriptions.close();
  }
}

await runBenchmark({ main, cleanup, watchdog, tail: () => stackHandle?.tail() ?? "" });
