#!/usr/bin/env node
// Event fan-out latency (issue 3, item 7: "p99 < 100 ms to 500 subscribers"). Starts the built stack
// (dist/src/cli/start.js, every port 0, a temporary DATA_DIR; `--redis` adds REDIS_URL so the event bus
// and the queue run on Redis), creates one bot and opens `--subscribers` graphql-ws connections to the
// gateway, each its own client and socket (like that many users), all subscribed to
// `botStatusChanged(botId)` of that bot with the admin token. Each round sends pauseBot or startBot over
// HTTP; latency = a subscriber's receive time − the time just before the mutation was sent, so it covers
// mutation → outbox commit → relay → event bus → bots subgraph graphql-ws → gateway → client.
// Every subscriber must receive every round's event within 5 s, exactly once, or the run fails.
// Baseline in the same run: the same measurement with ONE subscriber, before and after the fan-out
// phase (pooled), so the ratio shows what fanning out to many costs.
// Subscriptions are made ready by warm-up changes until every subscriber receives them (the subgraphs'
// "subscription started" log is info level, hidden at LOG_LEVEL=warn).
// The clients run in this process, on the same machine as the stack: their receive timestamps include
// this process's own work for 500 sockets (its CPU per round is printed).
// Usage: npm run build && node bench/fanout.mjs [--subscribers 500] [--rounds 30] [--baseline-rounds 100]
//        [--gap 100] [--redis] [--redis-url redis://127.0.0.1:6379] [--timeout 600]
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import {
  benchStackEnv,
  cleanupOnSignals,
  runBenchmark,
  graphqlRequest,
  percentile,
  startChildStack,
  withTimeout,
} from "./lib/child-stack.mjs";

