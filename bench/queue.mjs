#!/usr/bin/env node
// Queue throughput: no-op jobs from enqueue to handled, per second, through our TaskQueue (bullmq
// backend) against raw BullMQ (Queue + Worker) in the same run, on the same Redis, with the same
// concurrency, the same job options (attempts 1, removeOnComplete/removeOnFail as our backend sets
// them) and the same producer (single adds, `--inflight` at a time). Rounds alternate which side
// goes first; the result is the median of each round's ours/raw ratio. This process's CPU time per
// job is printed too: on a busy machine it shows the abstraction's own cost more steadily than
// wall-clock rates do. The memory backend's figure is printed for information.
// Each round uses its own key prefix, deleted afterwards.
// Usage: npm run build && node bench/queue.mjs [--jobs 3000] [--rounds 9] [--concurrency 20] [--inflight 50]
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { createLogger } from "../dist/src/observability/logger.js";
import { TASKS } from "../dist/src/cli/catalog.js";
import { createTaskQueue } from "../dist/src/queue/index.js";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "3000" },
    rounds: { type: "string", default: "9" },
    concurrency: { type: "string", default: "20" },
    inflight: { type: "string", default: "50" },
    redis: { type: "string", default: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
  },
});
const jobs = Number(values.jobs);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const inflight = Number(values.inflight);
const redisUrl = values.redis;
const logger = createLogger({ level: "warn", pretty: false });
// What our bullmq backend adds to every job (src/queue/job-rules.ts KEEP_FINISHED), for the raw side too.
const jobOptions = { attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } };

/** Calls `add` `count` times, `inflight` at a time. */
async function produce(count, add) {
  let started = 0;
  await Promise.all(
    Array.from({ length: Math.min(inflight, count) }, async () => {
      while (started < count) {
        started += 1;
        await add();
      }
    }),
  );
}

/** A promise resolved by the `count`-th call of the returned `tick`, with the time it happened. */
function countdown(count) {
  let left = count;
  let resolve;
  const done = new Promise((settle) => (resolve = settle));
  return {
    done,
    tick() {
      left -= 1;
      if (left === 0) resolve(performance.now());
    },
  };
}

/** Fails unless every job of the round completed; then deletes the round's keys. */
async function checkAndDelete(side, prefix) {
  const redis = new Redis(redisUrl);
  const queue = new Queue("jobs", { connection: redis, prefix });
  const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "failed");
  await queue.close();
  if (Object.values(counts).some((count) => count > 0)) {
    throw new Error(`${side}: not every job completed: ${JSON.stringify(counts)}`);
  }
  const keys = [];
  for await (const batch of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) keys.push(...batch);
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
  await redis.quit();
}

/** Jobs per second through our interface, and this process's CPU microseconds per job. */
async function ours(backend) {
  const prefix = `bench-queue-${randomUUID()}`;
  const queue = createTaskQueue({
    backend,
    redisUrl,
    prefix,
    shutdownTimeoutMs: 10_000,
    stalledIntervalMs: 30_000,
    lockDurationMs: 30_000,
    logger,
    tasks: TASKS,
  });
  const handled = countdown(jobs);
  queue.process(
    "maintenance.noop",
    () => {
      handled.tick();
      return Promise.resolve();
    },
    { concurrency },
  );
  await queue.stats(); // connected, like the raw side's waitUntilReady
  const cpu = process.cpuUsage();
  const start = performance.now();
  await produce(jobs, () => queue.enqueue("maintenance.noop", {}));
  const end = await handled.done;
  const used = process.cpuUsage(cpu);
  await queue.close();
  if (backend === "bullmq") await checkAndDelete("ours", prefix);
  else {
    const [stats] = await queue.stats(); // the memory queue still answers reads once closed
    if (stats.completed !== Math.min(jobs, 1000) || stats.failed > 0)
      throw new Error(`memory: ${JSON.stringify(stats)}`);
  }
  return { rate: (jobs / (end - start)) * 1000, cpu: (used.user + used.system) / jobs };
}

/** Jobs per second through BullMQ directly, and this process's CPU microseconds per job. */
async function raw() {
  const prefix = `bench-queue-${randomUUID()}`;
  const connection = new Redis(redisUrl);
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("jobs", { connection, prefix });
  const handled = countdown(jobs);
  const worker = new Worker(
    "jobs",
    () => {
      handled.tick();
      return Promise.resolve();
    },
    { connection: workerConnection, prefix, concurrency },
  );
  await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
  const cpu = process.cpuUsage();
  const start = performance.now();
  await produce(jobs, () => queue.add("maintenance.noop", {}, jobOptions));
  const end = await handled.done;
  const used = process.cpuUsage(cpu);
  await worker.close();
  await queue.close();
  await Promise.all([connection.quit(), workerConnection.quit()]);
  await checkAndDelete("raw", prefix);
  return { rate: (jobs / (end - start)) * 1000, cpu: (used.user + used.system) / jobs };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const format = (rate) => `${Math.round(rate).toLocaleString("en-US")} jobs/s`;

console.log(
  `${jobs} no-op jobs per round, ${rounds} rounds per side,`,
  `concurrency ${concurrency}, ${inflight} adds in flight, ${redisUrl}`,
);
await ours("bullmq"); // warm-up: scripts loaded into Redis, code paths compiled
await raw();
const results = { ours: [], raw: [] };
for (let round = 1; round <= rounds; round += 1) {
  const order = round % 2 === 1 ? ["ours", "raw"] : ["raw", "ours"];
  for (const side of order) {
    const result = side === "ours" ? await ours("bullmq") : await raw();
    results[side].push(result);
    console.log(`round ${round}  ${side.padEnd(4)}  ${format(result.rate)}  ${result.cpu.toFixed(0)} µs CPU/job`);
  }
}
const oursRate = median(results.ours.map((result) => result.rate));
const rawRate = median(results.raw.map((result) => result.rate));
// Each round's two runs are back to back, so their ratio is the least disturbed by a changing machine load.
const roundRatio = median(results.ours.map((result, index) => result.rate / results.raw[index].rate));
const oursCpu = median(results.ours.map((result) => result.cpu));
const rawCpu = median(results.raw.map((result) => result.cpu));
console.log(`TaskQueue (bullmq) median: ${format(oursRate)}, ${oursCpu.toFixed(1)} µs CPU/job`);
console.log(`raw BullMQ median:         ${format(rawRate)}, ${rawCpu.toFixed(1)} µs CPU/job`);
console.log(`ratio of medians:          ${(oursRate / rawRate).toFixed(3)}`);
console.log(`median of round ratios:    ${roundRatio.toFixed(3)} (target >= 0.9)`);
console.log(`CPU per job, raw/ours:     ${(rawCpu / oursCpu).toFixed(3)}`);
const memory = [];
for (let round = 1; round <= rounds; round += 1) memory.push(await ours("memory"));
console.log(`TaskQueue (memory) median: ${format(median(memory.map((result) => result.rate)))} (information)`);