const { values } = parseArgs({
  options: {
    subscribers: { type: "string", default: "500" },
    rounds: { type: "string", default: "30" },
    "baseline-rounds": { type: "string", default: "100" },
    gap: { type: "string", default: "100" },
    redis: { type: "boolean", default: false },
    "redis-url": { type: "string", default: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
    timeout: { type: "string", default: "600" },
  },
});

function positiveInt(name, min = 1) {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name}: expected an integer >= ${min}, got ${JSON.stringify(values[name])}`);
    process.exit(2);
  }
  return value;
}

const subscribers = positiveInt("subscribers");
const rounds = positiveInt("rounds");
const baselineRounds = positiveInt("baseline-rounds");
const gapMs = positiveInt("gap", 0);
const timeoutS = positiveInt("timeout");
const redisUrl = values.redis ? values["redis-url"] : undefined;
const TARGET_P99_MS = 100;
const DELIVERY_TIMEOUT_MS = 5_000; // every subscriber must have the event by then
const READY_TIMEOUT_MS = 60_000; // stack spawn → "Admin token" line
const CONNECT_TIMEOUT_MS = 30_000; // all connections acknowledged
const WARMUP_WAIT_MS = 1_500; // per warm-up change
const WARMUP_MAX_CHANGES = 30;
const WARMUP_FULL_CHANGES = 3; // consecutive changes every subscriber received before measuring
const HTTP_TIMEOUT_MS = 10_000;
const EXIT_TIMEOUT_MS = 15_000;

const dataDir = mkdtempSync(join(tmpdir(), "bench-fanout-"));

// ---------------------------------------------------------------------------------------------------
// The stack as a child process.

let stackHandle; // set as soon as the child is spawned, so cleanup can always stop it

async function startStack() {
  const env = benchStackEnv(dataDir, redisUrl === undefined ? {} : { REDIS_URL: redisUrl });
  return startChildStack({
    env,
    readyTimeoutMs: READY_TIMEOUT_MS,
    exitTimeoutMs: EXIT_TIMEOUT_MS,
    adminToken: true,
    onSpawn: (handle) => (stackHandle = handle),
  });
}

// ---------------------------------------------------------------------------------------------------
// Helpers.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const graphql = (gatewayUrl, token, query, variables) =>
  graphqlRequest(gatewayUrl, token, query, variables, HTTP_TIMEOUT_MS);

function summary(samples) {
  const sorted = Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}

const ms = (value) => `${value.toFixed(1)} ms`;
const line = (s) => `p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (${s.count} samples)`;

// ---------------------------------------------------------------------------------------------------
// Subscribers and rounds.

const SUBSCRIPTION = "subscription ($botId: ID) { botStatusChanged(botId: $botId) { id status } }";
const TRANSITIONS = {
  RUNNING: "mutation ($id: ID!) { change: startBot(id: $id) { bot { status } userErrors { message } } }",
  PAUSED: "mutation ($id: ID!) { change: pauseBot(id: $id) { bot { status } userErrors { message } } }",
};

/**
 * `count` graphql-ws clients (one socket each) subscribed to the bot. `expect(status)` arms a round;
 * `wait(ms)` resolves with each subscriber's receive time once all have it.
 */
async function openSubscribers(wsUrl, token, botId, count) {
  const clients = [];
  const failures = [];
  let disposing = false;
  let round; // { status, times: Float64Array (NaN = not yet), got, done, resolve }
  let unexpected = 0;
  let connectedCount = 0;
  let allConnected;
  const connected = new Promise((resolve) => (allConnected = resolve));

  for (let index = 0; index < count; index += 1) {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: true,
      retryAttempts: 0,
      connectionAckWaitTimeout: CONNECT_TIMEOUT_MS,
      on: {
        connected: () => {
          connectedCount += 1;
          if (connectedCount === count) allConnected();
        },
        closed: (event) => {
          if (!disposing) failures.push(`subscriber #${index}: socket closed (${event?.code} ${event?.reason ?? ""})`);
        },
        error: (error) => {
          if (!disposing) failures.push(`subscriber #${index}: socket error: ${error?.message ?? String(error)}`);
        },
      },
    });
    clients.push(client);
    client.subscribe(
      { query: SUBSCRIPTION, variables: { botId } },
      {
        next: (result) => {
          const now = performance.now();
          if (result.errors) {
            failures.push(`subscriber #${index}: ${JSON.stringify(result.errors).slice(0, 300)}`);
            return;
          }
          const status = result.data?.botStatusChanged?.status;
          if (round === undefined || round.status !== status || !Number.isNaN(round.times[index])) {
            unexpected += 1;
            return;
          }
          round.times[index] = now;
          round.got += 1;
          if (round.got === count) round.resolve();
        },
        error: (error) => {
          if (!disposing)
            failures.push(`subscriber #${index}: subscription error: ${JSON.stringify(error).slice(0, 300)}`);
        },
        complete: () => {
          if (!disposing) failures.push(`subscriber #${index}: subscription completed by the server`);
        },
      },
    );
  }

  await withTimeout(
    connected,
    CONNECT_TIMEOUT_MS,
    () =>
      `only ${connectedCount} of ${count} connections acknowledged within ${CONNECT_TIMEOUT_MS} ms; ${failures.slice(0, 3).join("; ")}`,
  );

  return {
    failures,
    get unexpected() {
      return unexpected;
    },
    resetUnexpected() {
      unexpected = 0;
    },
    expect(status) {
      let resolve;
      const done = new Promise((settle) => (resolve = settle));
      round = { status, times: new Float64Array(count).fill(NaN), got: 0, done, resolve };
    },
    /** Resolves with the receive times, or rejects with how many (and which) are missing. */
    async wait(timeoutMs) {
      const current = round;
      try {
        await withTimeout(current.done, timeoutMs, () => "missing");
        return current.times;
      } catch {
        const missing = [];
        current.times.forEach((time, index) => Number.isNaN(time) && missing.push(index));
        const error = new Error(
          `${missing.length} of ${count} subscribers did not receive the ${current.status} event within ${timeoutMs} ms` +
            ` (subscribers #${missing.slice(0, 10).join(", #")}${missing.length > 10 ? ", ..." : ""})`,
        );
        error.missing = missing.length;
        throw error;
      }
    },
    async close() {
      disposing = true;
      await withTimeout(
        Promise.allSettled(clients.map((client) => client.dispose())),
        10_000,
        () => "closing the clients took over 10 s",
      );
    },
  };
}

/** A phase: `count` subscribers, warm-up, then `roundCount` measured rounds. */
async function runPhase(name, stack, bot, count, roundCount) {
  const wsUrl = stack.gatewayUrl.replace(/^http/, "ws");
  const openStart = performance.now();
  const subs = await openSubscribers(wsUrl, stack.token, bot.id, count);
  const openMs = performance.now() - openStart;
  const next = () => (bot.status === "RUNNING" ? "PAUSED" : "RUNNING");
  const change = async (status) => {
    const data = await graphql(stack.gatewayUrl, stack.token, TRANSITIONS[status], { id: bot.id });
    if (data.change.userErrors.length > 0 || data.change.bot?.status !== status)
      throw new Error(`${status}: ${JSON.stringify(data.change)}`);
    bot.status = status;
  };
  const checkFailures = () => {
    if (subs.failures.length > 0)
      throw new Error(
        `${name}: ${subs.failures.length} subscriber failures:\n  ${subs.failures.slice(0, 10).join("\n  ")}`,
      );
  };

  try {
    // Warm-up: until WARMUP_FULL_CHANGES consecutive changes reached every subscriber.
    let full = 0;
    let changes = 0;
    const warmStart = performance.now();
    let lastGot = 0;
    while (full < WARMUP_FULL_CHANGES) {
      if (changes >= WARMUP_MAX_CHANGES)
        throw new Error(
          `${name}: after ${changes} warm-up changes, the last one reached only ${lastGot} of ${count} subscribers`,
        );
      changes += 1;
      const status = next();
      subs.expect(status);
      await change(status);
      try {
        await subs.wait(WARMUP_WAIT_MS);
        full += 1;
      } catch (error) {
        lastGot = count - error.missing;
        full = 0;
      }
      checkFailures();
      await sleep(gapMs);
    }
    const warmMs = performance.now() - warmStart;
    subs.resetUnexpected();

    const latencies = new Float64Array(count * roundCount);
    const mutationMs = [];
    const lastMs = []; // per round: the slowest subscriber
    const spreadMs = []; // per round: slowest − fastest subscriber
    const cpuStart = process.cpuUsage();
    const stackCpuStart = stackHandle.cpuMs();
    for (let r = 0; r < roundCount; r += 1) {
      const status = next();
      subs.expect(status);
      const t0 = performance.now();
      const mutation = change(status).then(() => performance.now() - t0);
      const [mutationTime, times] = await Promise.all([
        mutation,
        subs.wait(DELIVERY_TIMEOUT_MS).catch((error) => {
          throw new Error(`${name}, round ${r + 1}: ${error.message}`);
        }),
      ]);
      checkFailures();
      let first = Infinity;
      let last = -Infinity;
      for (let i = 0; i < count; i += 1) {
        const latency = times[i] - t0;
        latencies[r * count + i] = latency;
        if (latency < first) first = latency;
        if (latency > last) last = latency;
      }
      mutationMs.push(mutationTime);
      lastMs.push(last);
      spreadMs.push(last - first);
      await sleep(gapMs);
    }
    const cpu = process.cpuUsage(cpuStart);
    const stackCpuEnd = stackHandle.cpuMs();
    // Late duplicates of the last round arrive during the gap; any event outside its round fails the run.
    if (subs.unexpected > 0)
      throw new Error(`${name}: ${subs.unexpected} unexpected events (duplicates or events of another round)`);
    return {
      name,
      count,
      rounds: roundCount,
      openMs,
      warmMs,
      warmChanges: changes,
      latency: summary(latencies),
      mutation: summary(mutationMs),
      last: summary(lastMs),
      spread: summary(spreadMs),
      clientCpuMsPerRound: (cpu.user + cpu.system) / 1000 / roundCount,
      stackCpuMsPerRound:
        stackCpuStart === undefined || stackCpuEnd === undefined
          ? undefined
          : (stackCpuEnd - stackCpuStart) / roundCount,
      samples: latencies,
    };
  } finally {
    await subs.close();
  }
}

function report(phase) {
  console.log(
    `${phase.name}: ${phase.count} subscriber(s), ${phase.rounds} rounds;` +
      ` connected in ${ms(phase.openMs)}, ready after ${phase.warmChanges} warm-up changes (${ms(phase.warmMs)})`,
  );
  console.log(`  delivery latency     ${line(phase.latency)}`);
  if (phase.count > 1) {
    console.log(`  slowest per round    ${line(phase.last)}`);
    console.log(`  spread per round     ${line(phase.spread)}`);
  }
  console.log(`  mutation response    ${line(phase.mutation)}`);
  const stackCpu =
    phase.stackCpuMsPerRound === undefined ? "" : `, stack ${phase.stackCpuMsPerRound.toFixed(1)} ms (incl. the gap)`;
  console.log(`  CPU per round        bench clients ${phase.clientCpuMsPerRound.toFixed(1)} ms${stackCpu}`);
}

// ---------------------------------------------------------------------------------------------------
// Main, with a watchdog and cleanup on every path.

let cleaningUp;
async function cleanup() {
  cleaningUp ??= (async () => {
    const code = stackHandle === undefined ? 0 : await stackHandle.stop();
    rmSync(dataDir, { recursive: true, force: true });
    return code;
  })();
  return cleaningUp;
}

const watchdog = setTimeout(() => {
  console.error(`FAILED: the benchmark did not finish within ${timeoutS} s`);
  stackHandle?.child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
}, timeoutS * 1000);
watchdog.unref();

cleanupOnSignals(cleanup);

async function main() {
  console.log(
    `event fan-out through the gateway: ${subscribers} subscribers x ${rounds} rounds,` +
      ` baseline 1 subscriber x ${baselineRounds} rounds before and after, ${gapMs} ms between rounds,` +
      ` event bus ${redisUrl === undefined ? "in-memory (embedded)" : `Redis (${redisUrl})`}`,
  );
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)} at start`);
  const stack = await startStack();
  const created = await graphql(
    stack.gatewayUrl,
    stack.token,
    'mutation { createBot(input: {name: "fanout", symbol: "BTC/USDT"}) { bot { id status } userErrors { message } } }',
  );
  const bot = created.createBot.bot;
  if (!bot) throw new Error(`createBot: ${JSON.stringify(created)}`);

  const before = await runPhase("baseline (before)", stack, bot, 1, baselineRounds);
  report(before);
  const fanout = await runPhase("fan-out", stack, bot, subscribers, rounds);
  report(fanout);
  const after = await runPhase("baseline (after)", stack, bot, 1, baselineRounds);
  report(after);
  const baseline = summary([...before.samples, ...after.samples]);
  console.log(`baseline, both pooled: ${line(baseline)}`);

  const deliveries = subscribers * rounds;
  console.log(
    `every subscriber got every event: ${subscribers} connections x ${rounds} rounds = ${deliveries} deliveries,` +
      ` 0 missing, 0 duplicates`,
  );
  for (const [message, count] of stackHandle.warnings)
    console.log(`the stack logged ${count} x warn/error: ${message}`);
  console.log(
    `x single subscriber: p50 ${(fanout.latency.p50 / baseline.p50).toFixed(2)}, p99 ${(fanout.latency.p99 / baseline.p99).toFixed(2)};` +
      ` load average ${loadavg()[0].toFixed(2)} at the end`,
  );
  const met = fanout.latency.p99 < TARGET_P99_MS;
  console.log(
    `fan-out to ${subscribers} subscribers: p99 = ${fanout.latency.p99.toFixed(1)} ms` +
      ` (target < ${TARGET_P99_MS} ms${met ? "" : ": NOT MET"}); x single subscriber p99: ${(fanout.latency.p99 / baseline.p99).toFixed(2)}`,
  );
}

await runBenchmark({ main, cleanup, watchdog, tail: () => stackHandle?.tail() ?? "" });
